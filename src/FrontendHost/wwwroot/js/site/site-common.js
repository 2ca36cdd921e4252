// Shared helpers of the station's site pages (site, article, gallery, schedule, staff). Every string the API sends is
// written with textContent, except the sanitised HTML of articles and pages, which goes through insertSanitisedHtml()
// alone. No inline style anywhere: the Content-Security-Policy allows style sheets from 'self' only.
import { storedToken } from '../chat.js';
import { $, api, element, getPage, ready } from '../catalog.js';

export { $, api, element, getPage, ready };

/**
 * Puts an article's or page's content into `container` as HTML. This is the ONE place a site page inserts HTML from the
 * API, and only these fields: the server sanitised them with its allow-list (src/Site/Html/SiteHtml.cs, HtmlSanitizer)
 * when they were stored, and again when it answers a preview, so scripts, event handlers, `javascript:` URLs and styles
 * are gone. Rendering them as HTML is their purpose; every other API string is text (textContent).
 */
export function insertSanitisedHtml(container, sanitisedHtml) {
  container.innerHTML = sanitisedHtml;
}

/** "2 Dec 2026" for an ISO 8601 instant, in the reader's zone. */
export function dateText(instant) {
  return instant ? new Date(instant).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) : '';
}

/** "2 Dec 2026, 07:30" for an ISO 8601 instant, in the reader's zone. */
export function dateTimeText(instant) {
  return instant ? new Date(instant).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '';
}

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Mon 2 Dec" for a local date "YYYY-MM-DD" (read as a calendar date, not converted between zones). */
export function localDateText(localDate) {
  return new Date(`${localDate}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
}

/** "07:00–09:00" for a slot occurrence: local times in the station's zone as the server computed them. */
export function slotTimes(occurrence) {
  return `${occurrence.localStart.slice(11, 16)}–${occurrence.localEnd.slice(11, 16)}`;
}

/** Whether a slot occurrence is on air at `now` (its UTC bounds, so the reader's own zone does not matter). */
export function isOnAir(occurrence, now = Date.now()) {
  return new Date(occurrence.startUtc).getTime() <= now && now < new Date(occurrence.endUtc).getTime();
}

/** The host's name of a programme or slot occurrence ("" when it has none). */
export const hostName = (item) => item.host?.name ?? '';

/** A link with text. */
export function link(text, href, className = '') {
  const node = element('a', text, className);
  node.href = href;
  return node;
}

/** A button (type=button) with text and a click handler whose errors are shown in #error. */
export function button(text, handler, className = '', label = '') {
  const node = element('button', text, className);
  node.type = 'button';
  if (label) node.setAttribute('aria-label', label);
  node.addEventListener('click', () => Promise.resolve().then(handler).catch(showSiteError));
  return node;
}

/** Shows an error in #error as text; hides it again on the next success (clearError). */
export function showSiteError(error) {
  const box = $('error');
  box.textContent = String(error?.message ?? error);
  box.classList.remove('hidden');
}

/** Hides #error. */
export function clearError() {
  $('error').classList.add('hidden');
}

/**
 * Fills `container` with "Previous / page N of M / Next" for a page-numbered answer's `pagination`
 * ({ page, limit, total, totalPages, hasNext, hasPrev }); `go(page)` loads another page.
 */
export function pager(container, pagination, go) {
  const previous = button('Previous', () => go(pagination.page - 1), 'secondary', 'Previous page');
  previous.disabled = !pagination.hasPrev;
  const next = button('Next', () => go(pagination.page + 1), 'secondary', 'Next page');
  next.disabled = !pagination.hasNext;
  const where = element('span', pagination.total === 0 ? 'none yet' : `page ${pagination.page} of ${pagination.totalPages} (${pagination.total})`, 'muted');
  container.replaceChildren(previous, ' ', where, ' ', next);
}

/**
 * Sends a multipart form (the gallery's uploads) as the signed-in user; resolves with the body's `data`, rejects with
 * the problem's code and title as api() does for JSON.
 */
export async function sendForm(method, path, form) {
  const token = storedToken();
  const response = await fetch(path, { method, body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = payload.errors ? ` (${Object.entries(payload.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ')})` : '';
    throw new Error(`${payload.code ?? response.status}: ${payload.title ?? response.statusText}${fields}`);
  }
  return payload.data;
}

/** A labelled form control: `<div><label for=id>text</label><control id=id></div>`; returns [wrapper, control]. */
export function field(labelText, control, id) {
  control.id = id;
  const label = element('label', labelText);
  label.htmlFor = id;
  const wrapper = document.createElement('div');
  wrapper.append(label, control);
  return [wrapper, control];
}

/** Writes "(n)" into the element with this id. */
export function setCount(id, n) {
  $(id).textContent = `(${n})`;
}
