// The console's articles tab: the list (GET /api/v1/articles, staff see every status) with a status filter, the editor
// (POST /api/v1/articles, PUT /api/v1/articles/{slug}) with a live preview of the SANITISED HTML the server answers
// for the content (POST /api/v1/articles/preview), archiving for admins (DELETE), and the categories.
import { $, api, button, clearError, dateText, element, getPage, insertSanitisedHtml, link, pager, showSiteError } from './site-common.js';

let user = null;
let editing = null; // the slug of the article in the editor, null for a new one
let previewSeq = 0;
let previewTimer = null;

function articleItem(article) {
  const item = element('li');
  item.dataset.slug = article.slug;
  const title = element('p');
  title.append(link(article.title, `/article.html?slug=${encodeURIComponent(article.slug)}`), ' ', element('span', article.status, `badge ${article.status}`));
  const about = [article.category?.name, article.author?.name, `updated ${dateText(article.updatedAt)}`].filter(Boolean).join(' · ');
  const actions = element('p');
  actions.append(button('Edit', () => edit(article.slug), 'secondary', `Edit ${article.title}`));
  if (user?.role === 'admin' && article.status !== 'archived') {
    actions.append(' ', button('Archive', async () => {
      await api('DELETE', `/api/v1/articles/${encodeURIComponent(article.slug)}`);
      await loadList();
    }, 'secondary', `Archive ${article.title}`));
  }
  item.append(title, element('p', about, 'muted'), actions);
  return item;
}

async function loadList(page = 1) {
  const query = new URLSearchParams({ page: String(page), limit: '10', sortBy: 'updated_at', sortOrder: 'desc' });
  if ($('a-filter').value) query.set('status', $('a-filter').value);
  const answer = await getPage(`/api/v1/articles?${query}`);
  $('a-list').replaceChildren(...answer.data.map(articleItem));
  if (answer.data.length === 0) $('a-list').append(element('li', 'No articles.', 'muted'));
  pager($('a-pager'), answer.pagination, (next) => loadList(next).catch(showSiteError));
}

async function loadCategories() {
  const categories = await api('GET', '/api/v1/categories');
  const selected = $('a-category').value;
  $('a-category').replaceChildren(new Option('No category', ''), ...categories.map((c) => new Option(c.name, c.id)));
  $('a-category').value = categories.some((c) => c.id === selected) ? selected : '';
  $('c-list').replaceChildren(...categories.map((c) => {
    const item = element('li', `${c.name} (${c.slug}) — ${c.articleCount} published`);
    item.append(' ', button('Delete', async () => {
      await api('DELETE', `/api/v1/categories/${encodeURIComponent(c.id)}`);
      await loadCategories();
    }, 'secondary', `Delete category ${c.name}`));
    return item;
  }));
}

/** Asks the server to sanitise the content and shows its answer (a later answer never loses to an earlier one). */
async function preview() {
  const seq = ++previewSeq;
  const content = $('a-content').value;
  if (!content.trim()) {
    $('a-preview').replaceChildren();
    return;
  }
  try {
    const { html } = await api('POST', '/api/v1/articles/preview', { content });
    if (seq === previewSeq) insertSanitisedHtml($('a-preview'), html);
  } catch (error) {
    if (seq === previewSeq) $('a-preview').replaceChildren(element('p', `No preview: ${error.message}`, 'muted'));
  }
}

function fillForm(article) {
  editing = article?.slug ?? null;
  $('a-form-title').textContent = article ? `Editing "${article.title}" (${article.status})` : 'New article';
  $('a-title').value = article?.title ?? '';
  $('a-slug').value = article?.slug ?? '';
  $('a-category').value = article?.category?.id ?? '';
  $('a-excerpt').value = article?.excerpt ?? '';
  $('a-featured').value = article?.featuredImage ?? '';
  $('a-content').value = article?.content ?? '';
  $('a-saved').textContent = '';
  preview();
}

async function edit(slug) {
  fillForm(await api('GET', `/api/v1/articles/${encodeURIComponent(slug)}`));
  $('a-title').focus();
}

async function save(status) {
  const body = { title: $('a-title').value, content: $('a-content').value, status };
  const optional = { slug: $('a-slug').value.trim(), categoryId: $('a-category').value, excerpt: $('a-excerpt').value.trim(), featuredImage: $('a-featured').value.trim() };
  for (const [key, value] of Object.entries(optional)) {
    if (value && !(key === 'slug' && value === editing)) body[key] = value;
  }
  const saved = editing
    ? await api('PUT', `/api/v1/articles/${encodeURIComponent(editing)}`, body)
    : await api('POST', '/api/v1/articles', body);
  clearError();
  fillForm(saved);
  const done = $('a-saved');
  done.replaceChildren(`${saved.status === 'published' ? 'Published' : 'Saved as draft'}: `, link(saved.title, `/article.html?slug=${encodeURIComponent(saved.slug)}`, 'saved-link'));
  await loadList();
}

export const articlesTab = {
  setUp() {
    $('a-filter').addEventListener('change', () => loadList().catch(showSiteError));
    $('a-new').addEventListener('click', () => { fillForm(null); $('a-title').focus(); });
    $('a-form').addEventListener('submit', (event) => event.preventDefault());
    $('a-content').addEventListener('input', () => {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(preview, 300);
    });
    $('a-save-draft').addEventListener('click', () => save('draft').catch(showSiteError));
    $('a-publish').addEventListener('click', () => save('published').catch(showSiteError));
    $('c-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const body = { name: $('c-name').value, ...($('c-description').value ? { description: $('c-description').value } : {}) };
      api('POST', '/api/v1/categories', body)
        .then(() => { $('c-name').value = ''; $('c-description').value = ''; return loadCategories(); })
        .catch(showSiteError);
    });
  },
  async load(signedIn) {
    user = signedIn;
    await Promise.all([loadList(), loadCategories()]);
  },
};
