#!/usr/bin/env node
// Leads a ride from a recorded GPX file: creates a route (or uses --code/--key), joins as leader and sends each point
// at its recorded pace divided by --speed. Usage:
//   ./run replay ../shared/data/gpx/UrbanBiker2019-04-18_16-12.gpx [--speed 10] [--url http://127.0.0.1:5080]
//                [--code ACCESSCODE --key LEADERKEY] [--limit N] [--no-end]
import { parseArgs } from 'node:util';
import { readGpx } from './gpx.mjs';
import { errorCodeOf, retrying } from '../src/FrontendHost/wwwroot/js/retry.js';
import { connectRideHub, createRoute, errorCode, positionAt } from './ride-client.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    speed: { type: 'string', default: '10' },
    url: { type: 'string', default: process.env.ORLEANSRIDES_URL ?? 'http://127.0.0.1:5080' },
    code: { type: 'string' },
    key: { type: 'string' },
    limit: { type: 'string' },
    'no-end': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1) {
  console.error('usage: ./run replay <file.gpx> [--speed N] [--url URL] [--code CODE --key KEY] [--limit N] [--no-end]');
  process.exit(2);
}
const speed = Number(values.speed);
if (!(speed > 0)) throw new Error('--speed must be a positive number');

const points = (await readGpx(positionals[0])).slice(0, values.limit ? Number(values.limit) : undefined);
if (points.length === 0) throw new Error(`no track or route points in ${positionals[0]}`);

const route = values.code
  ? { accessCode: values.code, leaderKey: values.key }
  : await createRoute(values.url, {
      name: `Replay of ${positionals[0].split('/').pop()}`,
      waypoints: [points[0], points[points.length - 1]].map(({ lat, lng }) => ({ lat, lng })),
    });
console.log(`route ${route.accessCode}  leader key ${route.leaderKey}`);
console.log(`follow it at ${new URL(`/follow.html?code=${route.accessCode}`, values.url).href}`);

const connection = await connectRideHub(values.url);
connection.on('followerJoined', (e) => console.log(`  follower joined (${e.followerCount} now)`));
const logRetry = (error, attempt, delay) => console.log(`  ${errorCodeOf(error)}: retrying in ${Math.round(delay)} ms (attempt ${attempt})`);
await retrying(() => connection.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey }), { onRetry: logRetry });

let warnedRateLimit = false;
async function sendWithBackoff(position) {
  for (;;) {
    try {
      // PostgreSQL briefly down: the same position again after a backoff (positions go one at a time, so order holds).
      return await retrying(() => connection.invoke('UpdateLocation', route.accessCode, position),
        { retryable: new Set(['SERVICE_UNAVAILABLE']), attempts: 8, onRetry: logRetry });
    } catch (error) {
      if (errorCode(error) === 'SILO_UNAVAILABLE') {
        // Cluster mode: the silo holding the ride died mid-call; the ride is moving. The next position supersedes this one.
        console.log('  a silo went away; the ride moves to another one, continuing with the next point');
        return null;
      }
      // RATE_LIMITED: the ride's updates per second; HUB_FLOOD_LIMITED: the connection's calls per second.
      if (errorCode(error) !== 'RATE_LIMITED' && errorCode(error) !== 'HUB_FLOOD_LIMITED') throw error;
      if (!warnedRateLimit) console.log('  the server limits updates per second; slowing down to its pace');
      warnedRateLimit = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const start = Date.now();
const firstTime = points[0].time?.getTime();
for (let i = 0; i < points.length; i++) {
  // Keep the recorded pace (1 s per point when the file has no timestamps), accelerated by --speed.
  const offset = firstTime && points[i].time ? points[i].time.getTime() - firstTime : i * 1000;
  const wait = start + offset / speed - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await sendWithBackoff(positionAt(points, i));
  if (i % 100 === 0 || i === points.length - 1) console.log(`  sent ${i + 1}/${points.length}`);
}
if (!values['no-end']) await retrying(() => connection.invoke('EndRide', route.accessCode), { onRetry: logRetry });
await connection.stop();
console.log(`done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
