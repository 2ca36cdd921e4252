// Revocation across frontends: a role change made through frontend 1 closes the DJ's studio connection on frontend 2 (the
// event travels over RabbitMQ) and the DJ's old token is refused by both (the check is in PostgreSQL).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectHub, logIn, requestSong, signUp } from '../../tools/chat-client.mjs';
import { nextEvent } from '../e2e/support.mjs';

const FRONTENDS = (process.env.E2E_FRONTENDS ?? 'http://127.0.0.1:5093,http://127.0.0.1:5094').split(',');
const ADMIN = { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@e2e.test', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' };

const setRole = (baseUrl, token, id, role) => fetch(new URL(`/api/v1/admin/users/${id}/role`, baseUrl), {
  method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ role }),
});
const negotiate = (baseUrl, hub, token) => fetch(new URL(`/hubs/${hub}/negotiate?negotiateVersion=1`, baseUrl), {
  method: 'POST', headers: { authorization: `Bearer ${token}` },
});

test('a DJ demoted through one frontend is disconnected from the other at once, and its old token fails on both', async () => {
  const [one, two] = FRONTENDS;
  const email = `cluster-dj-${Date.now()}@e2e.test`;
  const { user } = await signUp(one, { email, password: 'password-1', name: 'Night owl' }); // "DJ" in a name is reserved for staff
  const admin = (await logIn(one, ADMIN.email, ADMIN.password)).accessToken;
  assert.equal((await setRole(one, admin, user.id, 'penyiar')).status, 200);
  const djToken = (await logIn(one, email, 'password-1')).accessToken;
  const studio = await connectHub(two, 'studio', djToken);
  try {
    const arrived = nextEvent(studio, 'newSongRequest');
    const request = await requestSong(one, { title: 'Across the cluster', requesterName: 'Ann' });
    assert.equal((await arrived).id, request.id);

    const closed = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the DJ\'s connection on frontend 2 is still open 5 s after the demotion')), 5000);
      studio.onclose(() => { clearTimeout(timer); resolve(); });
    });
    assert.equal((await setRole(one, admin, user.id, 'member')).status, 200);
    await closed;

    for (const frontend of FRONTENDS) assert.equal((await negotiate(frontend, 'studio', djToken)).status, 401, frontend);
    const djConsole = await connectHub(one, 'studio', admin);
    await djConsole.invoke('RejectRequest', request.id, 'test over');
    await djConsole.stop();
  } finally {
    await studio.stop();
  }
});
