// Cluster end to end: a ride led through frontend 1, followed through frontends 1 and 2, replaying a real recorded ride;
// the silo process that owns the ride is killed (SIGKILL) mid-replay. ./test starts the 2 silos and 2 frontends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logIn } from '../../tools/chat-client.mjs';
import { readGpx } from '../../tools/gpx.mjs';
import { connectRideHub, createRoute, errorCode, positionAt } from '../../tools/ride-client.mjs';
import { GPX_DIR, until } from '../e2e/support.mjs';

const FRONTENDS = (process.env.E2E_FRONTENDS ?? 'http://127.0.0.1:5093,http://127.0.0.1:5094').split(',');
const ADMIN = { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@e2e.test', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' };
// Process ids are shown to staff only.
const getData = async (url, token) =>
  (await (await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()).data;

test('followers on two frontends keep receiving, in order and without duplicates, when the owning silo is killed', async () => {
  const points = await readGpx(`${GPX_DIR}/1292585194-20906.gpx`);
  const route = await createRoute(FRONTENDS[0], { name: 'Boise failover', waypoints: [{ lat: points[0].lat, lng: points[0].lng }] });
  const followers = await Promise.all([0, 0, 0, 1, 1, 1].map((f) => connectRideHub(FRONTENDS[f])));
  const leader = await connectRideHub(FRONTENDS[0]);
  try {
    await replayThroughFailover(points, route, leader, followers);
  } finally {
    await Promise.all([leader, ...followers].map((c) => c.stop()));
  }
});

async function replayThroughFailover(points, route, leader, followers) {
  const received = followers.map(() => []);
  followers.forEach((c, i) => c.on('locationUpdated', (p) => received[i].push({ seq: p.seq, at: Date.now() })));
  for (const follower of followers) {
    await follower.invoke('JoinRide', { accessCode: route.accessCode, role: 'follower' });
  }
  await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });

  const before = await getData(`${FRONTENDS[0]}/api/v1/cluster/owner/ride/${route.accessCode}`);
  const admin = (await logIn(FRONTENDS[0], ADMIN.email, ADMIN.password)).accessToken;
  const silos = (await getData(`${FRONTENDS[0]}/api/v1/cluster`, admin)).silos;
  const victim = silos.find((s) => s.siloId === before.siloId);
  assert.equal(silos.filter((s) => s.status === 'active').length, 2);

  const acked = [];
  const failures = [];
  let killedAt = 0;
  for (let i = 0; i < points.length; i++) {
    if (i === 1500) {
      process.kill(victim.processId, 'SIGKILL');
      killedAt = Date.now();
    }
    try {
      acked.push((await leader.invoke('UpdateLocation', route.accessCode, positionAt(points, i))).seq);
    } catch (error) {
      failures.push(errorCode(error));
    }
  }
  await until(() => received.every((r) => acked.every((seq) => r.some((p) => p.seq === seq))), 'followers to receive every acknowledged position', 30000);

  const after = await getData(`${FRONTENDS[1]}/api/v1/cluster/owner/ride/${route.accessCode}`);
  const cluster = await getData(`${FRONTENDS[1]}/api/v1/cluster`);
  console.log(`[failover] ${points.length} points, ${acked.length} acknowledged, ${failures.length} failed`);

  assert.notEqual(after.siloId, before.siloId, 'the ride moved to the surviving silo');
  assert.equal(cluster.silos.find((s) => s.siloId === victim.siloId).status, 'dead');
  const counts = failures.reduce((all, code) => ({ ...all, [code]: (all[code] ?? 0) + 1 }), {});
  const byCode = Object.entries(counts).map(([code, n]) => `${code} ×${n}`).join(', ');
  assert.ok(failures.every((code) => code === 'SILO_UNAVAILABLE'), `unexpected failures: ${byCode}`);
  assert.ok(failures.length <= 10, `${failures.length} positions failed`);
  assert.ok(acked.length >= points.length - 10);
  for (const [i, positions] of received.entries()) {
    const seqs = positions.map((p) => p.seq);
    assert.ok(seqs.every((seq, k) => k === 0 || seq > seqs[k - 1]), `follower ${i}: a duplicate or out-of-order position`);
    const extra = seqs.filter((seq) => !acked.includes(seq));
    assert.ok(extra.length <= failures.length, `follower ${i}: ${extra.length} positions that were never acknowledged`);
    const gap = Math.max(...positions.slice(1).map((p, k) => (p.at >= killedAt && positions[k].at <= killedAt + 5000 ? p.at - positions[k].at : 0)));
    console.log(`[failover] follower ${i} (frontend ${i < 3 ? 1 : 2}): ${seqs.length} positions, longest gap around the kill ${gap} ms`);
    assert.ok(gap < 5000, `follower ${i} waited ${gap} ms`);
  }
}
