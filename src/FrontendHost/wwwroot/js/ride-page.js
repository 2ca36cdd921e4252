// ride.html?id=: one scheduled ride (GET /api/v1/rides/{id}) with its route on the map (GET /api/v1/routes/{routeId}),
// the "I'm coming" toggle for this browser's anonymous session, "follow live" while the leader broadcasts, the GPX
// download once it is completed, and the reason when it is cancelled. The ride is read again every 15 s so the count and
// the status stay current.
/* global L */
import { createMap, param, setText, showError } from './common.js';
import { $, api, drawRoute, isInterested, localStartText, ready, rememberInterest, withSession } from './catalog.js';

const REFRESH_MS = 15000;
const id = param('id') ?? '';
let ride = null;
let busy = false;

// As the server rules (409 RIDE_NOT_OPEN otherwise): interest is for scheduled rides that have not started.
const isOpen = (r) => r.status === 'scheduled' && new Date(r.startTime) > new Date();

function showInterest() {
  const interested = isInterested(ride.id);
  const button = $('coming');
  button.setAttribute('aria-pressed', String(interested));
  button.textContent = interested ? "I'm coming ✓ (tap to undo)" : "I'm coming";
  button.disabled = busy || !isOpen(ride);
  setText('count', String(ride.interestCount));
}

function show(next) {
  ride = next;
  document.title = `${ride.route.name} · OrleansRides`;
  setText('name', ride.route.name);
  setText('when', localStartText(ride));
  const status = ride.live ? 'live' : ride.status;
  setText('status', status);
  $('status').className = `badge ${status}`;
  setText('where', [ride.route.neighborhood, ride.route.region?.name, ride.route.tags.map((t) => t.name).join(' · ')].filter(Boolean).join(' — '));
  $('cancelled').classList.toggle('hidden', ride.status !== 'cancelled');
  setText('cancelled', ride.status === 'cancelled' ? `This ride is cancelled${ride.cancelReason ? `: ${ride.cancelReason}` : '.'}` : '');
  $('follow').classList.toggle('hidden', !ride.live);
  if (ride.live) $('follow').href = `/follow.html?code=${encodeURIComponent(ride.live.accessCode)}`;
  const downloadable = ride.status === 'completed' && ride.hasTrack;
  $('gpx').classList.toggle('hidden', !downloadable);
  if (downloadable) $('gpx').href = `/api/v1/rides/${encodeURIComponent(ride.id)}/track.gpx`;
  showInterest();
}

async function toggle() {
  const wanted = !isInterested(ride.id);
  busy = true;
  showInterest();
  try {
    const result = await withSession((sessionId) => api(wanted ? 'POST' : 'DELETE', `/api/v1/rides/${encodeURIComponent(ride.id)}/interest`, { sessionId }, null));
    rememberInterest(ride.id, result.interested);
    ride = { ...ride, interestCount: result.interestCount };
  } catch (error) {
    showError(error);
  } finally {
    busy = false;
    showInterest();
  }
}

try {
  show(await api('GET', `/api/v1/rides/${encodeURIComponent(id)}`, null, null));
  $('coming').addEventListener('click', toggle);
  const map = await createMap('map');
  const route = await api('GET', `/api/v1/routes/${encodeURIComponent(ride.routeId)}`, null, null);
  setText('description', route.description ?? '');
  const line = drawRoute(map, route.waypoints);
  map.fitBounds(L.featureGroup(line.getLayers()).getBounds(), { maxZoom: 16, padding: [20, 20] });
  setInterval(() => api('GET', `/api/v1/rides/${encodeURIComponent(id)}`, null, null).then(show).catch(showError), REFRESH_MS);
} catch (error) {
  setText('name', 'Ride not found');
  showError(error);
}
ready();
