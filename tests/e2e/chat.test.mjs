// The chat hub with the real JS client: a crowded live room, moderation, floods, bad input, song requests, logout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import WebSocket from 'ws';
import { connectHub, createChatSession, logIn, requestSong, signUp } from '../../tools/chat-client.mjs';
import { BASE_URL, ADMIN, codeOf, nextEvent, until } from './support.mjs';

const LIVE = 'radio/live';
const listenerSession = (name) => createChatSession(BASE_URL, name);

async function listenerIn(room, name) {
  const session = await listenerSession(name);
  const connection = await connectHub(BASE_URL, 'chat', session.token);
  const received = [];
  connection.on('newMessage', (message) => received.push(message));
  const snapshot = await connection.invoke('JoinRoom', { room });
  return { session, connection, received, snapshot };
}

async function memberWithRole(role) {
  const email = `${role}-${Date.now()}-${Math.random().toString(16).slice(2)}@e2e.test`;
  // Staff titles in names are for staff, and the account is a member until promoted.
  const { user } = await signUp(BASE_URL, { email, password: 'password-1', name: 'Role Tester' });
  const admin = await logIn(BASE_URL, ADMIN.email, ADMIN.password);
  const response = await fetch(new URL(`/api/v1/admin/users/${user.id}/role`, BASE_URL), {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` }, body: JSON.stringify({ role }),
  });
  assert.equal(response.status, 200);
  return (await logIn(BASE_URL, email, 'password-1')).accessToken;
}

const closeAll = (connections) => Promise.all(connections.map((c) => c.stop()));

test('200 listeners and 20 senders in radio/live: every message once, each sender in order; a late joiner gets the last 50', async () => {
  const run = `run-${Date.now()}`;
  const listeners = [];
  for (let i = 0; i < 200; i += 20) {
    listeners.push(...await Promise.all(Array.from({ length: 20 }, (_, j) => listenerIn(LIVE, `listener ${i + j}`))));
  }
  const senders = await Promise.all(Array.from({ length: 20 }, (_, i) => listenerIn(LIVE, `sender ${i}`)));
  const perSender = 10;

  await Promise.all(senders.map(async (sender, s) => {
    for (let n = 0; n < perSender; n++) {
      await sender.connection.invoke('SendMessage', { room: LIVE, text: `${run} ${s} ${n}`, clientMessageId: `${run}-${s}-${n}` });
    }
  }));
  const ours = (received) => received.filter((m) => m.text.startsWith(run));
  const expected = senders.length * perSender;
  const everyone = [...listeners, ...senders];
  await until(() => everyone.every((l) => ours(l.received).length >= expected), `${expected} messages at all ${everyone.length} connections`, 60000);
  await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up, were there one

  for (const listener of everyone) {
    const mine = ours(listener.received);
    assert.equal(mine.length, expected, 'each message exactly once');
    assert.equal(new Set(mine.map((m) => m.id)).size, expected);
    const seqs = listener.received.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'delivered in the order the room accepted them');
    for (let s = 0; s < senders.length; s++) {
      const fromSender = mine.filter((m) => m.text.startsWith(`${run} ${s} `)).map((m) => Number(m.text.split(' ')[2]));
      assert.deepEqual(fromSender, Array.from({ length: perSender }, (_, n) => n));
    }
  }

  const late = await listenerIn(LIVE, 'late joiner');
  assert.equal(late.snapshot.history.length, 50);
  assert.deepEqual(late.snapshot.history.map((m) => m.id), listeners[0].received.slice(-50).map((m) => m.id));
  assert.ok(late.snapshot.presenceCount >= 221);
  await closeAll([...everyone, late].map((l) => l.connection));
});

test('a moderator hides a message: everyone is told, history and the REST listing drop it, the log has it; a listener may not', async () => {
  const editor = await memberWithRole('editor');
  const [alice, bob] = await Promise.all([listenerIn(LIVE, 'alice'), listenerIn(LIVE, 'bob')]);
  const message = await alice.connection.invoke('SendMessage', { room: LIVE, text: `rude words ${Date.now()}` });
  const moderate = (token) => fetch(new URL(`/api/v1/livechat/messages/${message.id}/moderate`, BASE_URL), {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action: 'hide', reason: 'rude' }),
  });

  const refused = await moderate(alice.session.token);
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).code, 'FORBIDDEN');

  const toAlice = nextEvent(alice.connection, 'messageModerated');
  const toBob = nextEvent(bob.connection, 'messageModerated');
  assert.equal((await moderate(editor)).status, 200);
  for (const event of await Promise.all([toAlice, toBob])) {
    assert.deepEqual(event, { room: LIVE, messageId: message.id, action: 'hide' });
  }
  const late = await listenerIn(LIVE, 'late');
  assert.ok(!late.snapshot.history.some((m) => m.id === message.id));
  const listing = await (await fetch(new URL('/api/v1/livechat/messages?limit=100', BASE_URL))).json();
  assert.ok(!listing.data.some((m) => m.id === message.id));
  const log = await (await fetch(new URL('/api/v1/livechat/moderation-log', BASE_URL), { headers: { authorization: `Bearer ${editor}` } })).json();
  assert.ok(log.data.some((entry) => entry.messageId === message.id && entry.action === 'hide' && entry.reason === 'rude'));
  await closeAll([alice.connection, bob.connection, late.connection]);
});

test('a flooding sender gets RATE_LIMITED while others are served; oversize, empty and banned messages are refused', async () => {
  const [flooder, calm] = await Promise.all([listenerIn(LIVE, 'flooder'), listenerIn(LIVE, 'calm')]);
  const results = await Promise.allSettled(Array.from({ length: 150 }, (_, i) =>
    flooder.connection.invoke('SendMessage', { room: LIVE, text: `flood ${i}` })));
  const limited = results.filter((r) => r.status === 'rejected');
  assert.equal(results.length - limited.length, 100, 'the station allows 100 messages per minute');
  assert.ok(limited.every((r) => /^RATE_LIMITED:/.test(r.reason.message)), limited[0]?.reason.message);
  const heard = await calm.connection.invoke('SendMessage', { room: LIVE, text: 'I am still heard' });
  assert.equal(heard.text, 'I am still heard');

  assert.equal(await codeOf(calm.connection.invoke('SendMessage', { room: LIVE, text: 'x'.repeat(501) })), 'MESSAGE_TOO_LONG');
  assert.equal(await codeOf(calm.connection.invoke('SendMessage', { room: LIVE, text: '   ' })), 'INVALID_REQUEST');
  const admin = (await logIn(BASE_URL, ADMIN.email, ADMIN.password)).accessToken;
  const lounge = await (await fetch(new URL('/api/v1/lounges', BASE_URL), {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ name: 'banned terms' }),
  })).json();
  await fetch(new URL(`/api/v1/rooms/${lounge.data.room}/settings`, BASE_URL), {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ bannedTerms: ['badword'] }),
  });
  const member = await connectHub(BASE_URL, 'chat', admin);
  await member.invoke('JoinRoom', { room: lounge.data.room });
  assert.equal(await codeOf(member.invoke('SendMessage', { room: lounge.data.room, text: 'a BadWord here' })), 'BANNED_TERM');
  assert.equal(await codeOf(calm.connection.invoke('JoinRoom', { room: lounge.data.room })), 'FORBIDDEN');
  await closeAll([flooder.connection, calm.connection, member]);
});

test('bad JSON and wrong types get typed errors; a malformed frame closes only its own connection', async () => {
  const { connection, session } = await listenerIn(LIVE, 'typo');
  const cases = [
    [['JoinRoom', 'radio/live'], 'INVALID_REQUEST'],
    [['JoinRoom', { room: 42 }], 'INVALID_REQUEST'],
    [['JoinRoom', { room: '../etc/passwd' }], 'ROOM_NOT_FOUND'],
    [['JoinRoom', { room: 'radio/no-such-room' }], 'ROOM_NOT_FOUND'],
    [['SendMessage', { room: LIVE, text: 5 }], 'INVALID_REQUEST'],
    [['SendMessage', { room: LIVE, text: 'x', clientMessageId: 'y'.repeat(65) }], 'INVALID_REQUEST'],
    [['SendMessage', { room: 'radio/elsewhere', text: 'not joined' }], 'FORBIDDEN'],
    [['SendMessage'], 'INVALID_REQUEST'],
    [['LeaveRoom', { room: LIVE }], 'INVALID_REQUEST'],
    [['NoSuchMethod', 1], 'INVALID_REQUEST'],
  ];
  for (const [[method, ...args], code] of cases) {
    assert.equal(await codeOf(connection.invoke(method, ...args)), code, `${method}(${JSON.stringify(args)})`);
  }

  const raw = new WebSocket(`${BASE_URL.replace(/^http/, 'ws')}/hubs/chat?access_token=${session.token}`);
  await once(raw, 'open');
  raw.send('{"protocol":"json","version":1}\x1e');
  raw.send('{"type":1,"invocationId":"1","target":"SendMessage","arguments":[{"room":\x1e');
  await once(raw, 'close');
  const still = await connection.invoke('SendMessage', { room: LIVE, text: 'still connected' });
  assert.equal(still.text, 'still connected');
  await connection.stop();
});

test('logging out closes the token\'s open hub connections; without a token, or with a logged-out one, the hubs refuse it', async () => {
  const negotiate = (hub, token) => fetch(new URL(`/hubs/${hub}/negotiate?negotiateVersion=1`, BASE_URL), {
    method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const email = `leaver-${Date.now()}@e2e.test`;
  const { accessToken } = await signUp(BASE_URL, { email, password: 'password-1', name: 'Leaver' });
  const open = await connectHub(BASE_URL, 'chat', accessToken);
  const closed = new Promise((resolve) => open.onclose(resolve));
  await open.invoke('JoinRoom', { room: LIVE });
  assert.equal((await negotiate('chat', accessToken)).status, 200);

  const logout = await fetch(new URL('/api/v1/auth/logout', BASE_URL), { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(logout.status, 204);
  await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('still open 5 s after logout')), 5000))]);
  assert.equal((await negotiate('chat', accessToken)).status, 401);
  await assert.rejects(connectHub(BASE_URL, 'chat', accessToken));
  assert.equal((await negotiate('chat', null)).status, 401);
  assert.equal((await negotiate('studio', (await listenerSession('plain listener')).token)).status, 403);
});

test('a song request reaches a connected DJ within a second, and the approval reaches the requester', async () => {
  const dj = await connectHub(BASE_URL, 'studio', await memberWithRole('penyiar'));
  const requester = await listenerIn(LIVE, 'requester');
  const arrived = nextEvent(dj, 'newSongRequest', 5000);
  const sentAt = performance.now();
  const stored = await requestSong(BASE_URL, { title: 'Amazing Grace', requesterName: 'Ann' }, requester.session.token);
  const request = await arrived;
  const latencyMs = performance.now() - sentAt;
  console.log(`[chat] song request reached the DJ ${latencyMs.toFixed(0)} ms after it was sent`);
  assert.equal(request.id, stored.id);
  assert.equal(request.sessionId, requester.session.sessionId);
  assert.ok(latencyMs < 1000, `${latencyMs} ms`);
  assert.ok((await dj.invoke('GetPendingRequests')).some((r) => r.id === stored.id));

  const approvedToRequester = nextEvent(requester.connection, 'requestApproved');
  const approvedToDj = nextEvent(dj, 'requestApproved');
  const approved = await dj.invoke('ApproveRequest', stored.id);
  assert.equal(approved.status, 'approved');
  assert.equal((await approvedToRequester).id, stored.id);
  assert.equal((await approvedToDj).id, stored.id);
  assert.equal(await codeOf(dj.invoke('RejectRequest', stored.id, 'again')), 'REQUEST_NOT_FOUND');
  assert.equal(await codeOf(dj.invoke('ApproveRequest', 'not-a-uuid')), 'INVALID_REQUEST');
  assert.equal(await codeOf(dj.invoke('RejectRequest', stored.id, 42)), 'INVALID_REQUEST');
  await closeAll([dj, requester.connection]);
});
