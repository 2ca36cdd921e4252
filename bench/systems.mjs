// The systems under test: how to start each one's processes, and a client adapter speaking its protocol.
// Every server listens on 127.0.0.1 only; every process started here is stopped by its PID.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as signalR from '@microsoft/signalr';
import { io as socketIo } from 'socket.io-client';
import WebSocket from 'ws';
import { createRoute } from '../tools/ride-client.mjs';
import { connectHub, createChatSession } from '../tools/chat-client.mjs';

const REPO = new URL('..', import.meta.url).pathname;
const FRONTEND_DLL = `${REPO}src/FrontendHost/bin/Release/net10.0/OrleansRides.FrontendHost.dll`;
const SILO_DLL = `${REPO}src/Silo/bin/Release/net10.0/OrleansRides.Silo.dll`;

/** Every HTTP port of the systems, as offsets from one base (BENCH_PORT_BASE, default 5211: today's 5211…5251), so two
 * runs with different bases cannot collide. */
const BASE = Number(process.env.BENCH_PORT_BASE ?? 5211);
export const PORTS = {
  embedded: BASE, cluster: [BASE + 10, BASE + 11], legacy: BASE + 20, legacyScaled: [BASE + 30, BASE + 31], ceiling: BASE + 40,
};

/** The CPU the systems under test run on (`taskset -c`); null (no pinning) on a one-CPU machine or BENCH_PIN=0. */
export const SYSTEM_CPU = process.env.BENCH_PIN === '0' || cpus().length < 2 ? null : 0;

/** Settings that lift our per-IP and per-leader abuse limits: the load generator is one IP with thousands of clients. */
const BENCH_LIMITS = {
  RateLimits__RouteCreationsPerMinute: '1000000', RateLimits__ChatSessionsPerMinute: '1000000',
  RateLimits__RequestsPerHour: '100000000',
  // Look-ups of a code from one address run at most this many at a time, the rest waiting 5 s at most: a loaded server
  // refused the scale point's 200 concurrent joins with RATE_LIMITED.
  RateLimits__FailedCodeLookupsPerMinute: '1000000',
  Rides__MaxUpdatesPerSecond: '100', Hubs__MaxInvocationsPerSecond: '1000', Logging__LogLevel__Default: 'Warning',
  Auth__SigningKey: 'bench-signing-key-0123456789-0123456789',
};

/** Every process started here that has not exited, so that a system whose start fails leaves none behind. */
const running = new Set();

/** Stops every process started here that still runs (a system that failed to start, or an interrupted run). */
export const stopStarted = () => stopAll([...running]);

/** Starts a process of a system under test, pinned to SYSTEM_CPU (its threads and children inherit the mask). */
function start(command, args, env, log) {
  if (SYSTEM_CPU !== null) [command, args] = ['taskset', ['-c', String(SYSTEM_CPU), command, ...args]];
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  return child;
}

async function waitForHealth(url, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy within ${seconds} s`);
}

async function stopAll(children) {
  await Promise.all(children.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  })));
}

/** The PIDs and all their descendants (PostgreSQL serves each connection from a child of the postmaster). */
export function withDescendants(pids) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* the process ended meanwhile */ }
  }
  const all = new Set(pids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (all.has(parent) && !all.has(pid)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  return [...all];
}

/** The CPUs a process may run on, as the kernel reports them (`Cpus_allowed_list`, e.g. "0" or "0-1"); null if gone. */
export function affinityOf(pid) {
  try {
    return /Cpus_allowed_list:\s+(\S+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system, its own and its reaped children's) and resident set size (bytes) of a process, from /proc.
 * The reaped children's time (cutime + cstime) is what keeps a sum over a process tree from falling when a PostgreSQL
 * backend exits during a step: its ticks move from the live child to the postmaster instead of vanishing.
 */
export function processUsage(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { cpuSeconds: ticks / 100, rssBytes: rssKb * 1024 };
  } catch {
    return { cpuSeconds: 0, rssBytes: 0 };
  }
}

// ---- client adapters: { prepareRide(index), startRide(index, prepared), connectFollower(ride, onDelivery),
// connectListener(room, onDelivery), sender(room), close(connection) }. prepareRide does what must exist before a ride
// starts (our route, through REST); startRide connects the leader. onDelivery(sentAtMs) is called once per received
// position or message.

function oursClient(urls) {
  let next = 0;
  const url = () => urls[next++ % urls.length];
  const rideHub = async (base) => {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(new URL('/hubs/ride', base).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
      .configureLogging(signalR.LogLevel.None).build();
    await connection.start();
    return connection;
  };
  return {
    prepareRide: (index) => createRoute(urls[0], { name: `bench ride ${index}`, waypoints: [{ lat: 43.6, lng: -116.2 }] }),
    async startRide(index, route) {
      const leader = await rideHub(url());
      await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
      return {
        id: route.accessCode,
        send: (position) => leader.invoke('UpdateLocation', route.accessCode, position),
        connections: [leader],
      };
    },
    async connectFollower(ride, onDelivery) {
      const follower = await rideHub(url());
      follower.on('locationUpdated', (p) => onDelivery(Date.parse(p.timestamp)));
      await follower.invoke('JoinRide', { accessCode: ride.id, role: 'follower' });
      return follower;
    },
    async connectListener(room, onDelivery) {
      const base = url();
      const session = await createChatSession(base, 'bench');
      const listener = await connectHub(base, 'chat', session.token);
      listener.on('newMessage', (m) => onDelivery(Number(m.text.split(' ')[1])));
      await listener.invoke('JoinRoom', { room });
      return listener;
    },
    async sender(room) {
      const base = url();
      const session = await createChatSession(base, 'bench sender');
      const connection = await connectHub(base, 'chat', session.token);
      await connection.invoke('JoinRoom', { room });
      return { send: (sentAt) => connection.invoke('SendMessage', { room, text: `t ${sentAt}` }), connection };
    },
    close: (connection) => connection.stop(),
  };
}

function legacyClient(urls) {
  let next = 0;
  const connect = async () => {
    const socket = socketIo(urls[next++ % urls.length], { transports: ['websocket'], reconnection: false });
    await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    return socket;
  };
  return {
    prepareRide: async () => null,
    async startRide(index) {
      const id = `bench-${index}-${Math.random().toString(36).slice(2, 8)}`;
      const leader = await connect();
      await leader.emitWithAck('ride:join', { accessCode: id, role: 'leader' });
      return { id, send: async (position) => leader.emit('location:update', { accessCode: id, position }), connections: [leader] };
    },
    async connectFollower(ride, onDelivery) {
      const follower = await connect();
      follower.on('location:updated', (p) => onDelivery(Date.parse(p.timestamp)));
      await follower.emitWithAck('ride:join', { accessCode: ride.id, role: 'follower' });
      return follower;
    },
    async connectListener(room, onDelivery) {
      const listener = await connect();
      listener.on('new-message', (m) => onDelivery(m.sentAt));
      await listener.emitWithAck('join-room', { room });
      return listener;
    },
    async sender(room) {
      const socket = await connect();
      await socket.emitWithAck('join-room', { room });
      return { send: async (sentAt) => socket.emit('send-message', { room, text: `t ${sentAt}`, sentAt }), connection: socket };
    },
    close: async (socket) => socket.close(),
  };
}

function ceilingClient(urls) {
  const connect = async (room) => {
    const socket = new WebSocket(urls[0].replace(/^http/, 'ws'));
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    if (room) {
      socket.send(`join ${room}`);
      await new Promise((resolve) => socket.once('message', resolve));
    }
    return socket;
  };
  return {
    prepareRide: async () => null,
    async startRide(index) {
      const id = `ride:${index}`;
      const leader = await connect();
      return { id, send: async (position) => leader.send(`pub ${id} ${JSON.stringify(position)}`), connections: [leader] };
    },
    async connectFollower(ride, onDelivery) {
      const follower = await connect(ride.id);
      follower.on('message', (data) => onDelivery(Date.parse(JSON.parse(data.toString()).timestamp)));
      return follower;
    },
    async connectListener(room, onDelivery) {
      const listener = await connect(`room:${room}`);
      listener.on('message', (data) => onDelivery(JSON.parse(data.toString()).sentAt));
      return listener;
    },
    async sender(room) {
      const socket = await connect();
      return { send: async (sentAt) => socket.send(`pub room:${room} ${JSON.stringify({ room, text: `t ${sentAt}`, sentAt })}`), connection: socket };
    },
    close: async (socket) => socket.close(),
  };
}

/** The live heap after a full collection, as one shell command printing one integer (summed over several processes):
 * bench/heap-bytes PID for .NET, the baselines' GET /heap (they run with --expose-gc) for Node. */
const dotnetHeap = (children) => sumOf(children.map((child) => `${REPO}bench/heap-bytes ${child.pid}`));
const nodeHeap = (ports) => sumOf(ports.map((port) => `curl -sf http://127.0.0.1:${port}/heap`));
const sumOf = (commands) => (commands.length === 1 ? commands[0] : `echo $(( ${commands.map((c) => `$(${c})`).join(' + ')} ))`);

// ---- systems: start() returns { protocol, urls, client, app: [children], infra: [PIDs], heapCommand, log, stop() }

export const SYSTEMS = {
  async 'ours-embedded'(env) {
    const log = [];
    const frontend = start('dotnet', [FRONTEND_DLL, '--contentRoot', `${REPO}src/FrontendHost`],
      { ...BENCH_LIMITS, ASPNETCORE_URLS: `http://127.0.0.1:${PORTS.embedded}`, DATABASE_URL: env.databaseUrl }, log);
    await waitForHealth(`http://127.0.0.1:${PORTS.embedded}/api/v1/health`);
    return { protocol: 'signalr', urls: [`http://127.0.0.1:${PORTS.embedded}`], client: oursClient([`http://127.0.0.1:${PORTS.embedded}`]), app: [frontend], infra: env.postgresPids, heapCommand: dotnetHeap([frontend]), log, stop: () => stopAll([frontend]) };
  },

  async 'ours-cluster'(env) {
    const log = [];
    const cluster = { ...BENCH_LIMITS, DATABASE_URL: env.databaseUrl, Cluster__RabbitMqUrl: env.rabbitMqUrl, Cluster__ClusterId: `bench-${process.pid}` };
    const silos = [1, 2].map(() => start('dotnet', [SILO_DLL], cluster, log));
    const frontends = PORTS.cluster.map((port) => start('dotnet', [FRONTEND_DLL, '--contentRoot', `${REPO}src/FrontendHost`],
      { ...cluster, Cluster__Enabled: 'true', ASPNETCORE_URLS: `http://127.0.0.1:${port}` }, log));
    await Promise.all(PORTS.cluster.map((port) => waitForHealth(`http://127.0.0.1:${port}/api/v1/health`)));
    // The frontends are healthy once they see an active silo; give both silos time to join the view.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return {
      protocol: 'signalr', urls: PORTS.cluster.map((port) => `http://127.0.0.1:${port}`),
      client: oursClient(PORTS.cluster.map((port) => `http://127.0.0.1:${port}`)),
      // The frontends hold the connections; the silos' heaps hold the grains (bytes per ride).
      app: [...silos, ...frontends], infra: [...env.postgresPids, ...env.rabbitMqPids], heapCommand: dotnetHeap([...silos, ...frontends]), log, stop: () => stopAll([...frontends, ...silos]),
    };
  },

  async legacy() {
    const log = [];
    const server = start('node', ['--expose-gc', `${REPO}bench/baselines/legacy.mjs`, '--port', String(PORTS.legacy)], {}, log);
    await waitForHealth(`http://127.0.0.1:${PORTS.legacy}/health`);
    return { protocol: 'socketio', urls: [`http://127.0.0.1:${PORTS.legacy}`], client: legacyClient([`http://127.0.0.1:${PORTS.legacy}`]), app: [server], infra: [], heapCommand: nodeHeap([PORTS.legacy]), log, stop: () => stopAll([server]) };
  },

  async 'legacy-scaled'(env) {
    const log = [];
    const servers = PORTS.legacyScaled.map((port) => start('node', ['--expose-gc', `${REPO}bench/baselines/legacy.mjs`, '--port', String(port), '--redis', env.redisUrl], {}, log));
    await Promise.all(PORTS.legacyScaled.map((port) => waitForHealth(`http://127.0.0.1:${port}/health`)));
    return {
      protocol: 'socketio', urls: PORTS.legacyScaled.map((port) => `http://127.0.0.1:${port}`),
      client: legacyClient(PORTS.legacyScaled.map((port) => `http://127.0.0.1:${port}`)),
      app: servers, infra: env.redisPids, heapCommand: nodeHeap(PORTS.legacyScaled), log, stop: () => stopAll(servers),
    };
  },

  async ceiling() {
    const log = [];
    const server = start('node', ['--expose-gc', `${REPO}bench/baselines/ceiling.mjs`, '--port', String(PORTS.ceiling)], {}, log);
    await waitForHealth(`http://127.0.0.1:${PORTS.ceiling}/health`);
    return { protocol: 'plain', urls: [`http://127.0.0.1:${PORTS.ceiling}`], client: ceilingClient([`http://127.0.0.1:${PORTS.ceiling}`]), app: [server], infra: [], heapCommand: nodeHeap([PORTS.ceiling]), log, stop: () => stopAll([server]) };
  },
};
