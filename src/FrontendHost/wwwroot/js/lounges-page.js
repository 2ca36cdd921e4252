// The lounges page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { setText, showError } from '/js/common.js';
import { api, chatView, connectHub, joinRoom, setUpSignIn, storedToken } from '/js/chat.js';

const $ = (id) => document.getElementById(id);
let connection = null;
let room = null;

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

async function enter(lounge) {
  if (room) await connection.invoke('LeaveRoom', room.name);
  connection.off('newMessage'); connection.off('messageModerated');
  setText('lounge-title', lounge.name);
  room = { name: lounge.room, ...(await joinRoom(connection, lounge.room, chatView($('messages')), (n) => setText('presence', n))) };
  $('chat-section').classList.remove('hidden');
}

await setUpSignIn(async (user) => {
  $('lounges-section').classList.toggle('hidden', !user);
  $('chat-section').classList.add('hidden');
  if (connection) { await connection.stop(); connection = null; room = null; }
  if (!user) return;
  connection = await connectHub('chat', storedToken());
  await listLounges();
}).catch(showError);

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const lounge = await api('POST', '/api/v1/lounges', { name: $('lounge-name').value, description: $('lounge-description').value });
    event.target.reset();
    await listLounges();
    await enter(lounge);
  } catch (error) { showError(error); }
});
$('send-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try { await room.send($('text').value); $('text').value = ''; } catch (error) { showError(error); }
});
