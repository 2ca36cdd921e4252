// PostgreSQL stopped (immediate shutdown) for 10 s under load and restarted (issue 8): readiness answers 503 while
// liveness stays 200, calls fail fast with a retryable code instead of being acknowledged, nothing acknowledged is lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startChat, startRides } from './load.mjs';
import { RETRYABLE, counts, measure, postgres, report, sleep, startCluster, statusOf, until } from './support.mjs';

const OUTAGE_MS = 10000;
const health = (cluster, kind) => Promise.all(cluster.frontends.map((f) => statusOf(f, `/api/v1/health/${kind}`)));

test('a 10 s PostgreSQL outage under load answers readiness 503 and retryable errors, and loses nothing acknowledged', async () => {
  const cluster = await startCluster('postgres');
  const loads = [];
  let databaseDown = false;
  try {
    const rides = await startRides(cluster);
    const chat = await startChat(cluster);
    loads.push(rides, chat);
    await until(() => rides.ackedSince(0) >= 100 && chat.ackedSince(0) >= 8, 'load before the outage', 30000);

    await postgres.stop();
    databaseDown = true;
    const stoppedAt = Date.now();
    const notReadyMs = await measure(async () => (await health(cluster, 'ready')).every((s) => s === 503), OUTAGE_MS);
    const live = await health(cluster, 'live');
    const rest = await fetch(new URL(`/api/v1/routes/${rides.routeIds[0]}`, cluster.frontends[0]));
    const restCode = (await rest.json().catch(() => ({}))).code;
    await sleep(stoppedAt + OUTAGE_MS - Date.now()); // the outage itself: a fixed 10 s, not a wait for an event
    const restartAt = Date.now();
    await postgres.start();
    databaseDown = false;
    const readyMs = await measure(async () => (await health(cluster, 'ready')).every((s) => s === 200), 20000);
    const silosActive = await measure(async () => cluster.silos.every((s) => s.alive())
      && (await cluster.view()).filter((s) => s.status === 'active').length === cluster.silos.length, 10000);
    const backAt = Date.now();
    const resumedMs = await measure(() => rides.ackedSince(backAt) >= 50 && chat.ackedSince(backAt) >= 8, 30000);
    await Promise.all([rides.stop(), chat.stop()]);
    await rides.settle(5000);

    const r = rides.figures();
    const c = await chat.figures();
    const unsaved = await rides.unsavedAfterEnd();
    // Sent after the outage was noticed and answered before the restart began: acknowledged without a database.
    const ackedWhileDown = c.ackedList.filter((a) => a.startedAt >= stoppedAt + 1000 && a.at < restartAt).length;
    const slowFailures = c.failures.filter((f) => f.at - f.startedAt > 2000).length;
    report(`PostgreSQL down ${OUTAGE_MS} ms: readiness 503 at every frontend after ${notReadyMs ?? 'never'} ms, liveness ${live.join('/')}, `
      + `REST ${rest.status} ${restCode ?? ''}; ready again ${readyMs ?? 'never (20 s)'} ms after the restart; `
      + `silos ${silosActive === null ? 'NOT all active' : 'all active'}; calls succeed again after ${resumedMs ?? 'never (30 s)'} ms; `
      + `${r.sent} positions sent, ${r.failures.length} failed (${counts(r.failures.map((f) => f.code))}), ${r.lost} lost at followers, `
      + `${r.duplicates} duplicates, ${r.reordered} reordered; track: ${unsaved.length} unsaved; chat ${c.acked} acked `
      + `(${ackedWhileDown} while down), ${c.saved} saved, ${c.failures.length} failed (${counts(c.failures.map((f) => f.code))}; `
      + `${slowFailures} slower than 2 s), ${c.seqReused} seq reused`);

    assert.notEqual(notReadyMs, null, 'readiness answers 503 while PostgreSQL is down');
    assert.deepEqual(live, live.map(() => 200), 'liveness stays 200: the process runs');
    assert.ok(rest.status === 503 && RETRYABLE.has(restCode), `REST answered ${rest.status} ${restCode}`);
    assert.notEqual(readyMs, null, 'readiness returns to 200 after the restart');
    assert.notEqual(silosActive, null, 'the silos survive the outage');
    assert.notEqual(resumedMs, null, 'calls succeed again after the outage');
    const failures = [...r.failures, ...c.failures].map((f) => f.code);
    assert.ok(failures.every((code) => RETRYABLE.has(code)), `failures: ${counts(failures)}`);
    assert.equal(ackedWhileDown, 0, 'no chat message is acknowledged while PostgreSQL is down');
    assert.equal(slowFailures, 0, 'sends fail fast');
    assert.equal(r.lost + r.duplicates + r.reordered + r.seqReused, 0, 'followers get every acknowledged position once, in order');
    assert.equal(unsaved.length, 0, 'every acknowledged position is in the saved track');
    assert.equal(c.saved, c.acked, 'every acknowledged chat message is in chat_messages');
    assert.equal(c.seqReused, 0, 'no chat seq names two messages');
  } finally {
    if (databaseDown) await postgres.start();
    await Promise.all(loads.map((l) => l.stop().then(l.close)));
    await cluster.stop();
  }
});
