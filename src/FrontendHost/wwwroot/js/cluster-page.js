// The cluster page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { setText } from '/js/common.js';

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

async function refresh() {
  try {
    const { data } = await (await fetch('/api/v1/cluster')).json();
    setText('mode', data.mode);
    setText('version', String(data.version));
    const active = data.silos.filter((s) => s.status === 'active');
    setText('active', String(active.length));
    setText('activations', String(active.reduce((sum, s) => sum + s.activations, 0)));
    const body = document.getElementById('silos');
    body.replaceChildren();
    for (const silo of data.silos) {
      const row = body.insertRow();
      row.dataset.siloId = silo.siloId;
      row.className = silo.status === 'dead' ? 'dead' : silo.heartbeatAgeSeconds > 2 ? 'stale' : '';
      cell(row, silo.siloId);
      cell(row, silo.status);
      cell(row, silo.host ? `${silo.host} / ${silo.processId}` : '—');
      cell(row, `${silo.heartbeatAgeSeconds.toFixed(1)} s`, 'age');
      cell(row, String(silo.activations));
      cell(row, new Date(silo.startedAt).toLocaleTimeString());
    }
    setText('refreshed', new Date().toLocaleTimeString());
    document.getElementById('error').classList.add('hidden');
  } catch (error) {
    const box = document.getElementById('error');
    box.textContent = `Cannot reach the cluster API: ${error.message}`;
    box.classList.remove('hidden');
  }
}

refresh();
setInterval(refresh, 1000);
