// gallery.html: the gallery's images (GET /api/v1/gallery, page-numbered, newest first) as thumbnails linking to the
// full image, with their titles; filtered by type.
import { $, clearError, element, getPage, pager, ready, showSiteError } from './site-common.js';
import { galleryFigure } from './gallery-items.js';

const LIMIT = 12;

async function load(page = 1) {
  const query = new URLSearchParams({ page: String(page), limit: String(LIMIT) });
  if ($('type').value) query.set('type', $('type').value);
  const answer = await getPage(`/api/v1/gallery?${query}`);
  clearError();
  $('gallery').replaceChildren(...answer.data.map(galleryFigure));
  if (answer.data.length === 0) $('gallery').append(element('li', 'No images yet.', 'muted'));
  pager($('pager'), answer.pagination, (next) => load(next));
}

$('type').addEventListener('change', () => load().catch(showSiteError));
await load().catch(showSiteError);
ready();
