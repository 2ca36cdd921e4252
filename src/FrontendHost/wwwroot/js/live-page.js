// The live page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { setText, showError } from '/js/common.js';
import { api, chatView, connectHub, joinRoom } from '/js/chat.js';

const SESSION_KEY = 'orleansrides.livechat';
const $ = (id) => document.getElementById(id);
const note = (text) => { const li = document.createElement('li'); li.textContent = text; $('request-updates').prepend(li); };

async function session(displayName) {
  const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
  if (saved && saved.displayName === displayName && new Date(saved.expiresAt) > new Date()) return saved;
  const created = await api('POST', '/api/v1/livechat/session', { displayName }, null);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(created));
  return created;
}

async function start(displayName) {
  const chat = await session(displayName);
  const connection = await connectHub('chat', chat.token);
  connection.on('requestApproved', (r) => note(`The DJ approved "${r.title}".`));
  connection.on('requestRejected', (r) => note(`The DJ declined "${r.title}"${r.reason ? `: ${r.reason}` : ''}.`));
  const room = await joinRoom(connection, 'radio/live', chatView($('messages')), (count) => setText('presence', count));
  setText('slow-mode', room.snapshot.slowModeSeconds ? `slow mode: one message per ${room.snapshot.slowModeSeconds} s` : '');
  $('name-section').classList.add('hidden');
  $('chat-section').classList.remove('hidden');
  $('request-section').classList.remove('hidden');
  $('send-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await room.send($('text').value);
      $('text').value = '';
      $('error').classList.add('hidden');
    } catch (error) { showError(error); }
  });
  $('request-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const request = await api('POST', '/api/v1/services/song_request', {
        title: $('song-title').value, artist: $('song-artist').value, message: $('song-message').value, requesterName: chat.displayName,
      }, chat.token);
      note(`Requested "${request.title}"; waiting for the DJ.`);
      event.target.reset();
    } catch (error) { showError(error); }
  });
}

$('name-form').addEventListener('submit', (event) => {
  event.preventDefault();
  start($('display-name').value.trim()).catch(showError);
});
