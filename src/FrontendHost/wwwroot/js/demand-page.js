// demand.html: a request for a ride (POST /api/v1/demand: start and end picked on the map, days, a time range, the region,
// this browser's session) and the region's heatmap (GET /api/v1/demand/heatmap) drawn as one rectangle per grid cell,
// darker with more requests.
/* global L */
import { createMap, setText, showError } from './common.js';
import { $, api, fillCheckboxes, fillRegionSelect, loadRegions, ready, showRegion, withSession } from './catalog.js';

const CELL = 0.01;
// Day numbers as .NET's DayOfWeek and JavaScript's getDay() count them: 0 is Sunday. Shown Monday first.
const DAYS = [1, 2, 3, 4, 5, 6, 0].map((n) => ({ id: String(n), name: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][n] }));

const regions = await loadRegions().catch((error) => { showError(error); return []; });
fillRegionSelect($('region'), regions);
const checkedDays = fillCheckboxes($('days'), DAYS, 'day');
const map = await createMap('map');
const heat = L.layerGroup().addTo(map);
const points = { start: null, end: null };
const pins = { start: null, end: null };

function place(which, { lat, lng }) {
  points[which] = { lat, lng };
  pins[which]?.remove();
  pins[which] = L.marker([lat, lng], { title: which, alt: which }).bindTooltip(which, { permanent: true }).addTo(map);
  setText(`${which}-text`, `${lat.toFixed(5)}, ${lng.toFixed(5)}`);
  // After the start, the next click sets the end: the usual order needs no extra step.
  if (which === 'start') document.querySelector('input[name=pick][value=end]').checked = true;
}

const picking = () => document.querySelector('input[name=pick]:checked').value;
map.on('click', (event) => place(picking(), event.latlng));
$('centre').addEventListener('click', () => place(picking(), map.getCenter()));

async function drawHeatmap() {
  heat.clearLayers();
  const regionId = $('region').value;
  if (!regionId) return;
  try {
    const result = await api('GET', `/api/v1/demand/heatmap?regionId=${encodeURIComponent(regionId)}&cell=${CELL}`, null, null);
    const most = Math.max(1, ...result.cells.map((c) => c.starts + c.ends));
    const half = result.cell / 2;
    for (const cell of result.cells) {
      // The server gives each cell's centre.
      const total = cell.starts + cell.ends;
      L.rectangle([[cell.lat - half, cell.lng - half], [cell.lat + half, cell.lng + half]], {
        color: '#b3261e', weight: 1, fillOpacity: 0.15 + 0.6 * (total / most), className: 'heat-cell',
      }).bindTooltip(`${cell.starts} starts, ${cell.ends} ends`).addTo(heat);
    }
    setText('heat-summary', result.cells.length === 0
      ? 'No demand to show in this region yet (cells need at least 3 requests).'
      : `${result.cells.length} cells with demand, ${result.cell}° square.`);
  } catch (error) {
    showError(error);
  }
}

$('region').addEventListener('change', () => {
  showRegion(map, regions.find((r) => r.id === $('region').value));
  drawHeatmap();
});

$('demand-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('error').classList.add('hidden');
  try {
    if (!points.start || !points.end) throw new Error('start, end: pick both on the map');
    await withSession((sessionId) => api('POST', '/api/v1/demand', {
      start: points.start,
      end: points.end,
      preferredDays: checkedDays().map(Number),
      preferredTimeRanges: [`${$('from').value}-${$('to').value}`],
      regionId: $('region').value,
      sessionId,
    }, null));
    $('sent').classList.remove('hidden');
    $('sent').focus();
    await drawHeatmap();
  } catch (error) {
    showError(error);
  }
});

showRegion(map, regions[0]);
await drawHeatmap();
ready();
