// The moderate page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { setText, showError } from '/js/common.js';
import { api, chatView, connectHub, joinRoom, setUpSignIn, storedToken } from '/js/chat.js';

const ROOM = 'radio/live';
const $ = (id) => document.getElementById(id);
let connection = null;

const moderateButton = (message, action) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = action;
  button.addEventListener('click', () => {
    const reason = action === 'flag' ? null : prompt(`Reason to ${action} this message (optional)`);
    api('POST', `/api/v1/livechat/messages/${message.id}/moderate`, { action, reason, room: ROOM }).catch(showError);
  });
  return button;
};

async function loadSettings() {
  const settings = await api('GET', `/api/v1/rooms/${ROOM}/settings`);
  $('slow-mode').value = settings.slowModeSeconds;
  $('banned').value = settings.bannedTerms.join('\n');
}

await setUpSignIn(async (user) => {
  if (connection) { await connection.stop(); connection = null; }
  const moderator = user && ['admin', 'editor'].includes(user.role);
  $('chat-section').classList.toggle('hidden', !moderator);
  $('settings-section').classList.toggle('hidden', user?.role !== 'admin');
  if (user && !moderator) showError('FORBIDDEN: moderation is for admins and editors.');
  if (!moderator) return;
  connection = await connectHub('chat', storedToken());
  const view = chatView($('messages'), (m) => ['hide', 'delete', 'flag'].map((action) => moderateButton(m, action)));
  await joinRoom(connection, ROOM, view, (n) => setText('presence', n));
  await loadSettings();
}).catch(showError);

$('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const bannedTerms = $('banned').value.split('\n').map((t) => t.trim()).filter(Boolean);
    await api('PUT', `/api/v1/rooms/${ROOM}/settings`, { slowModeSeconds: Number($('slow-mode').value), bannedTerms });
    setText('saved', `saved ${new Date().toLocaleTimeString()}`);
  } catch (error) { showError(error); }
});
