// Shared helpers for the chaos suite: the cluster each scenario starts for itself (silos and frontends, stopped by PID in
// a finally), the dependencies a scenario stops and restarts (PostgreSQL and RabbitMQ, by the PID in their pid files,
// restarted with the same scripts/lib.sh functions ./test used), the database queries that check what was saved, and the
// `[chaos]` figure lines. Load generators and their figures live in load.mjs.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { until } from '../e2e/support.mjs';

export { until };
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const GPX_DIR = fileURLToPath(new URL('../../../shared/data/gpx/', import.meta.url));
const SILO_DLL = `${REPO}src/Silo/bin/Release/net10.0/OrleansRides.Silo.dll`;
const FRONTEND_DLL = `${REPO}src/FrontendHost/bin/Release/net10.0/OrleansRides.FrontendHost.dll`;
const RESULTS = process.env.TEST_RESULTS_DIR ?? `${REPO}.data/chaos-results`;
mkdirSync(RESULTS, { recursive: true });
const run = promisify(execFile);

/** The dependencies ./test started: a keyword-form DATABASE_URL, the broker URL and the data directories that hold the
 * pid files (CHAOS_PG_DATA, CHAOS_RABBIT_DATA). Defaults are ./test's own. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'Host=127.0.0.1;Port=55433;Database=orleansrides_test;Username=postgres';
const db = Object.fromEntries(DATABASE_URL.split(';').filter(Boolean).map((part) => part.split('=').map((s) => s.trim())));
export const PG = { host: db.Host, port: Number(db.Port), database: db.Database, user: db.Username,
  data: process.env.CHAOS_PG_DATA ?? `${REPO}.data/pg-test` };
export const RABBIT = { url: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5673/',
  data: process.env.CHAOS_RABBIT_DATA ?? `${REPO}.data/rabbitmq-test` };
RABBIT.port = Number(new URL(RABBIT.url).port);
export const ADMIN = { email: 'admin@chaos.test', password: 'chaos-admin-password' };

/** The codes a call may fail with while a dependency is down or a silo dies: typed and retryable (issue 8: "a retryable
 * code (SERVICE_UNAVAILABLE, not INTERNAL_ERROR)"; SILO_UNAVAILABLE is the documented failover code; DATABASE_UNAVAILABLE
 * the REST problem code for PostgreSQL). NO_ANSWER (no answer within 10 s), INTERNAL_ERROR and timeouts are not. */
export const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'SILO_UNAVAILABLE', 'DATABASE_UNAVAILABLE']);

/** Prints one figure line; ./test collects every line starting with `[chaos]`. */
export const report = (line) => console.log(`[chaos] ${line}`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const counts = (codes) => Object.entries(codes.reduce((all, c) => ({ ...all, [c]: (all[c] ?? 0) + 1 }), {}))
  .map(([code, n]) => `${n} ${code}`).join(', ') || 'none';

/** Starts a process whose output goes to RESULTS/chaos-NAME.log; { name, pid, exited, output(), alive() }. */
function launch(name, command, args, env) {
  const log = createWriteStream(`${RESULTS}/chaos-${name}.log`);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { log.write(chunk); if (output.length < 200_000) output += chunk; });
  child.stderr.on('data', (chunk) => log.write(chunk));
  const exited = new Promise((resolve) => child.once('exit', () => { log.end(); resolve(); }));
  return { name, pid: child.pid, exited, output: () => output, alive: () => child.exitCode === null && child.signalCode === null };
}

/** SIGTERM (graceful), then SIGKILL after `ms`; resolves once the process is gone. */
export async function stopProcess(proc, ms = 20000) {
  if (!proc.alive()) return;
  process.kill(proc.pid, 'SIGTERM');
  const timer = sleep(ms).then(() => proc.alive() && process.kill(proc.pid, 'SIGKILL'));
  await Promise.race([proc.exited, timer]);
  await proc.exited;
}

async function getJson(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The HTTP status of GET `path` (0 when there is no answer within 5 s). */
export async function statusOf(baseUrl, path) {
  try {
    return (await getJson(new URL(path, baseUrl))).status;
  } catch {
    return 0;
  }
}

/** Whether a frontend is up: readiness (/api/v1/health/ready, issue 8) answers 200, or /api/v1/health where the split has
 * not landed yet. Scenarios that assert on readiness itself use the exact paths. */
export async function isUp(baseUrl) {
  const ready = await statusOf(baseUrl, '/api/v1/health/ready');
  return ready === 200 || (ready === 404 && (await statusOf(baseUrl, '/api/v1/health')) === 200);
}

/** Milliseconds until `condition` holds, polled every 50 ms, or null after `ms`: for figures a scenario prints before it
 * asserts on them. */
export async function measure(condition, ms) {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await condition()) return Date.now() - started;
    await sleep(50);
  }
  return null;
}

/**
 * Starts a cluster of its own (`Cluster__ClusterId` unique to this scenario): `silos` silo processes and `frontends`
 * cluster-mode frontends on CHAOS_HTTP_PORT, CHAOS_HTTP_PORT+1, ...; resolves once every frontend answers and sees every
 * silo active. `cluster.stop()` stops every process it started, by PID.
 */
export async function startCluster(name, { silos = 2, frontends = 2 } = {}) {
  const basePort = Number(process.env.CHAOS_HTTP_PORT ?? 5111);
  const env = { DATABASE_URL, Cluster__ClusterId: `chaos-${name}-${process.pid}`, Cluster__RabbitMqUrl: RABBIT.url,
    Rides__MaxUpdatesPerSecond: '100', Auth__SigningKey: randomBytes(32).toString('base64') };
  const processes = [];
  let siloCount = 0;
  const cluster = {
    env, processes, silos: [], frontends: [], token: null,
    async startSilo({ netns, extraEnv = {} } = {}) {
      const [command, args] = netns ? ['ip', ['netns', 'exec', netns, 'dotnet', SILO_DLL]] : ['dotnet', [SILO_DLL]];
      siloCount += 1;
      const proc = launch(`${name}-silo-${siloCount}`, command, args, { ...env, ...extraEnv });
      processes.push(proc);
      // The silo id comes from the silo's own log, so the suite never needs process ids from the (staff-only) cluster API.
      await until(() => /Silo (\S+) is active/.test(proc.output()) || !proc.alive(), `${proc.name} to become active`, 60000);
      if (!proc.alive()) throw new Error(`${proc.name} exited during start-up; see chaos-${proc.name}.log`);
      proc.siloId = /Silo (\S+) is active/.exec(proc.output())[1];
      cluster.silos.push(proc);
      return proc;
    },
    async view(frontend = cluster.frontends[0]) {
      return (await getJson(new URL('/api/v1/cluster', frontend), cluster.token)).body.data.silos;
    },
    async siloStatus(silo, frontend) {
      return (await cluster.view(frontend)).find((s) => s.siloId === silo.siloId)?.status ?? 'gone';
    },
    async ownerOf(type, key, frontend = cluster.frontends[0]) {
      return (await getJson(new URL(`/api/v1/cluster/owner/${type}/${encodeURIComponent(key)}`, frontend), cluster.token)).body?.data?.siloId;
    },
    async waitForActive(expected, ms = 30000) {
      const ids = expected.map((s) => s.siloId);
      await until(async () => (await Promise.all(cluster.frontends.map((f) => cluster.view(f).catch(() => []))))
        .every((view) => ids.every((id) => view.some((s) => s.siloId === id && s.status === 'active'))), 'every silo active at every frontend', ms);
    },
    stop: () => Promise.all(processes.map((p) => stopProcess(p))),
  };
  try {
    await Promise.all(Array.from({ length: silos }, () => cluster.startSilo()));
    for (let i = 0; i < frontends; i++) {
      const url = `http://127.0.0.1:${basePort + i}`;
      processes.push(launch(`${name}-frontend-${i + 1}`, 'dotnet', [FRONTEND_DLL, '--contentRoot', `${REPO}src/FrontendHost`], {
        ...env, ASPNETCORE_URLS: url, Cluster__Enabled: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
        Hubs__MaxInvocationsPerSecond: '3000', RateLimits__RouteCreationsPerMinute: '1000', RateLimits__ChatSessionsPerMinute: '5000',
      }));
      cluster.frontends.push(url);
    }
    await until(async () => (await Promise.all(cluster.frontends.map(isUp))).every(Boolean), 'every frontend up', 60000);
    cluster.token = await adminToken(cluster.frontends[0]);
    await cluster.waitForActive(cluster.silos);
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

async function adminToken(baseUrl) {
  let token = null;
  // The admin account is created once the schema is migrated, which can trail readiness by a moment.
  await until(async () => {
    const response = await fetch(new URL('/api/v1/auth/login', baseUrl), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
    });
    token = response.ok ? (await response.json()).data.accessToken : null;
    return token !== null;
  }, 'the admin login', 20000);
  return token;
}

/** Runs SQL through psql against the test database; returns the rows of a query whose single column is `json_agg(...)`.
 * `vars` become psql variables (`:'name'` in the SQL quotes them), so no value is ever pasted into the text. */
export async function queryJson(sql, vars = {}) {
  const args = ['-h', PG.host, '-p', String(PG.port), '-U', PG.user, '-d', PG.database, '-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1',
    ...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`])];
  const child = execFile('psql', args, { maxBuffer: 64 * 1024 * 1024 });
  child.stdin.end(sql);
  const output = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`psql exited with ${code}`))));
  });
  return JSON.parse(output.trim() || 'null') ?? [];
}

// A pid file names the process to stop; check the name too, so that a stale file never leads to killing a stranger.
function pidFromFile(file, expectedName) {
  if (!existsSync(file)) throw new Error(`${file} is missing: this scenario stops only a server ./test started from this repository`);
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes(expectedName)) throw new Error(`process ${pid} from ${file} is not ${expectedName}`);
  return pid;
}

async function killAndWait(pid, signal) {
  process.kill(pid, signal);
  await until(() => !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z', `process ${pid} to stop`, 30000);
}

// The same provisioning functions ./test used, so the server comes back with the same options.
const lib = (script) => run('bash', ['-c', `source "${REPO}scripts/lib.sh" && ${script}`], { env: process.env, timeout: 120000 });

/** PostgreSQL: immediate shutdown (SIGQUIT to the postmaster in postmaster.pid: no checkpoint, as in a crash) and restart. */
export const postgres = {
  stop: () => killAndWait(pidFromFile(`${PG.data}/postmaster.pid`, 'postgres'), 'SIGQUIT'),
  start: () => lib(`PG_FSYNC=${process.env.CHAOS_PG_FSYNC ?? 'off'} ensure_postgres "${PG.data}" ${PG.port} ${PG.database}`),
};

/** RabbitMQ: SIGKILL to the broker in its pid file (a crash: connections drop at once) and restart. */
export const rabbitmq = {
  stop: () => killAndWait(pidFromFile(`${RABBIT.data}/rabbitmq.pid`, 'beam'), 'SIGKILL'),
  start: () => lib(`ensure_rabbitmq "${RABBIT.data}" ${RABBIT.port}`),
};

/**
 * A network namespace of the suite's own with two veth links to this machine's root namespace, one to PostgreSQL
 * (10.200.51.1 ↔ .2) and one to RabbitMQ (10.200.52.1 ↔ .2). Both servers listen on loopback only, so a TCP relay in this
 * process, bound to the root end of each link, forwards to 127.0.0.1: traffic never leaves the machine. `cutBroker()` takes
 * the broker link down (packets dropped, no reset: a partition, not a refusal); `remove()` deletes the namespace.
 */
export async function isolatedNamespace() {
  const tag = String(process.pid % 10000);
  const ns = `orchaos${tag}`;
  const ip = (...args) => run('ip', args);
  const links = [{ name: `orp${tag}`, net: '10.200.51', port: PG.port }, { name: `orm${tag}`, net: '10.200.52', port: RABBIT.port }];
  const relays = [];
  await ip('netns', 'add', ns);
  const remove = async () => {
    // A server closes once its connections are gone, so those go first.
    for (const socket of sockets) socket.destroy();
    await Promise.all(relays.map((server) => new Promise((resolve) => server.close(resolve))));
    await ip('netns', 'del', ns).catch(() => {});
    for (const link of links) await ip('link', 'del', `${link.name}h`).catch(() => {});
  };
  const sockets = new Set();
  try {
    await ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
    for (const link of links) {
      await ip('link', 'add', `${link.name}h`, 'type', 'veth', 'peer', 'name', `${link.name}s`, 'netns', ns);
      await ip('addr', 'add', `${link.net}.1/30`, 'dev', `${link.name}h`);
      await ip('link', 'set', `${link.name}h`, 'up');
      await ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${link.net}.2/30`, 'dev', `${link.name}s`);
      await ip('netns', 'exec', ns, 'ip', 'link', 'set', `${link.name}s`, 'up');
      const server = net.createServer((inbound) => {
        const outbound = net.connect(link.port, '127.0.0.1');
        for (const socket of [inbound, outbound]) { sockets.add(socket); socket.on('error', () => {}); socket.on('close', () => sockets.delete(socket)); }
        inbound.pipe(outbound).pipe(inbound);
      });
      await new Promise((resolve, reject) => server.once('error', reject).listen(link.port, `${link.net}.1`, resolve));
      relays.push(server);
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    name: ns,
    env: {
      DATABASE_URL: `Host=10.200.51.1;Port=${PG.port};Database=${PG.database};Username=${PG.user}`,
      Cluster__RabbitMqUrl: RABBIT.url.replace(/@[^:/]+:/, '@10.200.52.1:'),
    },
    cutBroker: () => ip('link', 'set', `${links[1].name}h`, 'down'),
    remove,
  };
}
