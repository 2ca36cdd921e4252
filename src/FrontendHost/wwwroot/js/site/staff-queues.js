// The console's queues: pending testimonials (GET /api/v1/testimonials/pending, oldest first; POST
// /api/v1/testimonials/{id}/approve or /reject) and membership registrations (GET /api/v1/membership/registrations,
// newest first) with the tiers (GET /api/v1/membership/info).
import { $, api, button, dateTimeText, element, getPage, pager, setCount, showSiteError } from './site-common.js';

async function loadTestimonials(page = 1) {
  const answer = await getPage(`/api/v1/testimonials/pending?page=${page}&limit=20`);
  $('t-queue').replaceChildren(...answer.data.map((t) => {
    const item = element('li');
    item.dataset.testimonialId = t.id;
    const decide = (decision) => async () => {
      const decided = await api('POST', `/api/v1/testimonials/${encodeURIComponent(t.id)}/${decision}`);
      item.remove();
      $('t-decided').prepend(element('li', `${decided.status ?? decision}: ${t.name} — ${t.text.slice(0, 80)}`));
      setCount('t-count', $('t-queue').children.length);
    };
    const actions = element('p');
    actions.append(button('Approve', decide('approve'), '', `Approve testimonial by ${t.name}`), ' ',
      button('Reject', decide('reject'), 'secondary', `Reject testimonial by ${t.name}`));
    item.append(element('blockquote', t.text), element('p', `— ${t.name}${t.location ? `, ${t.location}` : ''} · ${dateTimeText(t.createdAt)}`, 'muted'), actions);
    return item;
  }));
  setCount('t-count', answer.pagination.total);
  pager($('t-pager'), answer.pagination, (next) => loadTestimonials(next).catch(showSiteError));
}

export const testimonialsTab = {
  setUp() {
    $('t-reload').addEventListener('click', () => loadTestimonials().catch(showSiteError));
  },
  load: () => loadTestimonials(),
};

async function loadRegistrations(page = 1) {
  const answer = await getPage(`/api/v1/membership/registrations?page=${page}&limit=20`);
  $('m-list').replaceChildren(...answer.data.map((r) => {
    const item = element('li');
    item.dataset.registrationId = r.id;
    item.append(element('p', `${r.name} · ${r.partnershipType}`, 'name'),
      element('p', [r.email, r.phone, dateTimeText(r.createdAt)].filter(Boolean).join(' · '), 'muted'));
    if (r.message) item.append(element('blockquote', r.message));
    return item;
  }));
  if (answer.data.length === 0) $('m-list').append(element('li', 'No registrations yet.', 'muted'));
  pager($('m-pager'), answer.pagination, (next) => loadRegistrations(next).catch(showSiteError));
}

async function loadTiers() {
  const { tiers } = await api('GET', '/api/v1/membership/info');
  $('m-tiers').replaceChildren(...tiers.map((tier) => {
    const item = element('li');
    item.append(element('p', `${tier.name} (${tier.slug})`, 'name'));
    if (tier.description) item.append(element('p', tier.description, 'muted'));
    const benefits = element('ul');
    benefits.append(...tier.benefits.map((b) => element('li', b)));
    item.append(benefits);
    return item;
  }));
  if (tiers.length === 0) $('m-tiers').append(element('li', 'No tiers.', 'muted'));
}

export const membershipTab = {
  load: () => Promise.all([loadRegistrations(), loadTiers()]),
};
