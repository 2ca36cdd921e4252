// The lounges page's code, a module of its own so the Content-Security-Policy can refuse inline script. It signs in,
// opens the chat connection and enters lounges; each other part of the page is a module under js/lounges/ that hears
// what happens here through js/lounges/events.js.
import { setText, showError } from '/js/common.js';
import { api, chatView, connectHub, joinRoom, setUpSignIn, storedToken } from '/js/chat.js';
import { announce } from '/js/lounges/events.js';
import '/js/lounges/devices.js';
import '/js/lounges/directory.js';
import '/js/lounges/moderation.js';
import '/js/lounges/market.js';
import '/js/lounges/transactions.js';

const $ = (id) => document.getElementById(id);
let connection = null;
let room = null;

/** Enters a lounge: leaves the current one, joins the room and tells the other modules. */
async function enter(lounge) {
  if (room) {
    await connection.invoke('LeaveRoom', room.name).catch(() => {});
    announce('left', { lounge: room.lounge });
  }
  connection.off('newMessage'); connection.off('messageModerated');
  setText('lounge-title', lounge.name);
  // GET /lounges/{id} carries myRole: a member entering a public lounge for the first time becomes one by joining.
  const view = chatView($('messages'), (message) => moderationActions(lounge, message));
  room = { name: lounge.room, lounge, ...(await joinRoom(connection, lounge.room, view, (n) => setText('presence', n))) };
  room.lounge = await api('GET', `/api/v1/lounges/${lounge.id}`).catch(() => lounge);
  $('chat-section').classList.remove('hidden');
  announce('entered', { lounge: room.lounge, connection });
}

/** Hide and delete buttons on a message, for the lounge's owner and moderators. */
function moderationActions(lounge, message) {
  if (!['owner', 'moderator'].includes(room?.lounge?.myRole ?? lounge.myRole) || message.kind === 'system') return [];
  return ['hide', 'delete'].map((action) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = action === 'hide' ? 'Hide' : 'Delete';
    button.addEventListener('click', () =>
      api('POST', `/api/v1/lounges/${lounge.id}/messages/${message.id}/moderate`, { action }).catch(showError));
    return button;
  });
}

/** The room was taken from this connection (removed, lounge deleted): leave it and say why. */
function exitRoom(exit, why) {
  if (!room || exit.room !== room.name) return;
  const { lounge } = room;
  room = null;
  $('chat-section').classList.add('hidden');
  announce('left', { lounge, reason: why });
  announce('changed', {});
}

function listenForExits(hub) {
  hub.on('removedFromRoom', (exit) => exitRoom(exit, 'You were removed from this lounge.'));
  hub.on('roomClosed', (exit) => exitRoom(exit, 'This lounge was deleted by its owner.'));
  hub.on('muted', (muted) => {
    if (!room || muted.room !== room.name) return;
    setText('mute-notice', muted.until ? `You are muted until ${new Date(muted.until).toLocaleTimeString()}.` : '');
  });
}

await setUpSignIn(async (user) => {
  $('lounges-section').classList.toggle('hidden', !user);
  $('chat-section').classList.add('hidden');
  if (connection) { await connection.stop(); connection = null; room = null; }
  if (user) { connection = await connectHub('chat', storedToken()); listenForExits(connection); }
  announce('user', { user, connection, enter });
}).catch(showError);

$('send-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try { await room.send($('text').value); $('text').value = ''; } catch (error) { showError(error); }
});
