// Part of the lounges page; see js/lounges/events.js for what it hears. My purchases and sales with their totals per
// currency (the server's exact sums, shown as its `display` strings), "Confirm received" for the seller of a pending one
// and "Cancel" for either side.
import { showError } from '/js/common.js';
import { api, storedToken } from '/js/chat.js';
import { on } from '/js/lounges/events.js';

const $ = (id) => document.getElementById(id);
let me = null;

/** GET of a transactions page: the whole envelope (data and totals), which api() would cut down to data. */
async function page(role) {
  const response = await fetch(`/api/v1/transactions?role=${role}&limit=100`, { headers: { authorization: `Bearer ${storedToken()}` } });
  const payload = await response.json();
  if (!response.ok) throw new Error(`${payload.code ?? response.status}: ${payload.title ?? response.statusText}`);
  return payload;
}

function action(label, className, path) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.className = className;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try { await api('POST', path); } catch (error) { showError(error); }
    await refresh();
  });
  return button;
}

function render(role, envelope) {
  const heading = document.createElement('li');
  heading.className = `totals-${role}`;
  const totals = envelope.totals.map((t) => t.total.display).join(', ') || 'none';
  heading.textContent = `${role === 'buyer' ? 'Purchases' : 'Sales'}: ${totals}`;
  const rows = envelope.data.map((t) => {
    const item = document.createElement('li');
    item.dataset.transactionId = t.id;
    item.className = `transaction ${role}`;
    const text = document.createElement('span');
    text.textContent = `${t.listingTitle} — ${t.amount.display} — ${t.status}${role === 'buyer' ? ` from ${t.sellerName}` : ` to ${t.buyerName}`}`;
    item.append(text);
    if (t.status === 'pending') {
      if (role === 'seller') item.append(' ', action('Confirm received', 'complete', `/api/v1/transactions/${t.id}/complete`));
      item.append(' ', action('Cancel', 'cancel', `/api/v1/transactions/${t.id}/cancel`));
    }
    return item;
  });
  return [heading, ...rows];
}

async function refresh() {
  if (!me) return;
  const [bought, sold] = await Promise.all([page('buyer'), page('seller')]);
  $('transactions').replaceChildren(...render('buyer', bought), ...render('seller', sold));
}

on('user', ({ user }) => {
  me = user?.id ?? null;
  $('transactions-section').classList.toggle('hidden', !user);
  if (user) refresh().catch(showError); else $('transactions').replaceChildren();
});
// A purchase is not announced in the chat (only new listings and sales are), so a seller learns of one by looking again.
setInterval(() => { if (me && !document.hidden) refresh().catch(() => {}); }, 5000);
on('market-changed', () => refresh().catch(showError));
on('entered', ({ connection }) => {
  // A sale or a new listing is announced in the lounge: refresh my side of it too.
  connection.on('newMessage', (message) => { if (message.kind === 'system') refresh().catch(showError); });
});
