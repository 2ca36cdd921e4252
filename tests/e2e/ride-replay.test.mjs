// The main scenario: a real recorded ride (all 2,870 points) replayed, accelerated, to 20 followers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readGpx } from '../../tools/gpx.mjs';
import { positionAt } from '../../tools/ride-client.mjs';
import { connect, GPX_DIR, nextEvent, newRoute, until } from './support.mjs';

const FOLLOWERS = 20;
let route;
let leader;
let followers;
let received;
let accepted;
let lateSnapshot;
let points;

before(async () => {
  points = await readGpx(`${GPX_DIR}/UrbanBiker2019-04-18_16-12.gpx`);
  route = await newRoute('UrbanBiker replay');
  followers = await Promise.all(Array.from({ length: FOLLOWERS }, connect));
  received = followers.map(() => []);
  followers.forEach((connection, i) => connection.on('locationUpdated', (position) => received[i].push(position)));
  const lobby = await Promise.all(followers.map((f, i) =>
    f.invoke('JoinRide', { accessCode: route.accessCode, role: 'follower', displayName: `rider ${i}` })));
  assert.ok(lobby.every((snapshot) => snapshot.status === 'waiting'));

  leader = await connect();
  const started = nextEvent(followers[0], 'rideStarted');
  const snapshot = await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
  assert.equal(snapshot.status, 'live');
  assert.equal((await started).status, 'live');

  accepted = [];
  for (let i = 0; i < points.length; i++) {
    accepted.push(await leader.invoke('UpdateLocation', route.accessCode, positionAt(points, i)));
    if (i === 1499) {
      const late = await connect();
      lateSnapshot = await late.invoke('JoinRide', { accessCode: route.accessCode, role: 'follower' });
      followers.push(late);
    }
  }
  await until(() => received.every((r) => r.length >= points.length), 'every follower to receive every point', 60000);
});

after(async () => {
  await Promise.all([leader, ...followers].map((c) => c?.stop()));
});

test('the GPX file has all 2,870 points and the server accepted each with the next sequence number', () => {
  assert.equal(points.length, 2870);
  assert.deepEqual(accepted.map((p) => p.seq), points.map((_, i) => i + 1));
});

test('every follower receives every point exactly once, in order, as sent', () => {
  for (const [i, positions] of received.entries()) {
    assert.equal(positions.length, points.length, `follower ${i} count`);
    assert.deepEqual(positions.map((p) => p.seq), accepted.map((p) => p.seq), `follower ${i} order`);
    assert.deepEqual(positions.map((p) => [p.lat, p.lng]), points.map((p) => [p.lat, p.lng]), `follower ${i} coordinates`);
  }
});

test('a follower joining mid-ride gets the last position and the trail at once', () => {
  assert.equal(lateSnapshot.status, 'live');
  assert.equal(lateSnapshot.lastPosition.seq, 1500);
  assert.equal(lateSnapshot.trail.length, 1000);
  assert.deepEqual(lateSnapshot.trail.map((p) => p.seq), accepted.slice(500, 1500).map((p) => p.seq));
  assert.equal(lateSnapshot.followerCount, FOLLOWERS + 1);
});

test('RequestLocation returns the last position and EndRide ends the ride for everyone', async () => {
  const last = await followers[3].invoke('RequestLocation', route.accessCode);
  assert.equal(last.seq, points.length);
  const ended = nextEvent(followers[5], 'rideEnded');
  await leader.invoke('EndRide', route.accessCode);
  assert.deepEqual(await ended, { reason: 'leaderEnded' });
});
