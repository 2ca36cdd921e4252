// The index page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { createMap, setText, showError } from '/js/common.js';

document.getElementById('follow-form').addEventListener('submit', (event) => {
  event.preventDefault();
  location.href = `/follow.html?code=${encodeURIComponent(document.getElementById('follow-code').value.trim().toUpperCase())}`;
});

const map = await createMap('map');
const waypoints = [];
const line = L.polyline([], { color: '#0b6e4f' }).addTo(map);
const markers = L.layerGroup().addTo(map);
map.on('click', (event) => {
  waypoints.push({ lat: event.latlng.lat, lng: event.latlng.lng });
  L.circleMarker(event.latlng, { radius: 5 }).addTo(markers);
  line.setLatLngs(waypoints);
  setText('waypoint-count', String(waypoints.length));
});
document.getElementById('clear').addEventListener('click', () => {
  waypoints.length = 0; markers.clearLayers(); line.setLatLngs([]); setText('waypoint-count', '0');
});

// A route belongs to a region (issue 9): offer the catalog's regions.
fetch('/api/v1/regions').then((r) => r.json()).then(({ data }) => {
  const select = document.getElementById('region');
  for (const region of data) select.append(new Option(`${region.name} (${region.timeZone})`, region.id));
});

document.getElementById('route-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  document.getElementById('error').classList.add('hidden');
  const body = {
    name: document.getElementById('name').value,
    description: document.getElementById('description').value || null,
    waypoints,
    departureTime: document.getElementById('departure').value,
    estimatedDuration: document.getElementById('duration').value ? Number(document.getElementById('duration').value) : null,
    regionId: document.getElementById('region').value,
  };
  const response = await fetch('/api/v1/routes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const result = await response.json();
  if (!response.ok) {
    const fields = Object.entries(result.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    showError([result.title, ...fields].join(' — '));
    return;
  }
  const route = result.data;
  setText('created-code', route.accessCode);
  setText('created-key', route.leaderKey);
  document.getElementById('lead-link').href = `/lead.html?code=${route.accessCode}#key=${encodeURIComponent(route.leaderKey)}`;
  document.getElementById('follow-link').href = `/follow.html?code=${route.accessCode}`;
  document.getElementById('created').classList.remove('hidden');
});
