// The chat pages in Chromium: two listeners in the live room, a moderator hiding a message, a DJ deciding a request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, launchChromium } from './support.mjs';

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function openPage(path) {
  // A context each: separate session storage, as two people on two devices.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => dialog.accept('because'));
  await page.goto(`${BASE_URL}${path}`);
  return { page, errors };
}

async function joinLive(name) {
  const listener = await openPage('/live.html');
  await listener.page.fill('#display-name', name);
  await listener.page.click('#name-form button');
  await listener.page.waitForSelector('#chat-section:not(.hidden)');
  return listener;
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.click('#send-form button');
}

const lastMessages = (page, n = 5) => page.$$eval('#messages li .text', (items, n) => items.slice(-n).map((i) => i.textContent.trim()), n);

async function signIn(page, email, password) {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#login');
  await page.waitForSelector('#auth-form.hidden', { state: 'attached' });
}

test('two pages in the live room see each other\'s messages, and <script> is shown as text', async () => {
  const ann = await joinLive('Ann');
  const bob = await joinLive('Bob <i>');
  const run = Date.now();

  await say(ann.page, `hello from Ann ${run}`);
  await say(bob.page, `<script>window.pwned = true</script><b>bold?</b> ${run}`);

  for (const { page } of [ann, bob]) {
    await page.waitForFunction((run) => [...document.querySelectorAll('#messages li .text')].filter((i) => i.textContent.includes(run)).length === 2, run);
    const texts = (await lastMessages(page, 2));
    assert.deepEqual(texts, [`hello from Ann ${run}`, `<script>window.pwned = true</script><b>bold?</b> ${run}`]);
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'the script never ran');
    assert.equal(await page.$$eval('#messages .text *', (elements) => elements.length), 0, 'message text holds no elements');
  }
  assert.ok((await ann.page.$$eval('#messages li b', (names) => names.map((n) => n.textContent))).includes('Bob <i>'));
  assert.deepEqual([...ann.errors, ...bob.errors], []);
  await Promise.all([ann.page.context().close(), bob.page.context().close()]);
});

test('a moderator hides a message from the console and it leaves the listener\'s page; a DJ approves a request', async () => {
  const listener = await joinLive('Carol');
  const moderator = await openPage('/moderate.html');
  await signIn(moderator.page, ADMIN.email, ADMIN.password);
  await moderator.page.waitForSelector('#chat-section:not(.hidden)');
  const text = `please hide me ${Date.now()}`;
  await say(listener.page, text);
  const row = moderator.page.locator('#messages li', { hasText: text });
  await row.locator('button', { hasText: 'hide' }).click();
  await listener.page.waitForFunction((text) => ![...document.querySelectorAll('#messages li')].some((li) => li.textContent.includes(text)), text);

  const dj = await openPage('/studio.html');
  await signIn(dj.page, ADMIN.email, ADMIN.password);
  await dj.page.waitForSelector('#requests-section:not(.hidden)');
  const title = `Song ${Date.now()}`;
  await listener.page.fill('#song-title', title);
  await listener.page.click('#request-form button');
  const request = dj.page.locator('#requests li', { hasText: title });
  await request.waitFor();
  await request.locator('button', { hasText: 'approve' }).click();
  await listener.page.waitForFunction((title) => document.getElementById('request-updates').textContent.includes(`The DJ approved "${title}"`), title);
  assert.deepEqual([...listener.errors, ...moderator.errors, ...dj.errors], []);
  await Promise.all([listener, moderator, dj].map(({ page }) => page.context().close()));
});

test('members sign up on the lounges page, one creates a lounge and both talk in it', async () => {
  const members = await Promise.all(['Dora', 'Eli'].map(async (name) => {
    const member = await openPage('/lounges.html');
    await member.page.fill('#email', `${name.toLowerCase()}-${Date.now()}@e2e.test`);
    await member.page.fill('#password', 'password-1');
    await member.page.fill('#name', name);
    await member.page.click('#signup');
    await member.page.waitForSelector('#lounges-section:not(.hidden)');
    return member;
  }));
  const [dora, eli] = members;
  const lounge = `Lounge ${Date.now()}`;
  await dora.page.fill('#lounge-name', lounge);
  await dora.page.click('#create-form button');
  await dora.page.waitForSelector('#chat-section:not(.hidden)');
  await eli.page.reload();
  await eli.page.locator('#lounges button', { hasText: lounge }).click();
  await eli.page.waitForSelector('#chat-section:not(.hidden)');

  await say(dora.page, 'welcome, Eli');
  await eli.page.waitForFunction(() => document.querySelector('#messages li .text')?.textContent.trim() === 'welcome, Eli');
  assert.equal(await eli.page.textContent('#lounge-title'), lounge);
  assert.deepEqual([...dora.errors, ...eli.errors], []);
  await Promise.all(members.map(({ page }) => page.context().close()));
});
