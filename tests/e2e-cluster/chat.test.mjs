// Chat across the cluster: the room and studio grains live on the silos, listeners and DJs on two frontends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectHub, createChatSession, requestSong } from '../../tools/chat-client.mjs';
import { nextEvent, until } from '../e2e/support.mjs';

const FRONTENDS = (process.env.E2E_FRONTENDS ?? 'http://127.0.0.1:5093,http://127.0.0.1:5094').split(',');
const ADMIN = { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@e2e.test', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' };

test('listeners on two frontends hear each other in one order, and a session token from one frontend works on the other', async () => {
  // Sessions are all opened on frontend 1: the token must hold on frontend 2 as well (a shared signing key).
  const sessions = await Promise.all([0, 1, 2, 3].map((i) => createChatSession(FRONTENDS[0], `listener ${i}`)));
  const connections = await Promise.all(sessions.map((s, i) => connectHub(FRONTENDS[i % 2], 'chat', s.token)));
  const received = connections.map(() => []);
  connections.forEach((c, i) => c.on('newMessage', (m) => received[i].push(m)));
  for (const connection of connections) await connection.invoke('JoinRoom', { room: 'radio/live' });
  try {
    const run = `cluster-${Date.now()}`;
    await Promise.all(connections.map(async (c, i) => {
      for (let n = 0; n < 5; n++) await c.invoke('SendMessage', { room: 'radio/live', text: `${run} ${i} ${n}` });
    }));
    const ours = (list) => list.filter((m) => m.text.startsWith(run));
    await until(() => received.every((list) => ours(list).length === 20), 'all 20 messages at all 4 listeners');
    const order = ours(received[0]).map((m) => m.id);
    for (const list of received) assert.deepEqual(ours(list).map((m) => m.id), order, 'the same order on both frontends');
  } finally {
    await Promise.all(connections.map((c) => c.stop()));
  }
});

test('a song request made through frontend 1 reaches a DJ on frontend 2, and the approval returns to frontend 1', async () => {
  const login = await fetch(new URL('/api/v1/auth/login', FRONTENDS[1]), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
  });
  assert.equal(login.status, 200);
  const dj = await connectHub(FRONTENDS[1], 'studio', (await login.json()).data.accessToken);
  const session = await createChatSession(FRONTENDS[0], 'requester');
  const requester = await connectHub(FRONTENDS[0], 'chat', session.token);
  try {
    const arrived = nextEvent(dj, 'newSongRequest', 5000);
    const started = performance.now();
    const stored = await requestSong(FRONTENDS[0], { title: 'Across the cluster', requesterName: 'Ann' }, session.token);
    assert.equal((await arrived).id, stored.id);
    console.log(`[chat] cluster: song request reached the DJ on the other frontend in ${(performance.now() - started).toFixed(0)} ms`);
    const approved = nextEvent(requester, 'requestApproved', 5000);
    await dj.invoke('ApproveRequest', stored.id);
    assert.equal((await approved).id, stored.id);
  } finally {
    await Promise.all([dj.stop(), requester.stop()]);
  }
});
