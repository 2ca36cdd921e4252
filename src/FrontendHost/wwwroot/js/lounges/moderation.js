// The members tab of the lounge entered: members with their roles; for moderators mute and remove, and invite links
// (create, copy, revoke); for the owner make/unmake moderator, join requests, rename, visibility and delete. See
// js/lounges/events.js for what it hears; it announces 'changed' after a change the directory should show.
import { setText, showError } from '/js/common.js';
import { api } from '/js/chat.js';
import { announce, on } from '/js/lounges/events.js';

const $ = (id) => document.getElementById(id);
let lounge = null;
let heard = null;

const base = () => `/api/v1/lounges/${lounge.id}`;
const canModerate = () => lounge?.myRole === 'owner' || lounge?.myRole === 'moderator';

function button(text, action) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'secondary';
  element.textContent = text;
  element.addEventListener('click', () => action().then(refresh).catch(showError));
  return element;
}

async function listMembers() {
  const members = await api('GET', `${base()}/members?limit=100`);
  $('members').replaceChildren(...members.map((member) => {
    const item = document.createElement('li');
    item.dataset.userId = member.userId;
    const muted = member.mutedUntil ? ` (muted until ${new Date(member.mutedUntil).toLocaleTimeString()})` : '';
    item.append(`${member.name} — ${member.role}${muted} `);
    if (member.role === 'owner') return item;
    if (lounge.myRole === 'owner') {
      const next = member.role === 'moderator' ? 'member' : 'moderator';
      item.append(button(next === 'moderator' ? 'Make moderator' : 'Unmake moderator',
        () => api('PUT', `${base()}/members/${member.userId}/role`, { role: next })));
    }
    if (canModerate() && (lounge.myRole === 'owner' || member.role === 'member')) {
      item.append(
        button(member.mutedUntil ? 'Unmute' : 'Mute 10 min', () => (member.mutedUntil
          ? api('DELETE', `${base()}/members/${member.userId}/mute`)
          : api('PUT', `${base()}/members/${member.userId}/mute`, { minutes: 10 }))),
        button('Remove', () => api('DELETE', `${base()}/members/${member.userId}`)));
    }
    return item;
  }));
}

async function listInvites() {
  const invites = await api('GET', `${base()}/invites?limit=100`);
  $('invites').replaceChildren(...invites.filter((invite) => !invite.revokedAt).map((invite) => {
    const item = document.createElement('li');
    const limit = invite.maxUses ? ` of ${invite.maxUses}` : '';
    item.append(`Expires ${new Date(invite.expiresAt).toLocaleString()}, used ${invite.uses}${limit} `,
      button('Revoke', () => api('DELETE', `${base()}/invites/${invite.id}`)));
    return item;
  }));
}

async function listJoinRequests() {
  const requests = await api('GET', `${base()}/join-requests?limit=100`);
  $('join-requests').replaceChildren(...requests.map((request) => {
    const item = document.createElement('li');
    item.append(`${request.name}${request.message ? `: ${request.message}` : ''} `,
      button('Approve', () => api('POST', `${base()}/join-requests/${request.userId}/approve`)),
      button('Reject', () => api('POST', `${base()}/join-requests/${request.userId}/reject`)));
    return item;
  }));
}

async function refresh() {
  if (!lounge) return;
  await listMembers();
  if (canModerate()) await listInvites();
  if (lounge.myRole === 'owner') await listJoinRequests();
}

on('entered', ({ lounge: entered, connection }) => {
  lounge = entered;
  if (connection !== heard) {
    // Someone entering the room may be a new member: show them (once per connection, whichever lounge is open).
    heard = connection;
    connection.on('userJoined', (event) => lounge && event.room === lounge.room && refresh().catch(showError));
  }
  setText('room-notice', '');
  $('members-section').classList.remove('hidden');
  $('moderator-tools').classList.toggle('hidden', !canModerate());
  $('owner-tools').classList.toggle('hidden', lounge.myRole !== 'owner');
  $('settings-name').value = lounge.name;
  $('settings-visibility').value = lounge.visibility;
  refresh().catch(showError);
});
on('left', ({ reason } = {}) => {
  lounge = null;
  $('members').replaceChildren();
  $('moderator-tools').classList.add('hidden');
  $('owner-tools').classList.add('hidden');
  if (reason) setText('room-notice', reason); else $('members-section').classList.add('hidden');
});

$('create-invite').addEventListener('click', async () => {
  try {
    const invite = await api('POST', `${base()}/invites`, {});
    const url = new URL(invite.url, location.origin).href;
    setText('room-notice', `Invite link: ${url}`);
    await navigator.clipboard?.writeText(url).catch(() => {});
    await listInvites();
  } catch (error) { showError(error); }
});

$('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    lounge = { ...lounge, ...(await api('PATCH', base(), { name: $('settings-name').value, visibility: $('settings-visibility').value })) };
    announce('changed', { lounge });
  } catch (error) { showError(error); }
});

$('delete-lounge').addEventListener('click', async () => {
  try {
    await api('DELETE', base());
    announce('changed', {});
  } catch (error) { showError(error); }
});
