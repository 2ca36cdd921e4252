// The whole web client in Chromium: create a route on the index page, lead it on the lead page by replaying a GPX
// file picked from disk, watch it on the follow page, and end it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, GPX_DIR, launchChromium } from './support.mjs';

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('a route created on the index page is led from a GPX file and followed live until it ends', async () => {
  const context = await browser.newContext();
  const errors = [];
  context.on('weberror', (error) => errors.push(error.error().message));

  const index = await context.newPage();
  await index.goto(`${BASE_URL}/`);
  await index.fill('#name', 'Zürich <b>loop</b>');
  const map = await index.$('#map');
  const box = await map.boundingBox();
  await index.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await index.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
  assert.equal(await index.textContent('#waypoint-count'), '2');
  await index.click('#route-form button[type=submit]');
  await index.waitForSelector('#created:not(.hidden)');
  const code = await index.textContent('#created-code');
  assert.match(code, /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/);
  const leadHref = await index.getAttribute('#lead-link', 'href');
  assert.match(leadHref, /#key=/, 'the leader key travels in the fragment');

  const follow = await context.newPage();
  await follow.goto(`${BASE_URL}/follow.html?code=${code}&name=Ann`);
  await follow.waitForFunction(() => document.getElementById('status').textContent === 'waiting');
  assert.equal(await follow.textContent('#route-name'), '· Zürich <b>loop</b>', 'names are shown as text, not HTML');

  const lead = await context.newPage();
  await lead.goto(`${BASE_URL}${leadHref}`);
  await lead.click('#join-form button[type=submit]');
  await lead.waitForSelector('#controls:not(.hidden)');
  await lead.waitForFunction(() => document.getElementById('followers').textContent === '1');
  await lead.setInputFiles('#gpx', `${GPX_DIR}/Move_2014_01_16_19_48_44.gpx`);
  await lead.fill('#speed', '100');
  await lead.click('#replay');

  await follow.waitForFunction(() => document.getElementById('status').textContent === 'live');
  await follow.waitForFunction(() => Number(document.getElementById('last-seq').textContent) >= 60, null, { timeout: 30000 });
  assert.ok(Number(await lead.textContent('#sent')) >= 60);

  await lead.click('#end');
  await follow.waitForFunction(() => document.getElementById('status').textContent === 'ended');
  assert.match(await follow.textContent('#banner'), /ride has ended/);
  assert.deepEqual(errors, []);
  await context.close();
});
