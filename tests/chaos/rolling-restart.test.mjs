// A rolling restart (issue 8): every silo in turn stopped gracefully (SIGTERM: it hands its grains off) and replaced by a
// new one, under rides and chat load, with zero failed calls and nothing acknowledged lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startChat, startRides } from './load.mjs';
import { counts, report, startCluster, stopProcess, until } from './support.mjs';

test('a rolling restart of every silo under rides and chat load fails no call and loses nothing', async () => {
  const cluster = await startCluster('rolling');
  const loads = [];
  try {
    const rides = await startRides(cluster);
    const chat = await startChat(cluster);
    loads.push(rides, chat);
    await until(() => rides.ackedSince(0) >= 100 && chat.ackedSince(0) >= 8, 'load before the restart', 30000);

    const restarts = [];
    for (const old of [...cluster.silos]) {
      const started = Date.now();
      await stopProcess(old);
      const replacement = await cluster.startSilo();
      await cluster.waitForActive(cluster.silos.filter((s) => s.alive()));
      restarts.push({ stopped: old.siloId, started: replacement.siloId, ms: Date.now() - started });
    }
    const lastAt = Date.now();
    await until(() => rides.ackedSince(lastAt) >= 100 && chat.ackedSince(lastAt) >= 8, 'load after the restart', 30000);
    await Promise.all([rides.stop(), chat.stop()]);
    await rides.settle(5000);

    const r = rides.figures();
    const c = await chat.figures();
    const unsaved = await rides.unsavedAfterEnd();
    report(`rolling restart of ${restarts.length} silos (${restarts.map((x) => `${x.ms} ms`).join(', ')} each): ${r.sent} positions sent, `
      + `${r.failures.length} failed (${counts(r.failures.map((f) => f.code))}), ${r.lost} lost at followers, ${r.duplicates} duplicates, `
      + `${r.reordered} reordered, longest push gap ${r.gapMs} ms; track: ${unsaved.length} unsaved; chat ${c.acked} acked, ${c.saved} saved, `
      + `${c.failures.length} failed (${counts(c.failures.map((f) => f.code))}), ${c.seqReused} seq reused, ${c.missed} missed by listeners`);

    assert.equal(r.failures.length + c.failures.length, 0, 'no call fails during a rolling restart');
    assert.equal(r.lost + r.duplicates + r.reordered + r.seqReused, 0, 'followers get every acknowledged position once, in order');
    assert.equal(unsaved.length, 0, 'a graceful hand-off saves the whole track');
    assert.equal(c.saved, c.acked, 'every acknowledged chat message is in chat_messages');
    assert.equal(c.seqReused + c.missed, 0, 'one seq per message, and listeners receive every one');
  } finally {
    await Promise.all(loads.map((l) => l.stop().then(l.close)));
    await cluster.stop();
  }
});
