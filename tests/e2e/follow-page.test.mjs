// The follow page in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) shows the leader moving.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { readGpx } from '../../tools/gpx.mjs';
import { positionAt } from '../../tools/ride-client.mjs';
import { BASE_URL, connect, GPX_DIR, newRoute, launchChromium } from './support.mjs';

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('the follow page shows the leader marker moving while a replay runs', async () => {
  const points = (await readGpx(`${GPX_DIR}/1292585194-20906.gpx`)).slice(0, 400);
  const route = await newRoute('browser follow');
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${BASE_URL}/follow.html?code=${route.accessCode}`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'waiting');
  assert.match(await page.textContent('#banner'), /Waiting for the leader/);

  const leader = await connect();
  await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
  let stop = false;
  const replay = (async () => {
    for (let i = 0; i < points.length && !stop; i++) {
      await leader.invoke('UpdateLocation', route.accessCode, positionAt(points, i));
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  })();

  const markerAt = () => page.$eval('.leader-marker', (el) => el.getBoundingClientRect().toJSON());
  await page.waitForFunction(() => Number(document.getElementById('last-seq').textContent) >= 30);
  const early = { seq: Number(await page.textContent('#last-seq')), marker: await markerAt(), lat: await page.getAttribute('#position', 'data-lat') };
  await page.waitForFunction(() => Number(document.getElementById('last-seq').textContent) >= 300, null, { timeout: 30000 });
  const later = { seq: Number(await page.textContent('#last-seq')), marker: await markerAt(), lat: await page.getAttribute('#position', 'data-lat') };
  stop = true;
  await replay;

  assert.equal(await page.textContent('#status'), 'live');
  assert.ok(later.seq > early.seq);
  assert.notEqual(later.lat, early.lat);
  assert.ok(Math.hypot(later.marker.x - early.marker.x, later.marker.y - early.marker.y) > 1 || later.marker.x !== early.marker.x,
    'the marker moved on screen');
  assert.match(await page.textContent('#last-update'), /s ago/);
  // Leaflet simplifies the rendered path, so measure the drawn trail's extent rather than its vertex count.
  const trail = await page.$eval('path.leaflet-interactive', (el) => el.getBoundingClientRect().toJSON());
  assert.ok(trail.width + trail.height > 50, `the trail is drawn (${JSON.stringify(trail)})`);

  await mkdir('.data/test-results', { recursive: true });
  await page.screenshot({ path: '.data/test-results/follow-page.png' });
  const offline = page.waitForFunction(() => document.getElementById('status').textContent === 'leaderOffline');
  await leader.stop();
  await offline;
  assert.match(await page.textContent('#banner'), /leader is offline/);
  assert.deepEqual(pageErrors, []);
  await page.close();
});
