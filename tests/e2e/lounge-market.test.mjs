// The lounges page's marketplace in Chromium: a seller lists in a public lounge, a buyer sees it and buys, the seller sees
// the pending sale and confirms it, the buyer sees it completed, and both see the system messages in the chat.
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

async function signUp(prefix) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${BASE_URL}/lounges.html`);
  await page.fill('#email', `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}@e2e.test`);
  await page.fill('#password', 'market-password-1');
  await page.fill('#name', prefix);
  await page.click('#signup');
  await page.waitForSelector('#auth-form.hidden', { state: 'attached' });
  return { page, errors };
}

const textOf = (page, selector) => page.$$eval(selector, (items) => items.map((i) => i.textContent));

test('a purchase is seen by both sides and announced in the lounge', async () => {
  const run = Date.now();
  const title = `Road bike ${run}`;
  const lounge = `Market ${run}`;
  const seller = await signUp('seller');
  await seller.page.fill('#lounge-name', lounge);
  await seller.page.click('#create-form button');
  await seller.page.waitForSelector('#market-section:not(.hidden) #listing-form');

  await seller.page.fill('#listing-title', title);
  await seller.page.fill('#listing-price', '150000.50');
  await seller.page.selectOption('#listing-currency', 'IDR');
  await seller.page.click('#listing-form button');
  await seller.page.waitForFunction((title) => [...document.querySelectorAll('#listings li')].some((li) => li.textContent.includes(title)), title);
  assert.ok((await textOf(seller.page, '#listings li')).some((t) => t.includes(`${title} — IDR 150,000.50 — open`)));

  const buyer = await signUp('buyer');
  await buyer.page.click(`#lounges button:text-is("${lounge}")`);
  await buyer.page.waitForSelector(`#listings li:has-text("${title}") button.buy`);
  await buyer.page.click(`#listings li:has-text("${title}") button.buy`);
  await buyer.page.waitForSelector('#transactions li.transaction.buyer:has-text("pending")');

  await seller.page.waitForSelector(`#transactions li.transaction.seller:has-text("${title}"):has-text("pending")`, { timeout: 20000 });
  await seller.page.click(`#transactions li.transaction.seller:has-text("${title}") button.complete`);
  await seller.page.waitForSelector(`#transactions li.transaction.seller:has-text("${title}"):has-text("completed")`);
  await buyer.page.waitForSelector(`#transactions li.transaction.buyer:has-text("${title}"):has-text("completed")`, { timeout: 20000 });
  assert.ok((await textOf(buyer.page, '#transactions li.totals-buyer'))[0].includes('IDR 150,000.50'));

  for (const { page } of [seller, buyer]) {
    await page.waitForFunction((title) => {
      const texts = [...document.querySelectorAll('#messages li .text')].map((i) => i.textContent);
      return texts.some((t) => t.includes(`listed \u201c${title}\u201d for IDR 150,000.50`)) && texts.some((t) => t.includes(`\u201c${title}\u201d was sold`));
    }, title, { timeout: 20000 });
  }
  assert.deepEqual([...seller.errors, ...buyer.errors], []);
});
