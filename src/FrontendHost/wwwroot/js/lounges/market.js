// Part of the lounges page; see js/lounges/events.js for what it hears. The marketplace of the lounge entered: its
// listings with price and status, "Buy" (one idempotency key per click, kept across that click's retries), and a form to
// list an item. Money is never a floating-point number here: prices typed in major units become minor units by string
// arithmetic with the currency's exponent (ISO 4217), and the server's `display` string is what is shown.
import { showError } from '/js/common.js';
import { api } from '/js/chat.js';
import { announce, on } from '/js/lounges/events.js';

const $ = (id) => document.getElementById(id);
let lounge = null;
let me = null;

/** Minor-unit exponents of the currencies the form offers (ISO 4217 List One). */
export const EXPONENTS = { IDR: 2, USD: 2, EUR: 2, SGD: 2, MYR: 2, JPY: 0, KWD: 3 };

/** "150000.5" in IDR → 15000050 (a safe integer), by string arithmetic; throws on anything that is not a plain amount
 *  with at most the currency's decimals. */
export function toMinorUnits(text, currency) {
  const exponent = EXPONENTS[currency];
  if (exponent === undefined) throw new Error(`UNKNOWN_CURRENCY: ${currency}`);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim().replaceAll(',', ''));
  if (!match || (match[2] ?? '').length > exponent) {
    throw new Error(`Type the price like 150000${exponent ? '.' + '0'.repeat(exponent) : ''} (${currency} has ${exponent} decimals).`);
  }
  const digits = (match[1] + (match[2] ?? '').padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  const minor = BigInt(digits);
  if (minor > 100000000000000n) throw new Error('At most 10^14 minor units.');
  return Number(minor);
}

function ensureForm() {
  if ($('listing-form')) return;
  const form = document.createElement('form');
  form.id = 'listing-form';
  form.className = 'row';
  form.innerHTML = `
    <div><label for="listing-title">Title</label><input id="listing-title" maxlength="120" required></div>
    <div><label for="listing-kind">Kind</label><select id="listing-kind"><option value="item">Item</option><option value="service">Service</option></select></div>
    <div><label for="listing-price">Price</label><input id="listing-price" inputmode="decimal" required></div>
    <div><label for="listing-currency">Currency</label><select id="listing-currency">${Object.keys(EXPONENTS).map((c) => `<option>${c}</option>`).join('')}</select></div>
    <div class="grow-4"><label for="listing-description">Description</label><textarea id="listing-description" maxlength="2000"></textarea></div>
    <div class="end"><button type="submit">List it</button></div>`;
  $('market-section').append(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const currency = $('listing-currency').value;
      await api('POST', `/api/v1/lounges/${lounge.id}/listings`, {
        kind: $('listing-kind').value, title: $('listing-title').value, description: $('listing-description').value || null,
        price: { amountMinor: toMinorUnits($('listing-price').value, currency), currency },
      });
      form.reset();
      await refresh();
    } catch (error) { showError(error); }
  });
}

/** One purchase attempt per click: the key is made when the button is first clicked and reused if that attempt is retried. */
async function buy(listing, button) {
  button.dataset.key ||= crypto.randomUUID();
  button.disabled = true;
  try {
    await api('POST', `/api/v1/listings/${listing.id}/purchase`, { idempotencyKey: button.dataset.key });
    delete button.dataset.key;
    announce('market-changed', {});
  } catch (error) {
    button.disabled = false;
    showError(error);
  }
  await refresh();
}

async function refresh() {
  if (!lounge) return;
  const listings = await api('GET', `/api/v1/lounges/${lounge.id}/listings?limit=100`);
  const list = $('listings');
  list.replaceChildren(...listings.map((listing) => {
    const item = document.createElement('li');
    item.dataset.listingId = listing.id;
    const text = document.createElement('span');
    text.className = 'listing';
    text.textContent = `${listing.title} — ${listing.price.display} — ${listing.status} (${listing.sellerName})`;
    item.append(text);
    if (listing.status === 'open' && listing.sellerId !== me) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Buy';
      button.className = 'buy';
      button.addEventListener('click', () => buy(listing, button));
      item.append(' ', button);
    }
    return item;
  }));
}

// Reservations and cancellations are not announced: look again now and then while a lounge is open.
setInterval(() => { if (lounge && !document.hidden) refresh().catch(() => {}); }, 5000);
on('user', ({ user }) => { me = user?.id ?? null; });
on('entered', ({ lounge: entered, connection }) => {
  lounge = entered;
  $('market-section').classList.remove('hidden');
  ensureForm();
  // A new listing or a sale is announced as a system message: that is when the list changes for everyone.
  connection.on('newMessage', (message) => { if (message.kind === 'system') refresh().catch(showError); });
  refresh().catch(showError);
});
on('left', () => {
  lounge = null;
  $('market-section').classList.add('hidden');
  $('listings').replaceChildren();
});
