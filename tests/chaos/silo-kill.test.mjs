// kill -9 of the silo that holds radio/live, under rides and chat load (issue 8): nothing acknowledged is lost, numbered
// twice or reordered; at most 1 s of ride track is lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startChat, startRides } from './load.mjs';
import { counts, measure, report, startCluster, until } from './support.mjs';

test('kill -9 of a silo under rides and chat load loses no acknowledged message and at most 1 s of track', async () => {
  const cluster = await startCluster('kill');
  const loads = [];
  try {
    const ownerId = await cluster.ownerOf('chatroom', 'radio/live');
    // The victim holds the chat room and 3 of the 5 rides.
    const killed = cluster.silos.find((s) => s.siloId === ownerId);
    const rides = await startRides(cluster, { placeOn: { siloId: killed.siloId, count: 3 } });
    const chat = await startChat(cluster, { senders: 5, perSecond: 4 });
    loads.push(rides, chat);
    await until(() => rides.ackedSince(0) >= 150 && chat.ackedSince(0) >= 12, 'load before the kill', 30000);

    process.kill(killed.pid, 'SIGKILL');
    const killedAt = Date.now();
    const detectedMs = await measure(async () => (await cluster.siloStatus(killed)) === 'dead', 15000);
    await until(() => rides.ackedSince(killedAt) >= 150 && chat.ackedSince(killedAt) >= 12, 'load after the kill', 30000);
    await Promise.all([rides.stop(), chat.stop()]);
    await rides.settle(5000);

    const r = rides.figures();
    const c = await chat.figures();
    const unsaved = await rides.unsavedAfterEnd();
    const oldestUnsaved = Math.max(0, ...unsaved.map((a) => killedAt - a.at));
    report(`silo kill -9 (the owner of radio/live and 3 of 5 rides): declared dead after ${detectedMs ?? 'more than 15000'} ms; ${r.sent} positions sent, ${r.failures.length} failed `
      + `(${counts(r.failures.map((f) => f.code))}), ${r.lost} lost at followers, ${r.duplicates} duplicates, ${r.reordered} reordered, `
      + `${r.seqReused} seq reused, longest push gap ${r.gapMs} ms; track: ${unsaved.length} acknowledged positions unsaved `
      + `(oldest acknowledged ${oldestUnsaved} ms before the kill); chat ${c.acked} acked, ${c.saved} saved, `
      + `${c.failures.length} failed (${counts(c.failures.map((f) => f.code))}), ${c.seqReused} seq reused, ${c.missed} missed by listeners`);

    assert.notEqual(detectedMs, null, 'the killed silo was declared dead');
    assert.ok(r.failures.every((f) => f.code === 'SILO_UNAVAILABLE'), `position failures: ${counts(r.failures.map((f) => f.code))}`);
    assert.equal(r.lost + r.duplicates + r.reordered + r.seqReused, 0, 'followers get every acknowledged position once, in order');
    assert.ok(r.gapMs < 5000, `followers waited ${r.gapMs} ms`);
    assert.ok(unsaved.every((a) => a.at >= killedAt - 1000), `${unsaved.length} acknowledged positions unsaved, the oldest ${oldestUnsaved} ms before the kill`);
    assert.ok(c.failures.every((f) => f.code === 'SILO_UNAVAILABLE'), `chat failures: ${counts(c.failures.map((f) => f.code))}`);
    assert.equal(c.saved, c.acked, 'every acknowledged chat message is in chat_messages');
    assert.equal(c.seqReused, 0, 'no chat seq names two messages');
    assert.equal(c.missed, 0, 'listeners receive every acknowledged message');
  } finally {
    await Promise.all(loads.map((l) => l.stop().then(l.close)));
    await cluster.stop();
  }
});
