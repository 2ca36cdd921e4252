// Private lounges and invite links in Chromium: the owner creates a private lounge and an invite link; a second member
// opens the link, joins and both talk; a third does not see it listed and cannot read its history; the owner's moderator
// removes someone and that member's page shows it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launchChromium } from './support.mjs';

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

// The page's current access token, where js/chat.js keeps a lasting sign-in (localStorage, orleansrides.auth).
const PAGE_TOKEN = () => JSON.parse(localStorage.getItem('orleansrides.auth') ?? 'null')?.accessToken;

async function member(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${BASE_URL}/lounges.html`);
  await page.fill('#email', `${name.toLowerCase()}-${Date.now()}@e2e.test`);
  await page.fill('#password', 'password-1');
  await page.fill('#name', name);
  await page.click('#signup');
  await page.waitForSelector('#lounges-section:not(.hidden)');
  const token = await page.evaluate(PAGE_TOKEN);
  return { page, errors, token };
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.click('#send-form button');
}

const seen = (page, text) => page.waitForFunction((text) =>
  [...document.querySelectorAll('#messages li .text')].some((i) => i.textContent.trim() === text), text);

test('an invite link lets a member into a private lounge that others cannot see, and a removal shows on the removed page', async () => {
  const [owner, guest, outsider, moderator] = await Promise.all(['Olga', 'Gina', 'Otto', 'Mona'].map(member));
  const name = `Private ${Date.now()}`;
  await owner.page.fill('#lounge-name', name);
  await owner.page.selectOption('#lounge-visibility', 'private');
  await owner.page.click('#create-form button');
  await owner.page.waitForSelector('#moderator-tools:not(.hidden)');
  await owner.page.click('#create-invite');
  await owner.page.waitForFunction(() => document.querySelector('#room-notice').textContent.includes('#invite='));
  const url = (await owner.page.textContent('#room-notice')).replace('Invite link: ', '').trim();
  const token = new URL(url).hash.replace('#invite=', '');

  for (const joiner of [guest, moderator]) {
    await joiner.page.goto(url);
    await joiner.page.waitForSelector('#invite-section:not(.hidden)');
    await joiner.page.waitForFunction((name) => document.querySelector('#invite-text').textContent.includes(name), name);
    await joiner.page.click('#accept-invite');
    await joiner.page.waitForSelector('#chat-section:not(.hidden)');
    assert.equal(await joiner.page.textContent('#lounge-title'), name);
  }
  await say(owner.page, 'welcome, Gina');
  await seen(guest.page, 'welcome, Gina');
  await say(guest.page, 'thanks, Olga');
  await seen(owner.page, 'thanks, Olga');

  await outsider.page.reload();
  await outsider.page.waitForSelector('#lounges-section:not(.hidden)');
  assert.equal(await outsider.page.locator('#lounges button', { hasText: name }).count(), 0);
  const id = await owner.page.evaluate(async ({ name, token }) => {
    const response = await fetch(`/api/v1/lounges?q=${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()).data[0].id;
  }, { name, token: await owner.page.evaluate(PAGE_TOKEN) });
  const history = await outsider.page.evaluate(async ({ id, token }) => {
    const response = await fetch(`/api/v1/lounges/${id}/messages`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, code: (await response.json()).code };
  }, { id, token: await outsider.page.evaluate(PAGE_TOKEN) });
  assert.deepEqual(history, { status: 404, code: 'LOUNGE_NOT_FOUND' });

  // The owner names Mona moderator; Mona removes Gina, whose page says so.
  await owner.page.locator('#members li', { hasText: 'Mona' }).locator('button', { hasText: 'Make moderator' }).click();
  await owner.page.locator('#members li', { hasText: 'Mona — moderator' }).waitFor();
  await moderator.page.locator('#lounges button', { hasText: name }).click();
  await moderator.page.waitForSelector('#moderator-tools:not(.hidden)');
  await moderator.page.locator('#members li', { hasText: 'Gina' }).locator('button', { hasText: 'Remove' }).click();
  await guest.page.waitForSelector('#chat-section.hidden', { state: 'attached' });
  await guest.page.waitForFunction(() => document.querySelector('#room-notice').textContent.includes('removed'));
  assert.ok(token.length >= 40);
  assert.deepEqual([...owner.errors, ...guest.errors, ...outsider.errors, ...moderator.errors], []);
  await Promise.all([owner, guest, outsider, moderator].map(({ page }) => page.context().close()));
});
