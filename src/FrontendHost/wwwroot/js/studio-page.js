// The studio page's code, a module of its own so the Content-Security-Policy can refuse inline script.
import { setText, showError } from '/js/common.js';
import { connectHub, setUpSignIn, storedToken } from '/js/chat.js';

const $ = (id) => document.getElementById(id);
const items = new Map();
let connection = null;

const describe = (r) => `"${r.title}"${r.artist ? ` by ${r.artist}` : ''}, for ${r.requesterName}${r.message ? `: ${r.message}` : ''}`;
const count = () => setText('pending-count', `(${items.size})`);

function show(request) {
  if (items.has(request.id)) return;
  const item = document.createElement('li');
  const text = document.createElement('span');
  text.textContent = describe(request);
  const approve = document.createElement('button');
  approve.type = 'button';
  approve.textContent = 'approve';
  approve.addEventListener('click', () => connection.invoke('ApproveRequest', request.id).catch(showError));
  const reject = document.createElement('button');
  reject.type = 'button';
  reject.className = 'secondary';
  reject.textContent = 'reject';
  reject.addEventListener('click', () => connection.invoke('RejectRequest', request.id, prompt('Reason (optional)') || null).catch(showError));
  item.append(text, approve, reject);
  items.set(request.id, item);
  $('requests').append(item);
  count();
}

function decided(request) {
  items.get(request.id)?.remove();
  items.delete(request.id);
  const entry = document.createElement('li');
  entry.textContent = `${request.status}: ${describe(request)}${request.reason ? ` (${request.reason})` : ''}`;
  $('decided').prepend(entry);
  count();
}

await setUpSignIn(async (user) => {
  if (connection) { await connection.stop(); connection = null; }
  const dj = user && ['penyiar', 'admin'].includes(user.role);
  $('requests-section').classList.toggle('hidden', !dj);
  if (user && !dj) showError('FORBIDDEN: the DJ console is for penyiar and admins.');
  if (!dj) return;
  connection = await connectHub('studio', storedToken());
  connection.on('newSongRequest', show);
  connection.on('requestApproved', decided);
  connection.on('requestRejected', decided);
  const load = async () => (await connection.invoke('GetPendingRequests')).forEach(show);
  connection.onreconnected(() => load().catch(showError));
  await load();
}).catch(showError);
