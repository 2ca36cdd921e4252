// The catalog pages in Chromium: browse the rides of a region, say "I'm coming" on a ride page (the count goes up and
// survives a reload); submit a route, approve it on the staff review page, find it listed; ask for a ride on the demand
// page (three riders make a heatmap cell); subscribe to the digest. Each test has a region of its own (catalog-support).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, connect, launchChromium, until } from './support.mjs';
import { positionAt } from '../../tools/ride-client.mjs';
import { adminToken, call, createRegion, dayZone, expect, localDate, localTime, mailTo, routeBody } from './catalog-support.mjs';

const PHONE = { width: 360, height: 740 };
let browser;
let token;

before(async () => {
  browser = await launchChromium();
  token = await adminToken();
});

after(async () => {
  await browser?.close();
});

/** Awaits the page's module having attached its listeners (`<body data-ready>`, js/catalog.js ready()). */
const setUp = (page) => page.waitForSelector('body[data-ready]', { state: 'attached' });

/** A page in a context of its own (own localStorage: another rider), at phone width, set up; collects uncaught page
 * errors. */
async function openPage(path, viewport = PHONE) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(`${BASE_URL}${path}`);
  await setUp(page);
  return page;
}

const fitsWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Clicks the map at a fraction of its width and height (Playwright scrolls it into view first). */
async function clickMap(page, fx, fy) {
  const map = page.locator('#map');
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width * fx, y: box.height * fy } });
}

test('a ride found on the rides page gets "I\'m coming" on its page; the count goes up and survives a reload', async () => {
  const region = await createRegion(token, 'browse');
  // A tag name of one 50-letter word (the longest a tag may have) must wrap in the filters rather than widen the page.
  await expect(201, 'POST', '/tags', { name: `Long${'g'.repeat(38)}${Date.now().toString(36).slice(-8)}` }, { token });
  const route = await expect(201, 'POST', '/routes', routeBody(region.id, 'Browse <b>me</b>', { tagIds: ['0192f0a0-0000-7000-8000-000000000101'] }), { token });
  assert.equal(route.status, 'approved', 'an admin\'s route is approved at once');
  const [ride] = await expect(201, 'POST', `/routes/${route.id}/instances`, { dates: [localDate('Europe/Berlin', 2)] }, { token });

  const page = await openPage(`/rides.html?regionId=${region.id}`);
  const item = page.locator(`#rides li[data-ride-id="${ride.id}"]`);
  await item.waitFor();
  assert.equal(await page.locator('#rides li').count(), 1, 'the region holds this ride only');
  assert.equal(await item.locator('a').textContent(), 'Browse <b>me</b>', 'names are text, not HTML');
  assert.match(await item.locator('.when').textContent(), /, 08:00 \(Europe\/Berlin\)$/);
  await page.waitForFunction(() => document.querySelectorAll('#map .leaflet-marker-icon').length === 1);
  assert.ok(await fitsWidth(page), 'no sideways scrolling at 360 px');

  await item.locator('a').click();
  await page.waitForURL(/\/ride\.html\?id=/);
  await setUp(page);
  await page.waitForFunction(() => !document.getElementById('coming').disabled);
  assert.equal(await page.textContent('#count'), '0');
  assert.equal(await page.textContent('#name'), 'Browse <b>me</b>');
  assert.ok(await fitsWidth(page), 'the ride page fits 360 px');
  await page.click('#coming');
  await page.waitForFunction(() => document.getElementById('count').textContent === '1');
  assert.equal(await page.getAttribute('#coming', 'aria-pressed'), 'true');

  await page.reload();
  await setUp(page);
  await page.waitForFunction(() => document.getElementById('count').textContent === '1' && !document.getElementById('coming').disabled);
  assert.equal(await page.getAttribute('#coming', 'aria-pressed'), 'true', 'this browser is still coming after a reload');
  assert.equal((await expect(200, 'GET', `/rides/${ride.id}`)).interestCount, 1);

  // Another rider (another browser, so another session) counts too; the keyboard works the toggle.
  const other = await openPage(`/ride.html?id=${ride.id}`);
  await other.waitForFunction(() => document.getElementById('count').textContent === '1' && !document.getElementById('coming').disabled);
  await other.focus('#coming');
  await other.keyboard.press('Enter');
  await other.waitForFunction(() => document.getElementById('count').textContent === '2');
  // This page still shows 1 (its own yes) until it hears back: wait for the toggle's answer, then read the count.
  await page.click('#coming');
  await page.waitForFunction(() => document.getElementById('coming').getAttribute('aria-pressed') === 'false' && !document.getElementById('coming').disabled);
  assert.equal(await page.textContent('#count'), '1', 'tapping again undoes it: the other rider is left');
  assert.deepEqual([...page.errors, ...other.errors], []);
  await Promise.all([page.context().close(), other.context().close()]);
});

test('the ride page offers "follow live" while the leader broadcasts, the GPX once completed, and says why when cancelled', async () => {
  const zone = dayZone();
  const region = await createRegion(token, 'lifecycle', { timeZone: zone });
  const route = await expect(201, 'POST', '/routes', routeBody(region.id, 'Lifecycle ride', { departureTime: localTime(zone, 60) }), { token });
  const [today, later] = await expect(201, 'POST', `/routes/${route.id}/instances`, { dates: [localDate(zone), localDate(zone, 3)] }, { leaderKey: route.leaderKey });

  const page = await openPage(`/ride.html?id=${today.id}`);
  assert.ok(await page.isHidden('#follow') && await page.isHidden('#gpx') && await page.isHidden('#cancelled'));
  const leader = await connect();
  try {
    await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
    const points = [{ lat: 52.5163, lng: 13.3777 }, { lat: 52.517, lng: 13.38 }, { lat: 52.518, lng: 13.383 }];
    for (let i = 0; i < points.length; i++) await leader.invoke('UpdateLocation', route.accessCode, positionAt(points, i));
    await until(async () => (await expect(200, 'GET', `/rides/${today.id}`)).status === 'live', 'the ride to be live');
    await page.reload();
    await setUp(page);
    await page.waitForSelector('#follow:not(.hidden)');
    assert.equal(await page.getAttribute('#follow', 'href'), `/follow.html?code=${route.accessCode}`);
    assert.equal(await page.textContent('#status'), 'live');
    assert.ok(await page.isDisabled('#coming'), 'a ride under way takes no more "I\'m coming"');
    await leader.invoke('EndRide', route.accessCode);
  } finally {
    await leader.stop();
  }
  await until(async () => { const r = await expect(200, 'GET', `/rides/${today.id}`); return r.status === 'completed' && r.hasTrack; }, 'the track');
  await page.reload();
  await setUp(page);
  await page.waitForSelector('#gpx:not(.hidden)');
  assert.ok(await page.isHidden('#follow'));
  const gpx = await page.evaluate(async () => { const r = await fetch(document.getElementById('gpx').href); return [r.status, await r.text()]; });
  assert.equal(gpx[0], 200);
  assert.equal((gpx[1].match(/<trkpt /g) ?? []).length, 3);

  await expect(200, 'POST', `/rides/${later.id}/cancel`, { reason: 'Storm <warning>' }, { leaderKey: route.leaderKey });
  await page.goto(`${BASE_URL}/ride.html?id=${later.id}`);
  await setUp(page);
  await page.waitForSelector('#cancelled:not(.hidden)');
  assert.equal(await page.textContent('#cancelled'), 'This ride is cancelled: Storm <warning>');
  assert.ok(await page.isDisabled('#coming'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a route submitted on the page waits for review, is approved on the review page and is then listed', async () => {
  const region = await createRegion(token, 'submit');
  const name = `Submitted ${Date.now()}`;
  const date = localDate('Europe/Berlin', 2);
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${date}T12:00:00Z`).getUTCDay()];

  const submit = await openPage('/submit-route.html');
  await submit.waitForFunction(() => document.querySelectorAll('#region option').length > 0);
  await submit.selectOption('#region', region.id);
  await clickMap(submit, 0.3, 0.4);
  await clickMap(submit, 0.6, 0.5);
  await clickMap(submit, 0.7, 0.7);
  assert.equal(await submit.textContent('#waypoint-count'), '3');
  await submit.click('button[aria-label="Remove waypoint 3"]');
  assert.equal(await submit.textContent('#waypoint-count'), '2');
  await submit.fill('#name', name);
  await submit.fill('#neighborhood', 'Mitte');
  await submit.check('#tags input[data-slug="commute"]');
  await submit.fill('#departure', '07:30');
  await submit.fill('#duration', '40');
  await submit.fill('#first-date', date);
  await submit.check('input[name=frequency][value=weekly]');
  await submit.check(`#days input[value=${weekday}]`);
  assert.ok(await fitsWidth(submit), 'the submit page fits 360 px');
  await submit.click('#submit');
  await submit.waitForSelector('#created:not(.hidden)');
  assert.match(await submit.textContent('#created-code'), /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/);
  assert.ok((await submit.textContent('#created-key')).length >= 20, 'the leader key is shown');
  assert.match(await submit.textContent('#created-status'), /^Pending review/);
  await submit.waitForSelector('#created-ride:not(.hidden)');
  const rideId = new URL(await submit.getAttribute('#ride-link', 'href'), BASE_URL).searchParams.get('id');
  const ride = await expect(200, 'GET', `/rides/${rideId}`);
  assert.deepEqual([ride.localStart, ride.timeZone, ride.route.status], [`${date}T07:30`, 'Europe/Berlin', 'pending']);
  assert.deepEqual(ride.route.tags.map((t) => t.slug), ['commute']);
  assert.equal((await expect(200, 'GET', `/rides?regionId=${region.id}`)).length, 0, 'pending routes are not listed');

  const review = await openPage('/review.html');
  await review.fill('#email', ADMIN.email);
  await review.fill('#password', ADMIN.password);
  await review.click('#login');
  const row = review.locator('#queue li', { hasText: name });
  await row.waitFor();
  await row.locator('input').fill('Looks good');
  await row.getByRole('button', { name: `Approve ${name}` }).click();
  await row.waitFor({ state: 'detached' });
  assert.match(await review.textContent('#decided'), new RegExp(`approved: ${name}`));

  const list = await openPage(`/rides.html?regionId=${region.id}`);
  const listed = list.locator(`#rides li[data-ride-id="${rideId}"]`);
  await listed.waitFor();
  assert.equal(await listed.locator('a').textContent(), name);
  assert.deepEqual([...submit.errors, ...review.errors, ...list.errors], []);
  await Promise.all([submit, review, list].map((p) => p.context().close()));
});

test('three riders ask for the same ride on the demand page and its heatmap shows their cell', async () => {
  const region = await createRegion(token, 'demand');
  for (let rider = 1; rider <= 3; rider++) {
    const page = await openPage('/demand.html', { width: 800, height: 900 });
    await page.waitForFunction(() => document.querySelectorAll('#region option').length > 0);
    await page.selectOption('#region', region.id);
    await clickMap(page, 0.4, 0.4);
    await clickMap(page, 0.6, 0.6);
    assert.notEqual(await page.textContent('#end-text'), 'not set', 'the second click sets the end');
    await page.check('#days input[value="1"]');
    await page.click('#send');
    await page.waitForSelector('#sent:not(.hidden)');
    if (rider === 3) {
      await page.waitForFunction(() => document.querySelectorAll('#map path.heat-cell').length >= 1);
      assert.match(await page.textContent('#heat-summary'), /cells with demand/);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  const heatmap = await expect(200, 'GET', `/demand/heatmap?regionId=${region.id}&cell=0.01`);
  assert.ok(heatmap.cells.some((c) => c.starts === 3) && heatmap.cells.some((c) => c.ends === 3));
});

test('the subscribe page ends on "check your mail"; the link in its mail confirms it; the manage page changes and erases one', async () => {
  const page = await openPage('/subscribe.html');
  await page.waitForFunction(() => document.querySelectorAll('#regions input').length > 0);
  const email = `rider-${Date.now()}@e2e.test`;
  await page.fill('#email', email);
  await page.selectOption('#frequency', 'daily');
  await page.check('#regions input[data-slug="berlin"]');
  await page.click('#subscribe');
  await page.waitForSelector('#check-mail:not(.hidden)');
  assert.match(await page.textContent('#check-mail'), new RegExp(`Check your mail.*${email}`));
  assert.ok(await fitsWidth(page));
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The confirmation mail links to the page with its own token; the page confirms on a click, not on load.
  const link = /(\/subscription\.html\?confirm=[A-Za-z0-9_-]+)/.exec(await mailTo(email))?.[1];
  assert.ok(link, 'the confirmation mail has the page link');
  const confirm = await openPage(link);
  await confirm.waitForSelector('#pending:not(.hidden)');
  await confirm.click('#confirm');
  await confirm.waitForFunction(() => document.getElementById('done').textContent.startsWith('Confirmed'));
  assert.ok(await confirm.isHidden('#pending'));
  assert.deepEqual(confirm.errors, []);
  await confirm.context().close();

  // The manage token is in every mail; the API hands one out at subscription, so the manage page is opened with it here.
  const created = await expect(201, 'POST', '/subscribe', { email: `manage-${Date.now()}@e2e.test`, frequency: 'weekly', regionIds: ['0192f0a0-0000-7000-8000-000000000001'], tagIds: [] });
  const manage = await openPage(`/subscription.html?token=${encodeURIComponent(created.token)}`);
  await manage.waitForSelector('#manage:not(.hidden)');
  assert.equal(await manage.textContent('#status'), 'pending');
  assert.equal(await manage.inputValue('#frequency'), 'weekly');
  assert.ok(await manage.isChecked('#regions input[data-slug="berlin"]'));
  await manage.check('#regions input[data-slug="portland"]');
  await manage.selectOption('#frequency', 'monthly');
  await manage.click('#save');
  await manage.waitForFunction(() => document.getElementById('done').textContent === 'Saved.');
  const changed = await expect(200, 'GET', `/subscribe/${created.token}`);
  assert.deepEqual([changed.frequency, changed.regionIds.length], ['monthly', 2]);
  await manage.click('#unsubscribe');
  await manage.waitForFunction(() => document.getElementById('done').textContent.startsWith('Unsubscribed'));
  const after = await call('GET', `/subscribe/${created.token}`);
  assert.deepEqual([after.status, after.body.code], [404, 'SUBSCRIPTION_NOT_FOUND'], 'the manage page erases the subscription');
  assert.deepEqual(manage.errors, []);
  await manage.context().close();
});
