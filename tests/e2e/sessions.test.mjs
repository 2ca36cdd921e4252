// Sessions follow the account, with the real JS client: a demoted DJ or a deactivated member is disconnected at once and
// its old token is refused; chat shows opaque sender ids; a song request's requester is the caller's own token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectHub, createChatSession, logIn, requestSong, signUp } from '../../tools/chat-client.mjs';
import { ADMIN, BASE_URL, nextEvent } from './support.mjs';

const put = async (path, token, body) => fetch(new URL(path, BASE_URL), {
  method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
});
const negotiate = (hub, token) => fetch(new URL(`/hubs/${hub}/negotiate?negotiateVersion=1`, BASE_URL), {
  method: 'POST', headers: { authorization: `Bearer ${token}` },
});
const closedWithin = (connection, ms, what) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`${what}: still open ${ms} ms later`)), ms);
  connection.onclose(() => { clearTimeout(timer); resolve(); });
});

async function member(prefix) {
  const email = `${prefix}-${Date.now()}-${Math.random().toString(16).slice(2)}@e2e.test`;
  const { user, accessToken } = await signUp(BASE_URL, { email, password: 'password-1', name: 'Session tester' }); // not the prefix: names such as "dj tester" are reserved for staff
  return { email, id: user.id, token: accessToken };
}

const adminToken = async () => (await logIn(BASE_URL, ADMIN.email, ADMIN.password)).accessToken;

test('a DJ demoted to member is disconnected from /hubs/studio at once, cannot decide, and its old token is refused', async () => {
  const admin = await adminToken();
  const dj = await member('dj');
  assert.equal((await put(`/api/v1/admin/users/${dj.id}/role`, admin, { role: 'penyiar' })).status, 200);
  const djToken = (await logIn(BASE_URL, dj.email, 'password-1')).accessToken;
  const studio = await connectHub(BASE_URL, 'studio', djToken);
  const watcher = await connectHub(BASE_URL, 'studio', admin);
  try {
    const arrived = nextEvent(studio, 'newSongRequest');
    const request = await requestSong(BASE_URL, { title: 'Demoted', requesterName: 'Ann' });
    assert.equal((await arrived).id, request.id);

    const closed = closedWithin(studio, 5000, 'the demoted DJ\'s studio connection');
    const demotedAt = performance.now();
    assert.equal((await put(`/api/v1/admin/users/${dj.id}/role`, admin, { role: 'member' })).status, 200);
    await closed;
    console.log(`[chat] a demoted DJ's studio connection closed ${(performance.now() - demotedAt).toFixed(0)} ms after the role change was sent`);

    await assert.rejects(studio.invoke('ApproveRequest', request.id));
    assert.equal((await negotiate('studio', djToken)).status, 401);
    assert.equal((await negotiate('chat', djToken)).status, 401);
    await assert.rejects(connectHub(BASE_URL, 'studio', djToken));
    const pending = await watcher.invoke('GetPendingRequests');
    assert.ok(pending.some((r) => r.id === request.id && r.status === 'pending'), 'the request is still undecided');
    const asMember = (await logIn(BASE_URL, dj.email, 'password-1')).accessToken;
    assert.equal((await negotiate('studio', asMember)).status, 403);
    await watcher.invoke('RejectRequest', request.id, 'test over');
  } finally {
    await Promise.all([studio.stop(), watcher.stop()]);
  }
});

test('a deactivated member is disconnected, refused and cannot log in; reactivated, it logs in again', async () => {
  const admin = await adminToken();
  const leaving = await member('leaving');
  const chat = await connectHub(BASE_URL, 'chat', leaving.token);
  await chat.invoke('JoinRoom', { room: 'radio/live' });

  const closed = closedWithin(chat, 5000, 'the deactivated member\'s chat connection');
  const deactivated = await put(`/api/v1/admin/users/${leaving.id}/active`, admin, { isActive: false });
  assert.equal(deactivated.status, 200);
  assert.equal((await deactivated.json()).data.isActive, false);
  await closed;

  assert.equal((await negotiate('chat', leaving.token)).status, 401);
  const login = await fetch(new URL('/api/v1/auth/login', BASE_URL), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: leaving.email, password: 'password-1' }),
  });
  assert.equal(login.status, 403);
  assert.equal((await login.json()).code, 'ACCOUNT_INACTIVE');
  assert.equal((await put(`/api/v1/admin/users/${leaving.id}/active`, admin, { isActive: true })).status, 200);
  const back = await connectHub(BASE_URL, 'chat', (await logIn(BASE_URL, leaving.email, 'password-1')).accessToken);
  await back.stop();
});

test('chat shows an opaque sender id per room, and a song request cannot name another session', async () => {
  const [alice, bob] = await Promise.all([createChatSession(BASE_URL, 'alice'), createChatSession(BASE_URL, 'bob')]);
  const [aliceHub, bobHub] = await Promise.all([connectHub(BASE_URL, 'chat', alice.token), connectHub(BASE_URL, 'chat', bob.token)]);
  try {
    const aliceJoined = await aliceHub.invoke('JoinRoom', { room: 'radio/live' });
    await bobHub.invoke('JoinRoom', { room: 'radio/live' });
    const pushed = nextEvent(bobHub, 'newMessage');
    const sent = await aliceHub.invoke('SendMessage', { room: 'radio/live', text: `mine ${Date.now()}` });
    assert.notEqual(sent.senderId, alice.sessionId);
    assert.equal(sent.senderId, aliceJoined.mySenderId);
    assert.equal((await pushed).senderId, aliceJoined.mySenderId);
    const history = await (await fetch(new URL('/api/v1/livechat/messages?limit=100', BASE_URL))).json();
    assert.equal(history.data.find((m) => m.id === sent.id).senderId, aliceJoined.mySenderId);
    assert.ok(!JSON.stringify(history).includes(alice.sessionId));

    const aimed = await requestSong(BASE_URL, { title: 'For Bob?', requesterName: 'Mallory', sessionId: bob.sessionId }, alice.token);
    assert.equal(aimed.sessionId, alice.sessionId);
    const anonymous = await requestSong(BASE_URL, { title: 'For Bob?', requesterName: 'Mallory', sessionId: bob.sessionId });
    assert.equal(anonymous.sessionId, null);
  } finally {
    await Promise.all([aliceHub.stop(), bobHub.stop()]);
  }
});
