// submit-route.html: a route from waypoints clicked on the map, with region, tags, departure, duration and recurrence
// (POST /api/v1/routes), then its first ride on the chosen date (POST /api/v1/routes/{id}/instances with the new leader
// key). The access code and the leader key are shown once, as the server returns them only in this answer.
/* global L */
import { createMap, setText, showError } from './common.js';
import { $, api, element, fillCheckboxes, fillRegionSelect, loadRegions, loadTags, ready, showRegion } from './catalog.js';
import { recurrenceFields, WEEKDAYS } from './recurrence.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const [regions, tags] = await Promise.all([loadRegions(), loadTags()]).catch((error) => { showError(error); return [[], []]; });
fillRegionSelect($('region'), regions);
const checkedTags = fillCheckboxes($('tags'), tags, 'tag');
const checkedDays = fillCheckboxes($('days'), WEEKDAYS.map((code, i) => ({ id: code, name: DAY_NAMES[i] })), 'day');
const tomorrow = new Date(Date.now() + 86400000);
$('first-date').value = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;

const map = await createMap('map');
showRegion(map, regions[0]);
const waypoints = [];
const line = L.polyline([], { color: '#0b6e4f' }).addTo(map);
const markers = L.layerGroup().addTo(map);

function redraw() {
  markers.clearLayers();
  line.setLatLngs(waypoints.map((w) => [w.lat, w.lng]));
  $('waypoints').replaceChildren(...waypoints.map((waypoint, i) => {
    L.circleMarker([waypoint.lat, waypoint.lng], { radius: 5 }).bindTooltip(String(i + 1)).addTo(markers);
    const remove = element('button', 'remove', 'secondary');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove waypoint ${i + 1}`);
    remove.addEventListener('click', () => { waypoints.splice(i, 1); redraw(); $('waypoints-heading').focus?.(); });
    const item = element('li', `${i + 1}. ${waypoint.lat.toFixed(5)}, ${waypoint.lng.toFixed(5)} `);
    item.append(remove);
    return item;
  }));
  setText('waypoint-count', String(waypoints.length));
}

const add = ({ lat, lng }) => { waypoints.push({ lat, lng }); redraw(); };
map.on('click', (event) => add(event.latlng));
$('add-centre').addEventListener('click', () => add(map.getCenter()));
$('region').addEventListener('change', () => showRegion(map, regions.find((r) => r.id === $('region').value)));
$('recurrence').addEventListener('change', () => {
  const frequency = document.querySelector('input[name=frequency]:checked').value;
  $('days').classList.toggle('hidden', frequency !== 'weekly');
  $('until-row').classList.toggle('hidden', frequency === 'none');
});

function routeBody() {
  const duration = $('duration').value;
  return {
    name: $('name').value,
    description: $('description').value || null,
    waypoints,
    regionId: $('region').value,
    neighborhood: $('neighborhood').value || null,
    tagIds: checkedTags(),
    departureTime: $('departure').value,
    estimatedDuration: duration ? Number(duration) : null,
    ...recurrenceFields({ frequency: document.querySelector('input[name=frequency]:checked').value, days: checkedDays(), endDate: $('end-date').value }),
  };
}

function showCreated(route, ride) {
  setText('created-code', route.accessCode);
  setText('created-key', route.leaderKey);
  setText('created-status', route.status === 'approved'
    ? 'Approved: it is listed now.'
    : 'Pending review: it is listed once staff approve it. Its access code and live ride work already.');
  $('created-ride').classList.toggle('hidden', !ride);
  if (ride) $('ride-link').href = `/ride.html?id=${encodeURIComponent(ride.id)}`;
  $('lead-link').href = `/lead.html?code=${encodeURIComponent(route.accessCode)}#key=${encodeURIComponent(route.leaderKey)}`;
  $('follow-link').href = `/follow.html?code=${encodeURIComponent(route.accessCode)}`;
  $('route-form').classList.add('hidden');
  if ($('created').classList.contains('hidden')) {
    $('created').classList.remove('hidden');
    $('created').focus();
  }
}

$('route-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('error').classList.add('hidden');
  $('submit').disabled = true;
  try {
    if (waypoints.length === 0) throw new Error('waypoints: click the map to add at least one waypoint');
    const route = await api('POST', '/api/v1/routes', routeBody());
    // Shown before the ride is scheduled: should that fail, the leader key (given only in this answer) is not lost.
    showCreated(route, null);
    const date = $('first-date').value;
    if (date) {
      const rides = await api('POST', `/api/v1/routes/${route.id}/instances`, { dates: [date] }, undefined, { 'X-Leader-Key': route.leaderKey });
      showCreated(route, rides[0] ?? null);
    }
  } catch (error) {
    showError(error);
  } finally {
    $('submit').disabled = false;
  }
});
ready();
