// The catalog end to end over the REST API and the real replay tool: a recurring route submitted anonymously is not
// listed until staff approve it; then its ride of today is listed, a rider says "I'm coming", the leader leads it by
// replaying a recorded GPX file (tools/replay.mjs), the ride shows `live` in the list, ends `completed`, and its GPX
// download parses and holds the very points that were sent.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { readGpx } from '../../tools/gpx.mjs';
import { BASE_URL, GPX_DIR, until } from './support.mjs';
import { adminToken, boundsAround, createRegion, dayZone, expect, localDate, localTime, routeBody } from './catalog-support.mjs';

const GPX_FILE = join(GPX_DIR, 'Move_2014_01_17_09_33_11.gpx');
const POINTS = 200;
// The file's pace is about 3.6 s a point: 200 points at 100× take about 7 s, time enough to see the ride live.
const SPEED = 100;
const REPLAY = fileURLToPath(new URL('../../tools/replay.mjs', import.meta.url));

/** Runs the replay tool as ./run replay does, on `route` (or a route of its own when null); resolves with its exit code
 * and output once it ends. */
function replay(route, file = GPX_FILE) {
  const leads = route ? ['--code', route.accessCode, '--key', route.leaderKey] : [];
  const child = spawn(process.execPath, [REPLAY, file, '--url', BASE_URL, ...leads, '--speed', String(SPEED), '--limit', String(POINTS)],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return { done: once(child, 'exit').then(([code]) => ({ code, output: () => output })), output: () => output };
}

test('a recurring route is approved, listed, wanted, led live with the replay tool, completed, downloaded as GPX and replayed from it', async () => {
  const token = await adminToken();
  const points = (await readGpx(GPX_FILE)).slice(0, POINTS);
  const zone = dayZone();
  assert.ok(zone, 'one of the zones is in daytime');
  const region = await createRegion(token, 'end-to-end', { timeZone: zone, center: points[0], bounds: boundsAround(points) });
  const today = localDate(zone);
  const departure = localTime(zone, 60);

  // Submitted anonymously: pending, not listed.
  const route = await expect(201, 'POST', '/routes', routeBody(region.id, 'End-to-end daily ride', {
    departureTime: departure, estimatedDuration: 120, isRecurring: true, recurrenceRule: 'FREQ=DAILY',
    waypoints: [points[0], points[points.length - 1]].map(({ lat, lng }) => ({ lat, lng })),
  }));
  assert.deepEqual([route.status, route.isRecurring, route.recurrenceRule], ['pending', true, 'FREQ=DAILY']);
  assert.ok(route.leaderKey);
  const rides = await expect(201, 'POST', `/routes/${route.id}/instances`, { dates: [today] }, { leaderKey: route.leaderKey });
  assert.deepEqual(rides.map((r) => [r.localDate, r.localStart, r.timeZone]), [[today, `${today}T${departure}`, zone]]);
  const rideId = rides[0].id;
  const listed = async () => (await expect(200, 'GET', `/rides?regionId=${region.id}&daysAhead=2`)).find((r) => r.id === rideId);
  assert.equal(await listed(), undefined, 'a pending route\'s rides are not listed');

  // Staff approve: listed, soonest first.
  const approved = await expect(200, 'POST', `/routes/${route.id}/review`, { decision: 'approve', reason: 'fine' }, { token });
  assert.equal(approved.status, 'approved');
  const upcoming = await listed();
  assert.equal(upcoming?.status, 'scheduled');
  assert.equal(upcoming.route.name, 'End-to-end daily ride');
  assert.equal(upcoming.live, null);

  // A rider is coming.
  const session = await expect(201, 'POST', '/sessions', {});
  const interest = await expect(200, 'POST', `/rides/${rideId}/interest`, { sessionId: session.sessionId });
  assert.deepEqual([interest.interestCount, interest.interested], [1, true]);
  assert.equal((await listed()).interestCount, 1);

  // The leader replays a recorded ride: the ride is live in the list while it runs, completed once the tool ends it.
  const leader = replay(route);
  let live = null;
  await until(async () => { live = await listed(); return live?.status === 'live'; }, `the ride to be live (replay said: ${leader.output()})`);
  assert.equal(live.live.accessCode, route.accessCode);
  const { code, output } = await leader.done;
  assert.equal(code, 0, output());
  assert.match(output(), new RegExp(`sent ${POINTS}/${POINTS}`));
  let ended = null;
  await until(async () => { ended = await expect(200, 'GET', `/rides/${rideId}`); return ended.status === 'completed' && ended.hasTrack; },
    'the ride to be completed with its track');
  assert.equal(await listed(), undefined, 'a completed ride is no longer upcoming');

  // Its track as GPX 1.1: it parses with the project's reader and holds the points sent, in order.
  const response = await fetch(`${BASE_URL}/api/v1/rides/${rideId}/track.gpx`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/gpx\+xml/);
  const xml = await response.text();
  assert.match(xml, /<gpx[^>]+version="1\.1"/);
  const directory = await mkdtemp(join(tmpdir(), 'catalog-e2e-'));
  try {
    await writeFile(join(directory, 'track.gpx'), xml);
    const track = await readGpx(join(directory, 'track.gpx'));
    assert.equal(track.length, POINTS);
    track.forEach((p, i) => {
      assert.ok(Math.abs(p.lat - points[i].lat) < 1e-6 && Math.abs(p.lng - points[i].lng) < 1e-6, `point ${i}: ${p.lat},${p.lng} vs ${points[i].lat},${points[i].lng}`);
      assert.ok(p.time instanceof Date && !Number.isNaN(p.time.getTime()), `point ${i} has a time`);
    });
    // …and the replay tool leads a new ride from the downloaded file: the export round-trips through it too.
    const again = await replay(null, join(directory, 'track.gpx')).done;
    assert.equal(again.code, 0, again.output());
    assert.match(again.output(), new RegExp(`sent ${POINTS}/${POINTS}`));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
