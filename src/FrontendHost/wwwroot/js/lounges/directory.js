// The lounge directory: search, "mine", pages, create (public or private), and the invite flow (#invite=TOKEN shows the
// lounge's preview and a Join button, then enters it). See js/lounges/events.js for what it hears.
import { showError, setText } from '/js/common.js';
import { api } from '/js/chat.js';
import { on } from '/js/lounges/events.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;

let enter = null;
let offset = 0;

async function listLounges() {
  const query = new URLSearchParams({ limit: PAGE, offset });
  if ($('lounge-search').value.trim()) query.set('q', $('lounge-search').value.trim());
  if ($('lounge-mine').checked) query.set('mine', 'true');
  const lounges = await api('GET', `/api/v1/lounges?${query}`);
  $('lounges').replaceChildren(...lounges.map((lounge) => {
    const item = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'secondary';
    open.textContent = lounge.name;
    open.addEventListener('click', () => enter(lounge).catch(showError));
    const about = document.createElement('span');
    about.className = 'muted';
    const role = lounge.myRole ? `, ${lounge.myRole}` : '';
    about.textContent = ` ${lounge.visibility}${role} · ${lounge.memberCount} members · ${lounge.presenceCount ?? 0} here`
      + (lounge.description ? ` · ${lounge.description}` : '');
    item.append(open, about);
    return item;
  }));
  $('lounges-previous').disabled = offset === 0;
  $('lounges-next').disabled = lounges.length < PAGE;
  setText('lounges-page', `${offset + 1}–${offset + lounges.length}`);
}

/** The invite token of the page's address (#invite=TOKEN), if any. */
const inviteToken = () => new URLSearchParams(location.hash.slice(1)).get('invite');

async function showInvite() {
  const token = inviteToken();
  $('invite-section').classList.toggle('hidden', !token);
  if (!token) return;
  try {
    const preview = await api('POST', '/api/v1/lounge-invites/preview', { token });
    setText('invite-text', `You are invited to “${preview.name}” (${preview.memberCount} members). ${preview.description ?? ''}`);
    $('accept-invite').disabled = false;
  } catch (error) {
    setText('invite-text', 'This invite link is unknown, expired, revoked or used up.');
    $('accept-invite').disabled = true;
  }
}

on('user', (detail) => {
  enter = detail.enter;
  if (detail.user) {
    listLounges().catch(showError);
    showInvite().catch(showError);
  } else {
    $('invite-section').classList.add('hidden');
  }
});
on('changed', () => listLounges().catch(showError));
window.addEventListener('hashchange', () => showInvite().catch(showError));

$('accept-invite').addEventListener('click', async () => {
  try {
    const lounge = await api('POST', '/api/v1/lounge-invites/accept', { token: inviteToken() });
    history.replaceState(null, '', location.pathname);
    $('invite-section').classList.add('hidden');
    await listLounges();
    await enter(lounge);
  } catch (error) { showError(error); }
});

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  offset = 0;
  listLounges().catch(showError);
});
$('lounges-previous').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); listLounges().catch(showError); });
$('lounges-next').addEventListener('click', () => { offset += PAGE; listLounges().catch(showError); });

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const lounge = await api('POST', '/api/v1/lounges', {
      name: $('lounge-name').value, description: $('lounge-description').value, visibility: $('lounge-visibility').value,
    });
    event.target.reset();
    await listLounges();
    await enter(lounge);
  } catch (error) { showError(error); }
});
