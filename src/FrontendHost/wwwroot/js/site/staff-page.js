// staff.html: the station's staff console (admins and editors, signed in as on review.html): one tab per module —
// articles (editor with the sanitised preview), gallery uploads, programmes and slots, announcements, pages, the
// testimonial queue and membership registrations. A tab loads its data when it is first shown.
import { setUpSignIn } from '../chat.js';
import { $, ready, showSiteError } from './site-common.js';
import { articlesTab } from './staff-articles.js';
import { galleryTab } from './staff-gallery.js';
import { scheduleTab } from './staff-schedule.js';
import { announcementsTab, pagesTab } from './staff-content.js';
import { membershipTab, testimonialsTab } from './staff-queues.js';

const tabs = { articles: articlesTab, gallery: galleryTab, schedule: scheduleTab, announcements: announcementsTab, pages: pagesTab, testimonials: testimonialsTab, membership: membershipTab };
const loaded = new Set();
let currentUser = null;

async function show(name) {
  for (const other of Object.keys(tabs)) {
    $(`tab-${other}`).setAttribute('aria-selected', String(other === name));
    $(`panel-${other}`).classList.toggle('hidden', other !== name);
  }
  if (!loaded.has(name)) {
    loaded.add(name);
    await tabs[name].load(currentUser);
  }
}

const names = Object.keys(tabs);
for (const [index, name] of names.entries()) {
  const tab = $(`tab-${name}`);
  tab.addEventListener('click', () => show(name).catch(showSiteError));
  // Arrow keys move between tabs, as a tab list does.
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = names[(index + step + names.length) % names.length];
    $(`tab-${next}`).focus();
    show(next).catch(showSiteError);
  });
}
for (const tab of Object.values(tabs)) tab.setUp?.();

await setUpSignIn(async (user) => {
  currentUser = user;
  const staff = user && ['admin', 'editor'].includes(user.role);
  $('console').classList.toggle('hidden', !staff);
  loaded.clear();
  if (user && !staff) showSiteError('FORBIDDEN: the staff console is for admins and editors.');
  if (staff) await show(names.find((name) => $(`tab-${name}`).getAttribute('aria-selected') === 'true') ?? 'articles');
}).catch(showSiteError);
ready();
