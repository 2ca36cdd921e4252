// The lead page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { connectRideHub, createMap, leaderIcon, param, parseGpx, setText, showError } from '/js/common.js';
import { retrying } from '/js/retry.js';

const map = await createMap('map');
const trail = L.polyline([], { color: '#0b6e4f', weight: 4 }).addTo(map);
let marker = null;
let connection = null;
let code = '';
let sent = 0;
let replaying = null;

document.getElementById('access-code').value = (param('code') ?? '').toUpperCase();
// The key travels in the URL fragment, which browsers never send to the server.
document.getElementById('leader-key').value = new URLSearchParams(location.hash.slice(1)).get('key') ?? '';

function draw(position) {
  trail.addLatLng([position.lat, position.lng]);
  if (!marker) { marker = L.marker([position.lat, position.lng], { icon: leaderIcon() }).addTo(map); map.setView([position.lat, position.lng], 16); }
  marker.setLatLng([position.lat, position.lng]);
}

async function send(position) {
  try {
    draw(await connection.invoke('UpdateLocation', code, position));
    setText('sent', String(++sent));
  } catch (error) {
    showError(error);
  }
}

document.getElementById('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  code = document.getElementById('access-code').value.trim().toUpperCase();
  try {
    connection = await connectRideHub();
    connection.on('followersCount', (e) => setText('followers', String(e.count)));
    connection.on('followerJoined', (e) => setText('follower-log', `${e.displayName ?? 'A follower'} joined`));
    connection.on('followerLeft', (e) => setText('follower-log', `${e.displayName ?? 'A follower'} left`));
    connection.on('rideEnded', (e) => setText('status', `ended (${e.reason})`));
    // Positions are not retried (the next fix supersedes a lost one); joining and ending are.
    const join = () => retrying(() => connection.invoke('JoinRide', { accessCode: code, role: 'leader', leaderKey: document.getElementById('leader-key').value }));
    connection.onreconnected(join);
    const snapshot = await join();
    setText('code', code);
    setText('status', snapshot.status);
    setText('followers', String(snapshot.followerCount));
    snapshot.trail.forEach(draw);
    document.getElementById('join-section').classList.add('hidden');
    document.getElementById('controls').classList.remove('hidden');
  } catch (error) {
    showError(error);
  }
});

document.getElementById('geolocate').addEventListener('click', () => {
  if (!navigator.geolocation) { showError('This browser cannot share its location.'); return; }
  navigator.geolocation.watchPosition(
    (fix) => send({
      lat: fix.coords.latitude, lng: fix.coords.longitude, accuracy: fix.coords.accuracy,
      heading: Number.isFinite(fix.coords.heading) ? fix.coords.heading : null,
      speed: Number.isFinite(fix.coords.speed) ? fix.coords.speed : null,
      timestamp: new Date(fix.timestamp).toISOString(),
    }),
    (error) => showError(`Location unavailable: ${error.message}`),
    { enableHighAccuracy: true, maximumAge: 0 });
});

const gpxInput = document.getElementById('gpx');
gpxInput.addEventListener('change', () => { document.getElementById('replay').disabled = gpxInput.files.length === 0; });
document.getElementById('replay').addEventListener('click', async () => {
  const points = parseGpx(await gpxInput.files[0].text());
  if (points.length === 0) { showError('No track points in that file.'); return; }
  const speed = Math.max(1, Number(document.getElementById('speed').value) || 1);
  replaying = { stopped: false };
  const run = replaying;
  const start = Date.now();
  const first = points[0].time?.getTime();
  for (let i = 0; i < points.length && !run.stopped; i++) {
    const offset = first && points[i].time ? points[i].time.getTime() - first : i * 1000;
    const wait = start + offset / speed - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await send({ lat: points[i].lat, lng: points[i].lng, timestamp: new Date().toISOString() });
  }
});

document.getElementById('end').addEventListener('click', async () => {
  if (replaying) replaying.stopped = true;
  try { await retrying(() => connection.invoke('EndRide', code)); } catch (error) { showError(error); }
});
