// Bad input never crashes a hub or loses a ride: each gets a typed error for its caller only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, codeOf, connect, nextEvent, newRoute, rawHubSocket, until } from './support.mjs';

let route;
let leader;
let follower;
const seen = [];

before(async () => {
  route = await newRoute('bad input');
  leader = await connect();
  follower = await connect();
  follower.on('locationUpdated', (p) => seen.push(p.seq));
  await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
  await follower.invoke('JoinRide', { accessCode: route.accessCode, role: 'follower' });
  await leader.invoke('UpdateLocation', route.accessCode, { lat: 48.1, lng: 9.1 });
});

after(async () => {
  await Promise.all([leader, follower].map((c) => c.stop()));
});

const send = (position) => leader.invoke('UpdateLocation', route.accessCode, position);

test('a follower or a wrong key cannot lead or send positions', async () => {
  const outsider = await connect();
  try {
    assert.equal(await codeOf(outsider.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: 'guess' })), 'INVALID_LEADER_KEY');
    assert.equal(await codeOf(outsider.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader' })), 'INVALID_LEADER_KEY');
    assert.equal(await codeOf(follower.invoke('UpdateLocation', route.accessCode, { lat: 1, lng: 1 })), 'NOT_LEADER');
    assert.equal(await codeOf(outsider.invoke('UpdateLocation', route.accessCode, { lat: 1, lng: 1 })), 'NOT_LEADER');
    assert.equal(await codeOf(follower.invoke('EndRide', route.accessCode)), 'NOT_LEADER');
  } finally {
    await outsider.stop();
  }
});

test('out-of-range, missing, non-finite and garbage positions are rejected without affecting the ride', async () => {
  const bad = [
    { lat: 91, lng: 9 }, { lat: -90.5, lng: 9 }, { lat: 48, lng: 180.01 }, { lat: NaN, lng: 9 }, { lng: 9 },
    { lat: 'north', lng: 9 }, { lat: 48, lng: 9, heading: 720 }, { lat: 48, lng: 9, speed: -3 },
    { lat: 48, lng: 9, timestamp: new Date(Date.now() + 3600_000).toISOString() }, { lat: 48, lng: 9, timestamp: 'yesterday' },
    'garbage', [48, 9], null, 17,
  ];
  for (const position of bad) {
    assert.equal(await codeOf(send(position)), 'INVALID_POSITION', JSON.stringify(position));
  }
  const next = await send({ lat: 48.2, lng: 9.2 });
  assert.equal(next.seq, 2);
  await until(() => seen.length === 2, 'the follower to see the valid positions');
  assert.deepEqual(seen, [1, 2]);
});

test('unknown codes, wrong types and wrong arity get typed errors', async () => {
  assert.equal(await codeOf(follower.invoke('JoinRide', { accessCode: 'ZZZZZZ', role: 'follower' })), 'RIDE_NOT_FOUND');
  assert.equal(await codeOf(follower.invoke('JoinRide', { accessCode: 'not a code', role: 'follower' })), 'RIDE_NOT_FOUND');
  assert.equal(await codeOf(follower.invoke('JoinRide', { accessCode: route.accessCode, role: 'captain' })), 'INVALID_REQUEST');
  assert.equal(await codeOf(follower.invoke('JoinRide', { accessCode: 123456, role: 'follower' })), 'INVALID_REQUEST');
  assert.equal(await codeOf(follower.invoke('JoinRide', 'K7Q2XZ')), 'INVALID_REQUEST');
  assert.equal(await codeOf(follower.invoke('JoinRide', { accessCode: route.accessCode, role: 'follower', displayName: 'x'.repeat(41) })), 'INVALID_REQUEST');
  assert.equal(await codeOf(follower.invoke('RequestLocation', 42)), 'INVALID_REQUEST');
  assert.equal(await codeOf(follower.invoke('UpdateLocation', route.accessCode)), 'INVALID_REQUEST');
  assert.equal(await codeOf(follower.invoke('NoSuchMethod')), 'INVALID_REQUEST');
});

test('a flooding connection gets HUB_FLOOD_LIMITED while others are served', async () => {
  // The e2e server allows 3,000 calls per second per connection. 6,000 invocations in one WebSocket message arrive at
  // once whatever the load on the machine, and each is cheap (an argument of the wrong type is refused in the hub
  // before any grain call), so the server meets them faster than its budget refills.
  const flooder = await rawHubSocket();
  try {
    const calls = 6000;
    flooder.socket.send(Array.from({ length: calls },
      (_, i) => JSON.stringify({ type: 1, invocationId: String(i), target: 'RequestLocation', arguments: [42] }) + '\x1e').join(''));
    await until(() => flooder.frames.filter((f) => f.type === 3).length === calls, 'every completion', 60000);
    const codes = flooder.frames.filter((f) => f.type === 3).map((f) => /^([A-Z_]+):/.exec(f.error ?? '')?.[1] ?? 'NO_ERROR');
    assert.ok(codes.includes('HUB_FLOOD_LIMITED'), 'some calls are limited');
    assert.ok(!codes.includes('RATE_LIMITED'), 'the flood limit has its own code');
    assert.ok(codes.includes('INVALID_REQUEST'), 'calls within the limit are served (and refused for their argument)');
    assert.equal((await follower.invoke('RequestLocation', route.accessCode)).seq, 2);
  } finally {
    flooder.socket.close();
  }
});

test('malformed frames and oversize messages close only the offending connection', async () => {
  const garbage = await rawHubSocket();
  const garbageClosed = new Promise((resolve) => garbage.socket.on('close', resolve));
  garbage.socket.send('{"type":1,"target":"JoinRide","arguments":[{"accessCode":\x1e');
  await garbageClosed;

  const huge = await rawHubSocket();
  const hugeClosed = new Promise((resolve) => huge.socket.on('close', resolve));
  huge.socket.send(JSON.stringify({ type: 1, invocationId: '1', target: 'JoinRide', arguments: [{ accessCode: route.accessCode, role: 'follower', displayName: 'x'.repeat(100_000) }] }) + '\x1e');
  await hugeClosed;

  const health = await fetch(`${BASE_URL}/api/v1/health`);
  assert.equal(health.status, 200);
  const next = await send({ lat: 48.3, lng: 9.3 });
  assert.equal(next.seq, 3);
  await until(() => seen.includes(3), 'the follower to keep receiving');
});

test('a non-finite number in a raw frame is INVALID_POSITION', async () => {
  const raw = await rawHubSocket();
  const rawRoute = await newRoute('raw leader');
  try {
    raw.socket.send(JSON.stringify({ type: 1, invocationId: '1', target: 'JoinRide', arguments: [{ accessCode: rawRoute.accessCode, role: 'leader', leaderKey: rawRoute.leaderKey }] }) + '\x1e');
    await until(() => raw.frames.some((f) => f.type === 3 && f.invocationId === '1'), 'the leader join');
    raw.socket.send(`{"type":1,"invocationId":"7","target":"UpdateLocation","arguments":["${rawRoute.accessCode}",{"lat":1e999,"lng":9}]}\x1e`);
    await until(() => raw.frames.some((f) => f.type === 3 && f.invocationId === '7'), 'a completion');
    const completion = raw.frames.find((f) => f.invocationId === '7');
    assert.match(completion.error, /^INVALID_POSITION: /);
  } finally {
    raw.socket.close();
  }
});

test('a leader whose connection drops is shown offline to followers, and can come back', async () => {
  const raw = await rawHubSocket();
  const dropRoute = await newRoute('drop');
  raw.socket.send(JSON.stringify({ type: 1, invocationId: '1', target: 'JoinRide', arguments: [{ accessCode: dropRoute.accessCode, role: 'leader', leaderKey: dropRoute.leaderKey }] }) + '\x1e');
  await until(() => raw.frames.some((f) => f.type === 3), 'the leader join');
  const watcher = await connect();
  try {
    await watcher.invoke('JoinRide', { accessCode: dropRoute.accessCode, role: 'follower' });
    const offline = nextEvent(watcher, 'leaderOffline');
    raw.socket.terminate(); // no close handshake: the TCP connection just goes away
    const { since } = await offline;
    assert.ok(Date.now() - Date.parse(since) < 10_000);

    const back = await connect();
    const online = nextEvent(watcher, 'leaderOnline');
    await back.invoke('JoinRide', { accessCode: dropRoute.accessCode, role: 'leader', leaderKey: dropRoute.leaderKey });
    await online;
    await back.stop();
  } finally {
    await watcher.stop();
  }
});
