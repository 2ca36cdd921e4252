// Issue 11, "Sessions": a sign-in on the lounges page lasts. The browser's clock is driven past the 15-minute access
// token; the page refreshes silently (a new access token) and keeps working (sending in a lounge over the hub, listing
// lounges, a reload). "My devices" lists this browser and signs another device out; two tabs share one refresh.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launchChromium, until } from './support.mjs';

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const auth = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('orleansrides.auth') ?? 'null'));

async function say(page, text) {
  await page.fill('#text', text);
  await page.click('#send-form button');
  await page.waitForFunction((text) => [...document.querySelectorAll('#messages li .text')].some((i) => i.textContent.trim() === text), text);
}

test('the lounges page refreshes its token silently past 15 minutes and keeps working', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const refreshes = [];
  page.on('response', (response) => response.url().endsWith('/api/v1/auth/refresh') && refreshes.push(response.status()));
  const negotiations = [];
  page.on('response', (response) => response.url().includes('/hubs/chat/negotiate') && negotiations.push(response.status()));
  await page.clock.install();
  await page.goto(`${BASE_URL}/lounges.html`);
  const email = `lasting-${Date.now()}@e2e.test`;
  await page.fill('#email', email);
  await page.fill('#password', 'password-1');
  await page.fill('#name', 'Lasting');
  await page.click('#signup');
  await page.waitForSelector('#lounges-section:not(.hidden)');
  const lounge = `Lasting ${Date.now()}`;
  await page.fill('#lounge-name', lounge);
  await page.click('#create-form button');
  await page.waitForSelector('#chat-section:not(.hidden)');
  await say(page, 'before the refresh');
  const first = await auth(page);
  assert.ok(first.refreshToken && first.accessToken && first.sessionId, 'signup stored a lasting sign-in');
  // My devices shows this browser, marked.
  await page.waitForSelector('#devices-section:not(.hidden) li.current');

  // 14 minutes and a bit: the timer fires a minute before expiry.
  await page.clock.fastForward(14 * 60 * 1000 + 5000);
  await until(async () => (await auth(page))?.accessToken !== first.accessToken, 'a silent refresh');
  const second = await auth(page);
  assert.notEqual(second.refreshToken, first.refreshToken, 'the refresh token rotated');
  assert.equal(second.sessionId, first.sessionId, 'the same session');
  assert.deepEqual(refreshes, [200]);

  // The first jump outlasted the hub's server timeout: the connection reconnects (with the refreshed token). Let it, so
  // that the next jump does not land in the middle of it.
  await until(() => negotiations.length >= 2, 'the hub reconnecting');
  await page.clock.fastForward(2 * 60 * 1000);
  await until(() => negotiations.length >= 3, 'the hub reconnecting again');
  // Past 15 minutes: the page still works with the new token.
  await say(page, 'after the refresh');
  // The jumps in time outlast the hub's server timeout, so the connection closed and reconnected (and rejoined the room,
  // or the message above would not have come back) with the refreshed token.
  assert.ok(negotiations.length >= 2, `the hub reconnected: ${negotiations}`);
  assert.ok(negotiations.every((status) => status === 200), `${negotiations}`);
  await page.reload();
  await page.waitForSelector('#lounges-section:not(.hidden)');
  await page.locator('#lounges button', { hasText: lounge }).click();
  await page.waitForSelector('#chat-section:not(.hidden)');
  await say(page, 'after a reload');

  const me = await (await fetch(new URL('/api/v1/auth/sessions', BASE_URL), { headers: { authorization: `Bearer ${(await auth(page)).accessToken}` } })).json();
  assert.equal(me.data.filter((s) => s.current).length, 1);
  assert.deepEqual(refreshes, [200], 'one refresh in 16 minutes');
  assert.deepEqual(errors, []);
  await context.close();
});

test('signing another device out from My devices ends it; a second tab shares the sign-in without presenting a token twice', async () => {
  const email = `devices-${Date.now()}@e2e.test`;
  const signup = await fetch(new URL('/api/v1/auth/signup', BASE_URL), {
    method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' },
    body: JSON.stringify({ email, password: 'password-1', name: 'Devices' }),
  });
  assert.equal(signup.status, 201);
  const other = (await signup.json()).data;

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const refreshes = [];
  context.on('response', (response) => response.url().endsWith('/api/v1/auth/refresh') && refreshes.push(response.status()));
  await page.clock.install();
  await page.goto(`${BASE_URL}/lounges.html`);
  await page.fill('#email', email);
  await page.fill('#password', 'password-1');
  await page.click('#login');
  await page.waitForSelector('#devices-section:not(.hidden) li.current');
  await page.waitForFunction(() => document.querySelectorAll('#devices li').length === 2);
  const tab = await context.newPage();
  await tab.clock.install();
  await tab.goto(`${BASE_URL}/lounges.html`);
  await tab.waitForSelector('#lounges-section:not(.hidden)');

  await page.locator('#devices li:not(.current) button', { hasText: 'Sign out' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#devices li').length === 1);
  const refused = await fetch(new URL('/api/v1/auth/refresh', BASE_URL), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: other.refreshToken }),
  });
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).code, 'SESSION_REVOKED');

  // Both tabs' timers come due: one refresh is presented, the other tab takes its token.
  await Promise.all([page.clock.fastForward(14 * 60 * 1000 + 5000), tab.clock.fastForward(14 * 60 * 1000 + 5000)]);
  await until(async () => refreshes.length >= 1, 'a refresh');
  await page.clock.fastForward(2 * 60 * 1000);
  await tab.clock.fastForward(2 * 60 * 1000);
  assert.ok(refreshes.every((status) => status === 200), `no refresh was refused: ${refreshes}`);
  await tab.reload();
  await tab.waitForSelector('#lounges-section:not(.hidden)');
  assert.deepEqual(errors, []);
  await context.close();
});
