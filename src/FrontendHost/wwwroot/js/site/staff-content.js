// The console's announcements tab (GET /api/v1/announcements?all=true, POST, PUT /{id}, DELETE /{id}) and pages tab
// (GET /api/v1/pages, GET/PUT/DELETE /api/v1/pages/{slug}, POST) with a preview of the sanitised content (the same
// sanitiser as articles: POST /api/v1/articles/preview).
import { $, api, button, clearError, dateTimeText, element, insertSanitisedHtml, showSiteError } from './site-common.js';

let editingAnnouncement = null;
let editingPage = null;

/** A datetime-local value (the reader's own zone) as an ISO 8601 UTC instant; null when empty. */
const instantOf = (local) => (local ? new Date(local).toISOString() : null);
/** An ISO 8601 instant as a datetime-local value in the reader's zone. */
function localOf(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function announcementItem(a) {
  const now = Date.now();
  const current = new Date(a.visibleFrom).getTime() <= now && (!a.visibleUntil || now < new Date(a.visibleUntil).getTime());
  const item = element('li');
  item.dataset.announcementId = a.id;
  const text = element('p', a.text);
  text.append(' ', element('span', current ? 'visible' : 'not visible now', `badge${current ? ' live' : ''}`));
  const when = element('p', `from ${dateTimeText(a.visibleFrom)}${a.visibleUntil ? ` until ${dateTimeText(a.visibleUntil)}` : ''}${a.link ? ` · ${a.link}` : ''}`, 'muted');
  const actions = element('p');
  actions.append(button('Edit', () => fillAnnouncement(a), 'secondary', `Edit announcement ${a.text.slice(0, 40)}`), ' ',
    button('Delete', async () => {
      await api('DELETE', `/api/v1/announcements/${encodeURIComponent(a.id)}`);
      if (editingAnnouncement === a.id) fillAnnouncement(null);
      await loadAnnouncements();
    }, 'secondary', `Delete announcement ${a.text.slice(0, 40)}`));
  item.append(text, when, actions);
  return item;
}

async function loadAnnouncements() {
  const all = await api('GET', '/api/v1/announcements?all=true');
  $('n-list').replaceChildren(...all.map(announcementItem));
  if (all.length === 0) $('n-list').append(element('li', 'No announcements.', 'muted'));
}

function fillAnnouncement(a) {
  editingAnnouncement = a?.id ?? null;
  $('n-form-title').textContent = a ? 'Editing an announcement' : 'New announcement';
  $('n-text').value = a?.text ?? '';
  $('n-link').value = a?.link ?? '';
  $('n-from').value = localOf(a?.visibleFrom);
  $('n-until').value = localOf(a?.visibleUntil);
}

async function saveAnnouncement() {
  const body = { text: $('n-text').value, link: $('n-link').value || null, visibleFrom: instantOf($('n-from').value) ?? new Date().toISOString(), visibleUntil: instantOf($('n-until').value) };
  if (editingAnnouncement) await api('PUT', `/api/v1/announcements/${encodeURIComponent(editingAnnouncement)}`, body);
  else await api('POST', '/api/v1/announcements', body);
  clearError();
  fillAnnouncement(null);
  await loadAnnouncements();
}

export const announcementsTab = {
  setUp() {
    $('n-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveAnnouncement().catch(showSiteError);
    });
    $('n-new').addEventListener('click', () => fillAnnouncement(null));
  },
  load: () => loadAnnouncements(),
};

let pagePreviewSeq = 0;
let pagePreviewTimer = null;

async function previewPage() {
  const seq = ++pagePreviewSeq;
  const content = $('s-content').value;
  if (!content.trim()) {
    $('s-preview').replaceChildren();
    return;
  }
  try {
    const { html } = await api('POST', '/api/v1/articles/preview', { content });
    if (seq === pagePreviewSeq) insertSanitisedHtml($('s-preview'), html);
  } catch (error) {
    if (seq === pagePreviewSeq) $('s-preview').replaceChildren(element('p', `No preview: ${error.message}`, 'muted'));
  }
}

async function loadPages() {
  const pages = await api('GET', '/api/v1/pages');
  $('s-list').replaceChildren(...pages.map((p) => {
    const item = element('li');
    item.dataset.slug = p.slug;
    const title = element('p');
    title.append(element('b', p.title), ` /${p.slug} · updated ${dateTimeText(p.updatedAt)}`);
    const actions = element('p');
    actions.append(button('Edit', async () => fillPage(await api('GET', `/api/v1/pages/${encodeURIComponent(p.slug)}`)), 'secondary', `Edit page ${p.title}`), ' ',
      button('Delete', async () => {
        await api('DELETE', `/api/v1/pages/${encodeURIComponent(p.slug)}`);
        if (editingPage === p.slug) fillPage(null);
        await loadPages();
      }, 'secondary', `Delete page ${p.title}`));
    item.append(title, actions);
    return item;
  }));
  if (pages.length === 0) $('s-list').append(element('li', 'No pages.', 'muted'));
}

function fillPage(page) {
  editingPage = page?.slug ?? null;
  $('s-form-title').textContent = page ? `Editing "${page.title}"` : 'New page';
  $('s-title').value = page?.title ?? '';
  $('s-slug').value = page?.slug ?? '';
  $('s-content').value = page?.content ?? '';
  previewPage();
}

async function savePage() {
  const body = { title: $('s-title').value, content: $('s-content').value };
  const slug = $('s-slug').value.trim();
  if (slug && slug !== editingPage) body.slug = slug;
  const saved = editingPage
    ? await api('PUT', `/api/v1/pages/${encodeURIComponent(editingPage)}`, body)
    : await api('POST', '/api/v1/pages', body);
  clearError();
  fillPage(saved);
  await loadPages();
}

export const pagesTab = {
  setUp() {
    $('s-form').addEventListener('submit', (event) => {
      event.preventDefault();
      savePage().catch(showSiteError);
    });
    $('s-new').addEventListener('click', () => fillPage(null));
    $('s-content').addEventListener('input', () => {
      clearTimeout(pagePreviewTimer);
      pagePreviewTimer = setTimeout(previewPage, 300);
    });
  },
  load: () => loadPages(),
};
