// site.html: the station's public homepage from GET /api/v1/homepage (latest articles, on air now and next, today's
// schedule, current announcements, approved testimonials, the live chat's listener count) and the testimonial form
// (POST /api/v1/testimonials: stored pending until staff approve it).
import { $, api, clearError, element, hostName, isOnAir, link, localDateText, ready, showSiteError, slotTimes, dateText } from './site-common.js';

/** "Morning Show (07:00–09:00, with Dewi)". */
const occurrenceText = (o) => `${o.programName} (${slotTimes(o)}${hostName(o) ? `, with ${hostName(o)}` : ''})`;

function articleItem(article) {
  const item = element('li');
  item.dataset.slug = article.slug;
  const title = element('p');
  title.append(link(article.title, `/article.html?slug=${encodeURIComponent(article.slug)}`));
  const about = [dateText(article.publishedAt), article.category?.name, article.author?.name].filter(Boolean).join(' · ');
  item.append(title, element('p', about, 'muted'), element('p', article.excerpt));
  return item;
}

function slotItem(occurrence) {
  const item = element('li', occurrenceText(occurrence));
  if (isOnAir(occurrence)) {
    item.classList.add('on-air');
    item.append(' ', element('span', 'on air', 'badge live'));
  }
  return item;
}

function announcementItem(announcement) {
  const item = element('li', announcement.text, 'banner announcement');
  // The server accepts http(s) links only; checked here too, so no other scheme ever becomes a link.
  if (announcement.link && /^https?:\/\//i.test(announcement.link)) {
    item.append(' ', link('More', announcement.link));
  }
  return item;
}

function testimonialItem(testimonial) {
  const item = element('li');
  item.dataset.testimonialId = testimonial.id;
  item.append(element('blockquote', testimonial.text), element('p', `— ${testimonial.name}${testimonial.location ? `, ${testimonial.location}` : ''}`, 'muted'));
  return item;
}

async function load() {
  const home = await api('GET', '/api/v1/homepage', null, null);
  $('announcements').replaceChildren(...home.announcements.map(announcementItem));
  $('on-air-now').textContent = home.onAirNow ? occurrenceText(home.onAirNow) : 'nothing scheduled right now';
  $('on-air-next').textContent = home.next ? `${occurrenceText(home.next)}, ${localDateText(home.next.localDate)}` : 'nothing scheduled';
  $('listeners').textContent = `(${home.liveChat.listenerCount} listening)`;
  $('articles').replaceChildren(...home.latestArticles.map(articleItem));
  if (home.latestArticles.length === 0) $('articles').append(element('li', 'No articles yet.', 'muted'));
  $('today-date').textContent = localDateText(home.today.date);
  $('today').replaceChildren(...home.today.slots.map(slotItem));
  if (home.today.slots.length === 0) $('today').append(element('li', 'No programmes today.', 'muted'));
  $('testimonials').replaceChildren(...home.testimonials.map(testimonialItem));
  if (home.testimonials.length === 0) $('testimonials').append(element('li', 'No testimonials yet: be the first.', 'muted'));
}

$('testimonial-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = { name: $('t-name').value, text: $('t-text').value, location: $('t-location').value || null };
  $('t-send').disabled = true;
  api('POST', '/api/v1/testimonials', body, null)
    .then(() => {
      clearError();
      $('t-sent').classList.remove('hidden');
      $('t-text').value = '';
    })
    .catch(showSiteError)
    .finally(() => { $('t-send').disabled = false; });
});
await load().catch(showSiteError);
ready();
