// Shared helpers of the catalog pages (rides, ride, submit-route, demand, subscribe, subscription, review): regions and
// tags as form controls, local times with their zone, the anonymous session kept in localStorage, and route lines on a
// Leaflet map. Everything the server sends is written with textContent, never as HTML.
/* global L */
import { api, storedToken } from './chat.js';
import { errorCodeOf } from './retry.js';

export { api };

export const $ = (id) => document.getElementById(id);

const SESSION_KEY = 'orleansrides.session';
const INTEREST_KEY = 'orleansrides.interest';

/** GET /api/v1/regions: `[{ id, name, slug, timeZone, center: { lat, lng }, bounds }]`, by name. */
export const loadRegions = () => api('GET', '/api/v1/regions', null, null);

/** GET /api/v1/tags?isActive=true: `[{ id, name, slug, isActive }]`. */
export const loadTags = () => api('GET', '/api/v1/tags?isActive=true', null, null);

/** Fills a select with one option per region (value: its id); `anyLabel` adds a first, empty option. */
export function fillRegionSelect(select, regions, anyLabel = null) {
  const options = regions.map((region) => new Option(`${region.name} (${region.timeZone})`, region.id));
  select.replaceChildren(...(anyLabel ? [new Option(anyLabel, '')] : []), ...options);
}

/** Fills a fieldset with one labelled checkbox per item (value: its id); returns a function giving the checked ids. */
export function fillCheckboxes(fieldset, items, name) {
  const legend = fieldset.querySelector('legend');
  const boxes = items.map((item) => {
    const label = document.createElement('label');
    label.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = name;
    box.value = item.id;
    box.dataset.slug = item.slug ?? '';
    label.append(box, ` ${item.name}`);
    return label;
  });
  fieldset.replaceChildren(...(legend ? [legend] : []), ...boxes);
  return () => [...fieldset.querySelectorAll('input:checked')].map((box) => box.value);
}

/** Ticks the checkboxes of a fieldset whose values are in `ids`. */
export function checkBoxes(fieldset, ids) {
  for (const box of fieldset.querySelectorAll('input[type=checkbox]')) {
    box.checked = ids.includes(box.value);
  }
}

/** "Wed 2 Dec 2026, 07:30 (Europe/Berlin)": a ride's local start as the server computed it in its region's zone. */
export function localStartText(ride) {
  const [date, time] = ride.localStart.split('T');
  const day = new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${day}, ${time} (${ride.timeZone})`;
}

/** The anonymous session of this browser (POST /api/v1/sessions once, then kept in localStorage until it expires). */
export async function session({ renew = false } = {}) {
  const stored = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
  if (!renew && stored && new Date(stored.expiresAt) > new Date()) {
    return stored.sessionId;
  }
  const created = await api('POST', '/api/v1/sessions', {}, null);
  localStorage.setItem(SESSION_KEY, JSON.stringify(created));
  return created.sessionId;
}

/** Runs `call(sessionId)`; when the server no longer knows the stored session (cleaned up), once more with a new one. */
export async function withSession(call) {
  try {
    return await call(await session());
  } catch (error) {
    if (errorCodeOf(error) !== 'SESSION_NOT_FOUND') {
      throw error;
    }
    return call(await session({ renew: true }));
  }
}

// The rides this browser said "I'm coming" to: the ride view has a count but not whether this session is in it.
const interests = () => new Set(JSON.parse(localStorage.getItem(INTEREST_KEY) ?? '[]'));

/** Whether this browser's session said it is coming to the ride. */
export const isInterested = (rideId) => interests().has(rideId);

/** Records (or forgets) this browser's interest in a ride. */
export function rememberInterest(rideId, interested) {
  const set = interests();
  if (interested) {
    set.add(rideId);
  } else {
    set.delete(rideId);
  }
  localStorage.setItem(INTEREST_KEY, JSON.stringify([...set]));
}

/** Centres a map on a region: its bounds when it has them, else its centre at city zoom. */
export function showRegion(map, region) {
  if (region?.bounds) {
    const { south, west, north, east } = region.bounds;
    map.fitBounds([[south, west], [north, east]]);
  } else if (region) {
    map.setView([region.center.lat, region.center.lng], 12);
  }
}

/** Draws waypoints as a line with a marker on the first one; returns the layer (remove it to clear). */
export function drawRoute(map, waypoints) {
  const points = waypoints.map((w) => [w.lat, w.lng]);
  const layer = L.layerGroup([L.polyline(points, { color: '#0b6e4f', weight: 4 })]).addTo(map);
  if (points.length > 0) {
    L.circleMarker(points[0], { radius: 7, color: '#0b6e4f', fillOpacity: 0.9 }).bindTooltip('start').addTo(layer);
  }
  return layer;
}

/** An element with text content (never HTML) and an optional class. */
export function element(tag, text = '', className = '') {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}

/** GET of an offset-paged list, as the signed-in user if any: the whole `{ data, pagination: { limit, offset, total } }`
 * body (api() keeps only data). */
export async function getPage(path) {
  const token = storedToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`${payload.code ?? response.status}: ${payload.title ?? response.statusText}`);
  }
  return payload;
}

/** Marks the page as set up (`<body data-ready>`): its listeners are attached, so clicks and keys now take effect. */
export const ready = () => { document.body.dataset.ready = 'true'; };
