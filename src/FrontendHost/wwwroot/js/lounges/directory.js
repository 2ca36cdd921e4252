// The lounge directory: lists lounges and creates them. See js/lounges/events.js for what it hears.
import { showError } from '/js/common.js';
import { api } from '/js/chat.js';
import { on } from '/js/lounges/events.js';

const $ = (id) => document.getElementById(id);

let enter = null;

async function listLounges() {
  const lounges = await api('GET', '/api/v1/lounges');
  $('lounges').replaceChildren(...lounges.map((lounge) => {
    const item = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'secondary';
    open.textContent = lounge.name;
    open.addEventListener('click', () => enter(lounge).catch(showError));
    const description = document.createElement('span');
    description.className = 'muted';
    description.textContent = lounge.description ? ` ${lounge.description}` : '';
    item.append(open, description);
    return item;
  }));
}

on('user', (detail) => { enter = detail.enter; if (detail.user) listLounges().catch(showError); });

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const lounge = await api('POST', '/api/v1/lounges', { name: $('lounge-name').value, description: $('lounge-description').value });
    event.target.reset();
    await listLounges();
    await enter(lounge);
  } catch (error) { showError(error); }
});
