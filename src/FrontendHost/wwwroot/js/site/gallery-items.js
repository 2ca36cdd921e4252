// The gallery's list items, shared by gallery.html and the staff console's gallery tab.
import { element } from './site-common.js';

/** A thumbnail figure linking to the full image (both served by this site). */
export function galleryFigure(item) {
  const entry = element('li');
  entry.dataset.galleryId = item.id;
  const figure = document.createElement('figure');
  const full = document.createElement('a');
  full.href = item.imageUrl;
  const thumb = document.createElement('img');
  thumb.src = item.thumbnailUrl;
  thumb.alt = item.title;
  thumb.loading = 'lazy';
  full.append(thumb);
  figure.append(full, element('figcaption', item.title));
  if (item.description) figure.append(element('p', item.description, 'muted'));
  entry.append(figure);
  return entry;
}
