// The console's gallery tab: uploads (POST /api/v1/gallery, multipart: file, title, description) with the new
// thumbnail shown at once, the paged list of thumbnails, and delete for admins (DELETE /api/v1/gallery/{id}).
import { $, api, button, clearError, getPage, pager, sendForm, showSiteError, element } from './site-common.js';
import { galleryFigure } from './gallery-items.js';

let user = null;
let page = 1;

async function loadList(wanted = page) {
  const answer = await getPage(`/api/v1/gallery?page=${wanted}&limit=12`);
  page = answer.pagination.page;
  $('g-list').replaceChildren(...answer.data.map((item) => {
    const entry = galleryFigure(item);
    if (user?.role === 'admin') {
      entry.append(button('Delete', async () => {
        await api('DELETE', `/api/v1/gallery/${encodeURIComponent(item.id)}`);
        await loadList();
      }, 'secondary', `Delete image ${item.title}`));
    }
    return entry;
  }));
  if (answer.data.length === 0) $('g-list').append(element('li', 'No images yet.', 'muted'));
  pager($('g-pager'), answer.pagination, (next) => loadList(next).catch(showSiteError));
}

async function upload() {
  const file = $('g-file').files[0];
  if (!file) throw new Error('Choose an image first.');
  const form = new FormData();
  form.append('file', file);
  form.append('title', $('g-title').value);
  if ($('g-description').value) form.append('description', $('g-description').value);
  $('g-upload').disabled = true;
  try {
    const item = await sendForm('POST', '/api/v1/gallery', form);
    clearError();
    $('g-new-title').textContent = item.title;
    $('g-new-thumb').src = item.thumbnailUrl;
    $('g-new-thumb').alt = `Thumbnail of ${item.title}`;
    $('g-new').classList.remove('hidden');
    $('g-form').reset();
    await loadList(1);
  } finally {
    $('g-upload').disabled = false;
  }
}

export const galleryTab = {
  setUp() {
    $('g-form').addEventListener('submit', (event) => {
      event.preventDefault();
      upload().catch(showSiteError);
    });
  },
  async load(signedIn) {
    user = signedIn;
    await loadList(1);
  },
};
