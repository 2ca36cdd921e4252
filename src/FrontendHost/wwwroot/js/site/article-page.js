// article.html?slug=: one article (GET /api/v1/articles/{slug}): title, category, author, date, and its content as the
// server's sanitised HTML (insertSanitisedHtml, the one HTML insertion). Staff signed in on the console (same tab) see
// drafts too, with their status.
import { param } from '../common.js';
import { $, api, dateText, insertSanitisedHtml, ready, showSiteError } from './site-common.js';

async function load() {
  const slug = param('slug');
  if (!slug) throw new Error('No article given (article.html?slug=…).');
  const article = await api('GET', `/api/v1/articles/${encodeURIComponent(slug)}`);
  document.title = `${article.title} · Radio · OrleansRides`;
  $('title').textContent = article.title;
  $('category').textContent = article.category ? `${article.category.name} ·` : '';
  $('author').textContent = article.author ? `by ${article.author.name} ·` : '';
  $('date').textContent = dateText(article.publishedAt ?? article.updatedAt);
  $('date').dateTime = article.publishedAt ?? article.updatedAt;
  if (article.status !== 'published') {
    $('status').textContent = article.status;
    $('status').classList.remove('hidden');
  }
  // Gallery images are served by this site; an outside URL would be refused by the page's img-src policy anyway.
  if (article.featuredImage?.startsWith('/api/v1/gallery/')) {
    $('featured').src = article.featuredImage;
    $('featured-wrap').classList.remove('hidden');
  }
  insertSanitisedHtml($('content'), article.content);
  $('article').classList.remove('hidden');
}

await load().catch(showSiteError);
ready();
