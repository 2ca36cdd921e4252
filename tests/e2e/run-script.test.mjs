// ./run stops exactly what it started, whichever way it ends: the server dying on its own, or TERM (as Ctrl-C's INT).
// Each case runs the real script with its own PostgreSQL data directory and ports, on the build ./test made.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { until } from './support.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PG_DATA = `${REPO}.data/pg-run-script-test`;

function startRun(port, extraEnv = {}) {
  const child = spawn('./run', [], {
    cwd: REPO,
    env: { ...process.env, NO_BUILD: '1', PORT: String(port), PG_PORT: '55460', PG_DATA, DATABASE_URL: '', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stderr: () => stderr };
}

const postmasterPid = () => Number(readFileSync(`${PG_DATA}/postmaster.pid`, 'utf8').split('\n')[0]);
const isAlive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

test('./run stops its PostgreSQL when the server dies on its own', { timeout: 120000 }, async () => {
  // An invalid option makes the server refuse to start after PostgreSQL is up.
  const run = startRun(5186, { Rides__TrailLength: '0' });
  await until(() => existsSync(`${PG_DATA}/postmaster.pid`), 'PostgreSQL to start', 60000);
  const pg = postmasterPid();

  const { code } = await run.exited;

  assert.notEqual(code, 0, 'the script reports the server failure');
  await until(() => !isAlive(pg), `PostgreSQL (PID ${pg}) to be stopped`, 30000);
});

test('./run stops the server and its PostgreSQL on TERM', { timeout: 120000 }, async () => {
  const run = startRun(5187);
  await until(async () => (await fetch('http://127.0.0.1:5187/api/v1/health/ready').catch(() => null))?.ok, 'the server to be ready', 90000);
  const pg = postmasterPid();

  run.child.kill('SIGTERM');
  await run.exited;

  await until(() => !isAlive(pg), `PostgreSQL (PID ${pg}) to be stopped`, 30000);
  await assert.rejects(fetch('http://127.0.0.1:5187/api/v1/health/live'), 'the server is gone');
  rmSync(PG_DATA, { recursive: true, force: true });
});
