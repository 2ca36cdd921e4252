// Plumbing for the hostile-input suite: raw HTTP from rotating loopback addresses, sessions of each role, the verdict on an
// answer, and the server's error log.
import http from 'node:http';
import WebSocket from 'ws';
import { open, stat } from 'node:fs/promises';
import { randomInt, randomUUID } from 'node:crypto';
import { ADMIN, BASE_URL } from './support.mjs';
import { FORBIDDEN_TEXT } from './hostile-values.mjs';

// Per-IP limits (failed logins: 5 per 15 minutes) would otherwise turn most cases into 429s and lock 127.0.0.1 out for
// the suites that run after this one; all of 127.0.0.0/8 reaches the server on Linux, so each request comes from its own.
// Hub connections too: failed access-code look-ups are limited per address, and past the limit every look-up from it is
// refused for a minute, valid codes included.
const subnet = randomInt(64, 250);
let nextAddress = 0;
/** A loopback address no other request of this run uses. */
export const sourceAddress = () => { nextAddress++; return `127.${subnet}.${(nextAddress >> 8) & 255}.${(nextAddress & 255) || 1}`; };

/** A `ws` WebSocket class whose connections leave from a fresh loopback address (the SignalR client's `WebSocket` option). */
export function ownAddressWebSocket() {
  const localAddress = sourceAddress();
  return class extends WebSocket {
    constructor(url, protocols, options = {}) {
      super(url, protocols, { ...options, localAddress });
    }
  };
}

/** Sends one request exactly as given (raw path, raw body bytes); resolves `{ status, type, text, json }`. */
export function send({ method, path, body, contentType, token, headers = {} }) {
  const url = new URL(BASE_URL);
  const all = { ...headers };
  if (contentType) all['content-type'] = contentType;
  if (token) all.authorization = token.startsWith('Basic ') || token.startsWith('Bearer') ? token : `Bearer ${token}`;
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  if (bytes) all['content-length'] = bytes.length;
  return new Promise((resolve) => {
    const request = http.request({ host: url.hostname, port: url.port, method, path, headers: all, localAddress: sourceAddress(), agent: false, timeout: 30_000 },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try { json = JSON.parse(text); } catch { json = undefined; }
          resolve({ status: response.statusCode, type: response.headers['content-type'] ?? '', connection: response.headers.connection, text, json });
        });
      });
    request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
    request.on('error', (error) => resolve({ status: 0, type: '', text: `connection failed: ${error.message}` }));
    request.end(bytes);
  });
}

const dataOf = async (request, what) => {
  const answer = await send({ method: 'POST', contentType: 'application/json', ...request });
  if (!answer.json?.data) throw new Error(`${what} failed: ${answer.status} ${excerpt(answer.text)}`);
  return answer.json.data;
};

/** Fresh tokens of every role: none, an anonymous live-chat session, a new member, the configured admin. */
export async function sessions() {
  const listener = await dataOf({ path: '/api/v1/livechat/session', body: JSON.stringify({ displayName: 'Hostile listener' }) }, 'a listener session');
  const member = await dataOf({ path: '/api/v1/auth/signup', body: JSON.stringify({ email: `hostile-${randomUUID()}@e2e.test`, password: 'hostile-password-123', name: 'Hostile member' }) }, 'member signup');
  const staff = await dataOf({ path: '/api/v1/auth/login', body: JSON.stringify(ADMIN) }, 'admin login');
  return { anonymous: null, listener: listener.token, member: member.accessToken, staff: staff.accessToken };
}

/** Tokens that must never be taken for a valid one (each must get a typed 401, or be treated as anonymous). */
export function forgedTokens(staff) {
  const [header, payload] = staff.split('.');
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const admin = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url')), role: 'admin', sub: randomUUID() })).toString('base64url');
  return {
    'garbage token': 'not-a-token',
    'unsigned (alg none) admin token': `${none}.${admin}.`,
    'admin token with a forged payload': `${header}.${admin}.${staff.split('.')[2]}`,
    '4,000-character token': 'a'.repeat(4000),
    'Basic credentials': `Basic ${Buffer.from('admin@e2e.test:e2e-admin-password').toString('base64')}`,
  };
}

/** The role claim each session of `sessions()` carries. */
export const ROLE_CLAIMS = { listener: 'listener', member: 'member', staff: 'admin' };

/** What `access` ({ roles: [] for any valid token, or the roles admitted }, or null when open) must answer a caller
 * of `role` (a key of ROLE_CLAIMS, 'anonymous', or a forged token's name): 'open', 401, 403 or 'admitted'. */
export function admission(access, role) {
  if (!access) return 'open';
  const claim = ROLE_CLAIMS[role];
  if (!claim) return 401;
  return access.roles?.length && !access.roles.includes(claim) ? 403 : 'admitted';
}

export const excerpt = (text, length = 200) => {
  const flat = String(text ?? '').replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};

const CODE = /^[A-Z][A-Z0-9_]+$/;

/** What is wrong with an HTTP answer to a case, or null: never 5xx, every 4xx a problem with a stable code, no
 * acceptance of what must be refused, no forbidden character echoed back. */
export function restVerdict(kase, answer) {
  if (answer.status === 0 || answer.status >= 500) return `answered ${answer.status || 'nothing'}`;
  // Kestrel refuses some requests (a NUL in the decoded path) before any application code runs: an empty 400 that closes
  // the connection. Nothing in the application can add a problem document to it, and nothing else answers that way.
  if (answer.status === 400 && answer.text === '' && answer.connection === 'close' && !answer.type) return null;
  if (answer.status >= 400) {
    const typed = answer.type.includes('application/problem+json') && CODE.test(answer.json?.code ?? '');
    return typed ? null : `an untyped ${answer.status} (${answer.type || 'no content type'})`;
  }
  if (kase.reject) return `accepted it (${answer.status})`;
  // Only writes store text; a lookup that names the key it was given back is not keeping it.
  if (kase.forbidden && kase.method !== 'GET' && strings(answer.json).some((s) => FORBIDDEN_TEXT.test(s))) return `accepted it and echoed the forbidden characters (${answer.status})`;
  return null;
}

/** What is wrong with a hub call's outcome (`{ error }` or `{ result }`), or null. */
export function hubVerdict(kase, outcome) {
  if (outcome.closed) return 'the connection was closed';
  if (outcome.error !== undefined) {
    const code = /^([A-Z][A-Z0-9_]+): /.exec(outcome.error)?.[1];
    if (!code) return `an uncoded error`;
    return code === 'INTERNAL_ERROR' ? 'INTERNAL_ERROR (a server fault)' : null;
  }
  if (kase.reject) return 'succeeded';
  if (kase.forbidden && strings(outcome.result).some((s) => FORBIDDEN_TEXT.test(s))) return 'succeeded and echoed the forbidden characters';
  return null;
}

const strings = (value) => (typeof value === 'string' ? [value]
  : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);

/** Runs `work` over `items`, `width` at a time. */
export async function pool(items, width, work) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** The server's log (TEST_SERVER_LOG, set by ./test): `since()` marks now, `errors()` returns error and critical entries
 * written after the mark, each with the lines that follow it (the exception). */
export async function serverLog() {
  const file = process.env.TEST_SERVER_LOG;
  if (!file) throw new Error('TEST_SERVER_LOG is not set: ./test sets it to the end-to-end server\'s log file');
  const start = (await stat(file)).size;
  return {
    file,
    async errors() {
      const handle = await open(file, 'r');
      try {
        const { size } = await handle.stat();
        const buffer = Buffer.alloc(size - start);
        await handle.read(buffer, 0, buffer.length, start);
        return buffer.toString('utf8').split(/\n(?=\S)/).filter((entry) => /^(fail|crit): /.test(entry)).map((e) => excerpt(e, 400));
      } finally {
        await handle.close();
      }
    },
  };
}
