// Modest, steady load for the chaos scenarios (rides replaying real GPX tracks, chat senders in radio/live) and the figures
// a scenario asserts on: what was acknowledged, what followers and listeners received, what PostgreSQL holds afterwards.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readGpx } from '../../tools/gpx.mjs';
import { connectRideHub, createRoute, errorCode, positionAt } from '../../tools/ride-client.mjs';
import { connectHub, createChatSession } from '../../tools/chat-client.mjs';
import { GPX_DIR, queryJson, sleep, until } from './support.mjs';

// A call that hangs would stall its sender's schedule; after this long it counts as failed (code NO_ANSWER).
const CALL_DEADLINE_MS = 10000;

async function attempt(call) {
  let timer;
  const deadline = new Promise((resolve) => { timer = setTimeout(() => resolve({ code: 'NO_ANSWER' }), CALL_DEADLINE_MS); });
  const outcome = call().then((value) => ({ value }), (error) => ({ code: errorCode(error) ?? `UNCODED(${error?.message})` }));
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `send(n)` every `periodMs` until stopped; records { at, startedAt, value } or { at, startedAt, code }. */
function paced(periodMs, send) {
  const state = { running: true, acked: [], failures: [] };
  const started = Date.now();
  state.done = (async () => {
    for (let n = 0; state.running; n++) {
      await sleep(Math.max(0, started + n * periodMs - Date.now()));
      const startedAt = Date.now();
      const outcome = await attempt(() => send(n));
      (outcome.code ? state.failures : state.acked).push({ ...outcome, startedAt, at: Date.now() });
    }
  })();
  return state;
}

/** Positions seen by one receiver: { seq, at }, and how many came twice or out of order. */
function seqFigures(received, acked) {
  const seqs = received.map((p) => p.seq);
  const seen = new Set(seqs);
  return {
    lost: acked.filter((seq) => !seen.has(seq)).length,
    duplicates: seqs.length - seen.size,
    reordered: seqs.filter((seq, i) => i > 0 && seq < seqs[i - 1]).length,
    gapMs: Math.max(0, ...received.slice(1).map((p, i) => p.at - received[i].at)),
  };
}

const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);

/** Creates `count` routes; with `placeOn: { siloId, count: n }`, exactly n of them are owned by that silo (placement is a hash
 * of the access code, so routes are created until both kinds are there), making a scenario's victim certain to hold rides. */
async function placedRoutes(cluster, count, placeOn) {
  const routes = [];
  for (let made = 0; routes.length < count; made++) {
    if (made >= count * 10) throw new Error(`could not place ${placeOn.count} of ${count} rides on ${placeOn.siloId}`);
    const route = await createRoute(cluster.frontends[made % cluster.frontends.length], { name: `chaos ride ${made}`, waypoints: [{ lat: 43.6, lng: -116.2 }] });
    const onTarget = placeOn ? (await cluster.ownerOf('ride', route.accessCode)) === placeOn.siloId : false;
    const wanted = placeOn ? routes.filter((r) => r.onTarget === onTarget).length < (onTarget ? placeOn.count : count - placeOn.count) : true;
    if (wanted) routes.push({ ...route, onTarget });
  }
  return routes;
}

/**
 * Rides: `rides` routes, each led from one frontend and followed from the others (`followers` each), the leader replaying a
 * recorded GPX track at `hz` positions per second. Returns controls and figures.
 */
export async function startRides(cluster, { rides = 5, followers = 3, hz = 10, placeOn } = {}) {
  const files = readdirSync(GPX_DIR).filter((f) => f.endsWith('.gpx')).sort();
  const fronts = cluster.frontends;
  const routes = await placedRoutes(cluster, rides, placeOn);
  const all = await Promise.all(routes.map(async (route, i) => {
    const points = await readGpx(`${GPX_DIR}${files[i % files.length]}`);
    const leader = await connectRideHub(fronts[i % fronts.length]);
    const watchers = await Promise.all(Array.from({ length: followers }, (_, k) => connectRideHub(fronts[(i + k + 1) % fronts.length])));
    const received = watchers.map(() => []);
    watchers.forEach((c, k) => c.on('locationUpdated', (p) => received[k].push({ seq: p.seq, at: Date.now() })));
    for (const watcher of watchers) await watcher.invoke('JoinRide', { accessCode: route.accessCode, role: 'follower' });
    await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
    return { code: route.accessCode, id: route.id, leader, watchers, received, points };
  }));
  for (const ride of all) {
    ride.load = paced(1000 / hz, (n) => ride.leader.invoke('UpdateLocation', ride.code, positionAt(ride.points, n % ride.points.length)));
  }
  const acked = () => all.flatMap((r) => r.load.acked);
  return {
    codes: all.map((r) => r.code),
    routeIds: all.map((r) => r.id),
    ackedSince: (t) => acked().filter((a) => a.startedAt >= t).length,
    /** Whether every follower has a position that arrived after `t`. */
    everyFollowerReceivedAfter: (t) => all.every((r) => r.received.every((list) => list.some((p) => p.at > t))),
    async stop() {
      for (const ride of all) ride.load.running = false;
      await Promise.all(all.map((r) => r.load.done));
    },
    /** Waits (up to `ms`) until every follower has every acknowledged position; the figures say what is still missing. */
    settle: (ms = 10000) => until(() => all.every((r) => r.received.every((list) => {
      const seen = new Set(list.map((p) => p.seq));
      return r.load.acked.every((a) => seen.has(a.value.seq));
    })), 'followers to receive every acknowledged position', ms).catch(() => {}),
    figures() {
      const perFollower = all.flatMap((r) => r.received.map((list) => seqFigures(list, r.load.acked.map((a) => a.value.seq))));
      const ackedSeqs = all.map((r) => r.load.acked.map((a) => a.value.seq));
      return {
        sent: sum(all.map((r) => ({ n: r.load.acked.length + r.load.failures.length })), 'n'),
        acked: acked().length,
        failures: all.flatMap((r) => r.load.failures),
        lost: sum(perFollower, 'lost'), duplicates: sum(perFollower, 'duplicates'), reordered: sum(perFollower, 'reordered'),
        gapMs: Math.max(...perFollower.map((f) => f.gapMs)),
        // The same seq acknowledged twice on one route means two positions share a number.
        seqReused: sum(ackedSeqs.map((seqs) => ({ n: seqs.length - new Set(seqs).size })), 'n'),
      };
    },
    /** Ends every ride (the track is written), then lists the acknowledged positions missing from ride_track_points. */
    async unsavedAfterEnd() {
      await Promise.all(all.map((r) => attempt(() => r.leader.invoke('EndRide', r.code))));
      const rows = await queryJson(`SELECT coalesce(json_agg(json_build_object('code', r.access_code, 'seq', p.seq)), '[]')
        FROM ride_track_points p JOIN ride_tracks r ON r.id = p.track_id WHERE r.access_code = ANY (string_to_array(:'codes', ','))`,
      { codes: all.map((r) => r.code).join(',') });
      const saved = new Set(rows.map((row) => `${row.code}/${row.seq}`));
      return all.flatMap((r) => r.load.acked.filter((a) => !saved.has(`${r.code}/${a.value.seq}`)));
    },
    close: () => Promise.all(all.flatMap((r) => [r.leader, ...r.watchers]).map((c) => c.stop())),
  };
}

/**
 * Chat: `senders` anonymous sessions spread over the frontends, each in `room` and sending `perSecond` messages (under the
 * room's 100 per minute per sender), each also a listener. Returns controls and figures.
 */
export async function startChat(cluster, { senders = 4, perSecond = 2, room = 'radio/live' } = {}) {
  const tag = `chaos${Date.now().toString(36)}`;
  const fronts = cluster.frontends;
  const all = await Promise.all(Array.from({ length: senders }, async (_, i) => {
    const session = await createChatSession(fronts[i % fronts.length], `chaos sender ${i}`);
    const connection = await connectHub(fronts[i % fronts.length], 'chat', session.token);
    const received = [];
    connection.on('newMessage', (m) => m.text.startsWith(tag) && received.push({ id: m.id, seq: m.seq, at: Date.now() }));
    await connection.invoke('JoinRoom', { room });
    return { connection, received };
  }));
  for (const [i, sender] of all.entries()) {
    sender.load = paced(1000 / perSecond, (n) => sender.connection.invoke('SendMessage', { room, text: `${tag} ${i} ${n}`, clientMessageId: randomUUID() }));
  }
  const acked = () => all.flatMap((s) => s.load.acked);
  const stored = () => queryJson(`SELECT coalesce(json_agg(json_build_object('id', id, 'seq', seq)), '[]')
    FROM chat_messages WHERE room = :'room' AND text LIKE :'tag' || ' %'`, { room, tag });
  return {
    acked,
    ackedSince: (t) => acked().filter((a) => a.startedAt >= t).length,
    everyListenerReceivedAfter: (t) => all.every((s) => s.received.some((m) => m.at > t)),
    async stop() {
      for (const sender of all) sender.load.running = false;
      await Promise.all(all.map((s) => s.load.done));
    },
    /** Figures, after waiting (up to `ms`) for every acknowledged message to reach PostgreSQL (group commit or flush). */
    async figures(ms = 10000) {
      const ids = new Map(acked().map((a) => [a.value.id, a.value.seq]));
      let rows = [];
      await until(async () => {
        rows = await stored().catch(() => []);
        return rows.filter((row) => ids.get(row.id) === row.seq).length === ids.size;
      }, 'every acknowledged message in chat_messages', ms).catch(() => {});
      // One number, one message: a seq seen (acknowledged, pushed or stored) with two different ids was handed out twice.
      const idsBySeq = new Map();
      for (const m of [...acked().map((a) => a.value), ...all.flatMap((s) => s.received), ...rows]) {
        idsBySeq.set(m.seq, (idsBySeq.get(m.seq) ?? new Set()).add(m.id));
      }
      return {
        acked: ids.size,
        ackedList: acked(),
        failures: all.flatMap((s) => s.load.failures),
        saved: rows.filter((row) => ids.get(row.id) === row.seq).length,
        seqReused: [...idsBySeq.values()].filter((set) => set.size > 1).length,
        missed: sum(all.map((s) => ({ n: [...ids.keys()].filter((id) => !s.received.some((m) => m.id === id)).length })), 'n'),
      };
    },
    close: () => Promise.all(all.map((s) => s.connection.stop())),
  };
}
