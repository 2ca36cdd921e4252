// A silo cut off from the broker (issue 8): it runs in a network namespace of the suite's own, reaching PostgreSQL and
// RabbitMQ only through veth links, and the broker link is taken down under load. The cluster must declare it dead, it
// must stop serving, and its grains must never have two owners (no seq handed out twice, nothing acknowledged lost).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startChat, startRides } from './load.mjs';
import { RETRYABLE, counts, isolatedNamespace, measure, report, startCluster, until } from './support.mjs';

test('a silo cut off from the broker is declared dead and stops serving, and its grains move without two owners', async () => {
  // Namespaces need root (CAP_NET_ADMIN); where they cannot be made, this fails with the exact error rather than skipping.
  const ns = await isolatedNamespace();
  const cluster = await startCluster('netns').catch(async (error) => { await ns.remove(); throw error; });
  const loads = [];
  try {
    const isolated = await cluster.startSilo({ netns: ns.name, extraEnv: ns.env });
    await cluster.waitForActive(cluster.silos);
    const rides = await startRides(cluster, { placeOn: { siloId: isolated.siloId, count: 3 } });
    const chat = await startChat(cluster);
    loads.push(rides, chat);
    await until(() => rides.ackedSince(0) >= 100 && chat.ackedSince(0) >= 8, 'load before the cut', 30000);

    await ns.cutBroker();
    const cutAt = Date.now();
    const declaredMs = await measure(async () => (await cluster.siloStatus(isolated)) === 'dead', 20000);
    const stoppedMs = declaredMs === null ? null : await measure(() => !isolated.alive(), 20000);
    const movedMs = await measure(() => rides.everyFollowerReceivedAfter(cutAt + (declaredMs ?? 0)), 10000);
    if (movedMs !== null) {
      const afterAt = Date.now();
      await until(() => rides.ackedSince(afterAt) >= 100 && chat.ackedSince(afterAt) >= 8, 'load after the cut', 30000);
    }
    await Promise.all([rides.stop(), chat.stop()]);
    await rides.settle(5000);

    const r = rides.figures();
    const c = await chat.figures();
    report(`silo cut off from the broker (netns ${ns.name}, 3 of 5 rides on it): declared dead after ${declaredMs ?? 'more than 20000'} ms, `
      + `process stopped ${stoppedMs ?? 'never (20 s)'} ms later, followers served again ${movedMs ?? 'never (10 s)'} ms after that; `
      + `${r.sent} positions sent, ${r.failures.length} failed (${counts(r.failures.map((f) => f.code))}), ${r.lost} lost at followers, `
      + `${r.duplicates} duplicates, ${r.reordered} reordered, ${r.seqReused} seq reused, longest push gap ${r.gapMs} ms; chat ${c.acked} acked, `
      + `${c.saved} saved, ${c.failures.length} failed (${counts(c.failures.map((f) => f.code))}), ${c.seqReused} seq reused`);

    assert.ok(declaredMs !== null && declaredMs < 10000, `declared dead after ${declaredMs ?? 'more than 20000'} ms (bound: 10 s)`);
    assert.notEqual(stoppedMs, null, 'the isolated silo stops serving (its process ends)');
    assert.notEqual(movedMs, null, 'its rides are served by another silo');
    const failures = [...r.failures, ...c.failures].map((f) => f.code);
    assert.ok(failures.every((code) => RETRYABLE.has(code)), `failures: ${counts(failures)}`);
    assert.equal(r.duplicates + r.reordered + r.seqReused, 0, 'one owner at a time: no position twice or out of order');
    assert.equal(c.seqReused, 0, 'one owner at a time: no chat seq names two messages');
    assert.equal(c.saved, c.acked, 'every acknowledged chat message is in chat_messages');
  } finally {
    await Promise.all(loads.map((l) => l.stop().then(l.close)));
    await cluster.stop();
    await ns.remove();
  }
});
