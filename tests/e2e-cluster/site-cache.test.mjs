// Cache invalidation across frontends (issue 10): both frontends cache the anonymous homepage (5 min); a write through
// frontend 1 evicts frontend 1's copy at once and publishes the eviction on the topic bus (site/cache over RabbitMQ), so
// the homepage read through frontend 2 shows the write at once too, not when its copy expires.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const FRONTENDS = (process.env.E2E_FRONTENDS ?? 'http://127.0.0.1:5093,http://127.0.0.1:5094').split(',');
const ADMIN = { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@e2e.test', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' };

// Plain fetch (no SignalR client needed): the admin's access token.
const logIn = async (baseUrl, email, password) => {
  const response = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, 'admin login');
  return (await response.json()).data;
};
const homepage = async (baseUrl) => {
  const response = await fetch(new URL('/api/v1/homepage', baseUrl));
  assert.equal(response.status, 200, `${baseUrl} homepage`);
  return (await response.json()).data;
};
const post = (baseUrl, path, token, body) => fetch(new URL(path, baseUrl), {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
});

// The bus delivers asynchronously: frontend 2 evicts within moments of the publish. "At once" here is a short deadline,
// far below the homepage's 5-minute lifetime, polled without sleeping longer than needed.
const shortly = async (what, check, deadlineMs = 3000) => {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) assert.fail(`${what} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

test('an announcement made through frontend 1 shows on the homepage cached by frontend 2 at once', async () => {
  const [one, two] = FRONTENDS;
  const admin = (await logIn(one, ADMIN.email, ADMIN.password)).accessToken;
  await homepage(one);
  await homepage(two);
  const text = `Across the cluster ${Date.now()}`;

  const created = await post(one, '/api/v1/announcements', admin, { text });
  assert.equal(created.status, 201);

  assert.ok((await homepage(one)).announcements.some((a) => a.text === text), 'frontend 1 evicted its own copy before answering');
  await shortly('frontend 2 shows the announcement', async () => (await homepage(two)).announcements.some((a) => a.text === text));
});

test('an article published through frontend 1 shows on the homepage cached by frontend 2 at once', async (t) => {
  const [one, two] = FRONTENDS;
  const admin = (await logIn(one, ADMIN.email, ADMIN.password)).accessToken;
  await homepage(one);
  await homepage(two);
  const title = `Cluster news ${Date.now()}`;

  const created = await post(one, '/api/v1/articles', admin, { title, content: '<p>Published on one frontend, read on the other.</p>', status: 'published' });
  if (created.status === 404 || created.status === 405) {
    t.skip('POST /api/v1/articles is not on this branch yet (the articles module is merged separately)');
    return;
  }
  assert.equal(created.status, 201);

  assert.ok((await homepage(one)).latestArticles.some((a) => a.title === title), 'frontend 1 shows it at once');
  await shortly('frontend 2 shows the article', async () => (await homepage(two)).latestArticles.some((a) => a.title === title));
});
