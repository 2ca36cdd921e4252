// Part of the lounges page; see js/lounges/events.js for what it hears.
// "My devices": the signed-in account's sign-in sessions (GET /api/v1/auth/sessions), each with a "Sign out" button
// (DELETE /api/v1/auth/sessions/{id}); this browser's own session is marked, and signing it out is a logout.
import { on } from "/js/lounges/events.js";
import { showError } from '/js/common.js';
import { api } from '/js/chat.js';

const $ = (id) => document.getElementById(id);

async function list() {
  const sessions = await api('GET', '/api/v1/auth/sessions?limit=100');
  const items = sessions.map((session) => {
    const item = document.createElement('li');
    item.dataset.sessionId = session.id;
    // Labels come from the server (never HTML): textContent only.
    const label = document.createElement('b');
    label.textContent = session.deviceLabel;
    const used = document.createElement('span');
    used.textContent = ` · last used ${new Date(session.lastUsedAt).toLocaleString()}`;
    item.append(label, used);
    if (session.current) {
      item.classList.add('current');
      const mark = document.createElement('em');
      mark.textContent = ' (this device)';
      item.append(mark);
    }
    const signOut = document.createElement('button');
    signOut.type = 'button';
    signOut.className = 'secondary';
    signOut.textContent = 'Sign out';
    signOut.addEventListener('click', async () => {
      try {
        if (session.current) {
          // The sign-in box's logout ends this session and shows the form again.
          $('logout').click();
          return;
        }
        await api('DELETE', `/api/v1/auth/sessions/${session.id}`);
        item.remove();
      } catch (error) {
        showError(error);
      }
    });
    item.append(' ', signOut);
    return item;
  });
  $('devices').replaceChildren(...items);
}

on('user', ({ user }) => {
  $('devices-section').classList.toggle('hidden', !user);
  if (user) list().catch(showError);
  else $('devices').replaceChildren();
});
