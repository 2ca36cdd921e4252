// Shared helpers of the catalog suites (catalog-pages, catalog-end-to-end): the REST API as the admin ./test configures
// or anonymously, a region of the test's own so that its rides are the only ones listed there, and local dates.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, BASE_URL, until } from './support.mjs';

/** Calls /api/v1{path}; resolves with `{ status, body }` whatever the status, so tests assert on both. */
export async function call(method, path, body, { token, leaderKey } = {}) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(leaderKey ? { 'x-leader-key': leaderKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Like call(), but fails unless the status is `expected`; resolves with the body's `data`. */
export async function expect(expected, method, path, body, options) {
  const { status, body: payload } = await call(method, path, body, options);
  if (status !== expected) throw new Error(`${method} ${path}: ${status}, expected ${expected}: ${JSON.stringify(payload)}`);
  return payload?.data;
}

/** The admin's access token (ADMIN_EMAIL / ADMIN_PASSWORD of ./test). */
export const adminToken = async () => (await expect(200, 'POST', '/auth/login', ADMIN)).accessToken;

/** A region of this test run (by default Europe/Berlin, around Berlin's centre; `place` overrides timeZone, center and
 * bounds): lists filtered by it hold only the test's rides. */
export function createRegion(token, label, place = {}) {
  const slug = `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  return expect(201, 'POST', '/regions', {
    name: `E2E ${label} ${slug.slice(-9)}`, slug, timeZone: 'Europe/Berlin',
    center: { lat: 52.52, lng: 13.405 }, bounds: { south: 52.45, west: 13.3, north: 52.6, east: 13.5 }, ...place,
  }, { token });
}

/** The local date ('yyyy-MM-dd') `days` from now in `timeZone`. */
export const localDate = (timeZone, days = 0, now = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now + days * 86400000));

/** The local time of day ('HH:mm') `minutes` from now in `timeZone`. */
export const localTime = (timeZone, minutes = 0, now = Date.now()) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(now + minutes * 60000));

// Zones 3-5 hours apart: in one of them it is between 08:00 and 16:00 now, so "today's ride, starting in an hour"
// stays on today's local date whenever the suite runs (decision 89).
const ZONES = ['Pacific/Honolulu', 'America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Pacific/Auckland'];

/** A zone where it is daytime (08:00-16:00) now. */
export const dayZone = () => ZONES.find((zone) => { const hour = Number(localTime(zone).slice(0, 2)); return hour >= 8 && hour < 16; });

/** A bounding box around points, widened by `margin` degrees. */
export function boundsAround(points, margin = 0.05) {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  return { south: Math.min(...lats) - margin, west: Math.min(...lngs) - margin, north: Math.max(...lats) + margin, east: Math.max(...lngs) + margin };
}

/** A route through two points near Berlin's centre in `regionId`. */
export const routeBody = (regionId, name, extra = {}) => ({
  name, regionId, departureTime: '08:00', estimatedDuration: 60,
  waypoints: [{ lat: 52.5163, lng: 13.3777 }, { lat: 52.5206, lng: 13.4094 }], ...extra,
});

/** Where the e2e server writes mail without SMTP (Smtp:PickupDirectory, `.data/mail` under its working directory, which
 * ./test makes the repository root). */
export const MAIL_DIR = process.env.E2E_MAIL_DIR ?? fileURLToPath(new URL('../../.data/mail/', import.meta.url));

/** The text part of the first .eml in MAIL_DIR addressed to `to` (awaited with a deadline): these mails are MIME with
 * base64 parts. */
export async function mailTo(to, ms = 10000) {
  let text = null;
  await until(async () => {
    const names = await readdir(MAIL_DIR).catch(() => []);
    for (const name of names.filter((n) => n.endsWith('.eml'))) {
      const eml = await readFile(join(MAIL_DIR, name), 'utf8');
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'm').test(eml)) continue;
      const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n(?:\r?\n|--)/.exec(eml);
      text = part ? Buffer.from(part[1].replace(/\s/g, ''), 'base64').toString('utf8') : eml;
      return true;
    }
    return false;
  }, `a mail to ${to} in ${MAIL_DIR}`, ms);
  return text;
}
