// The follow page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { ago, connectRideHub, createMap, leaderIcon, param, setText, showError } from '/js/common.js';
import { retrying } from '/js/retry.js';

const code = (param('code') ?? '').toUpperCase();
setText('code', code);
const map = await createMap('map');
const trail = L.polyline([], { color: '#0b6e4f', weight: 4 }).addTo(map);
let marker = null;
let last = null;
let fitted = false;

const banners = {
  waiting: ['waiting', 'Waiting for the leader to start the ride…'],
  leaderOffline: ['offline', 'The leader is offline.'],
  ended: ['ended', 'The ride has ended.'],
};
function showStatus(status) {
  setText('status', status);
  const banner = document.getElementById('banner');
  const shown = banners[status];
  banner.className = shown ? `banner ${shown[0]}` : 'banner hidden';
  banner.textContent = shown ? shown[1] : '';
}

function show(position) {
  if (last && position.seq <= last.seq) return; // already seen: the snapshot and a live event may overlap
  last = position;
  trail.addLatLng([position.lat, position.lng]);
  if (!marker) {
    marker = L.marker([position.lat, position.lng], { icon: leaderIcon(), title: 'Leader' }).addTo(map);
  } else {
    marker.setLatLng([position.lat, position.lng]);
  }
  if (!fitted) { map.setView([position.lat, position.lng], 16); fitted = true; } else if (!map.getBounds().contains(marker.getLatLng())) { map.panTo(marker.getLatLng()); }
  setText('last-seq', String(position.seq));
  setText('speed', position.speed == null ? '–' : `${(position.speed * 3.6).toFixed(1)} km/h`);
  const where = document.getElementById('position');
  where.dataset.lat = position.lat; where.dataset.lng = position.lng;
  where.textContent = `${position.lat.toFixed(5)}, ${position.lng.toFixed(5)}`;
  setText('last-update', ago(position.timestamp));
}

function applySnapshot(snapshot) {
  setText('route-name', `· ${snapshot.routeName}`);
  showStatus(snapshot.status);
  setText('followers', String(snapshot.followerCount));
  snapshot.trail.forEach(show);
  if (snapshot.lastPosition) show(snapshot.lastPosition);
}

setInterval(() => { if (last) setText('last-update', ago(last.timestamp)); }, 1000);

try {
  const connection = await connectRideHub();
  connection.on('locationUpdated', show);
  connection.on('followersCount', (e) => setText('followers', String(e.count)));
  connection.on('rideStarted', (snapshot) => { trail.setLatLngs([]); applySnapshot(snapshot); });
  connection.on('leaderOffline', () => showStatus('leaderOffline'));
  connection.on('leaderOnline', () => showStatus('live'));
  connection.on('rideEnded', () => showStatus('ended'));
  const join = () => retrying(() => connection.invoke('JoinRide', { accessCode: code, role: 'follower', displayName: param('name') }));
  connection.onreconnected(async () => applySnapshot(await join()));
  connection.onreconnecting(() => setText('status', 'reconnecting'));
  applySnapshot(await join());
} catch (error) {
  showStatus('error');
  showError(error);
}
