// Shared helpers for the end-to-end suites. They talk to the server ./test starts (E2E_BASE_URL); an unreachable
// server fails every test, on CI and elsewhere: there is no skip.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { chromium } from 'playwright-core';
import { connectRideHub, createRoute, errorCode } from '../../tools/ride-client.mjs';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:5091';
/** The admin ./test configures for the end-to-end server (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@e2e.test', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' };
export const GPX_DIR = fileURLToPath(new URL('../../../shared/data/gpx/', import.meta.url));
export { connectRideHub, errorCode };

export const newRoute = (name = 'e2e route') => createRoute(BASE_URL, { name, waypoints: [{ lat: 48.8789, lng: 9.1888 }] });
export const connect = () => connectRideHub(BASE_URL);

/** Awaits a condition, polling every 20 ms, failing with `what` after `ms`. */
export async function until(condition, what, ms = 20000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with the next `event` callback's argument. */
export function nextEvent(connection, event, ms = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const handler = (payload) => { clearTimeout(timer); connection.off(event, handler); resolve(payload); };
    connection.on(event, handler);
  });
}

/** The error code a rejected promise carries. */
export async function codeOf(promise) {
  try {
    await promise;
  } catch (error) {
    return errorCode(error) ?? `UNCODED: ${error.message}`;
  }
  return 'NO_ERROR';
}

/** A raw WebSocket speaking the SignalR JSON protocol, for frames the official client would never send; `token` goes in
 * the access_token query as the official client sends it, `socketOptions` to `ws` (for example a `localAddress`). */
export async function rawHubSocket(path = '/hubs/ride', token = null, socketOptions = {}) {
  const query = token ? `?access_token=${encodeURIComponent(token)}` : '';
  const socket = new WebSocket(`${BASE_URL.replace(/^http/, 'ws')}${path}${query}`, socketOptions);
  await once(socket, 'open');
  const frames = [];
  socket.on('message', (data) => frames.push(...data.toString().split('\x1e').filter(Boolean).map((f) => JSON.parse(f))));
  socket.send('{"protocol":"json","version":1}\x1e');
  await until(() => frames.length > 0, 'handshake response', 5000);
  if (frames[0].error) throw new Error(frames[0].error);
  frames.length = 0;
  return { socket, frames };
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs (no background connections). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
