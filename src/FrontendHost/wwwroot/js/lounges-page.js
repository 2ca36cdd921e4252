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
  room = { name: lounge.room, lounge, ...(await joinRoom(connection, lounge.room, chatView($('messages')), (n) => setText('presence', n))) };
  $('chat-section').classList.remove('hidden');
  announce('entered', { lounge, connection });
}

await setUpSignIn(async (user) => {
  $('lounges-section').classList.toggle('hidden', !user);
  $('chat-section').classList.add('hidden');
  if (connection) { await connection.stop(); connection = null; room = null; }
  if (user) connection = await connectHub('chat', storedToken());
  announce('user', { user, connection, enter });
}).catch(showError);

$('send-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try { await room.send($('text').value); $('text').value = ''; } catch (error) { showError(error); }
});
