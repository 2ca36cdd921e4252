// review.html: the staff queue of pending routes (GET /api/v1/routes?status=pending, admins and editors, signed in as
// the chat consoles are) with approve / reject and a reason (POST /api/v1/routes/{id}/review). "Show" draws the route's
// waypoints on the map from its details.
import { createMap, setText, showError } from './common.js';
import { setUpSignIn } from './chat.js';
import { $, api, drawRoute, element, getPage, ready } from './catalog.js';

let map = null;
let shown = null;

async function showRoute(id) {
  const route = await api('GET', `/api/v1/routes/${encodeURIComponent(id)}`);
  map ??= await createMap('map');
  shown?.remove();
  shown = drawRoute(map, route.waypoints);
  map.fitBounds(route.waypoints.map((w) => [w.lat, w.lng]), { maxZoom: 16, padding: [20, 20] });
}

function queueItem(route) {
  const item = document.createElement('li');
  item.dataset.routeId = route.id;
  const what = [route.region?.name, route.neighborhood, `departs ${route.departureTime}`,
    route.isRecurring ? 'recurring' : 'once', route.tags.map((t) => t.name).join(' · ')].filter(Boolean).join(' — ');
  const reasonId = `reason-${route.id}`;
  const reasonLabel = element('label', 'Reason (needed to reject; shown to the submitter)');
  reasonLabel.htmlFor = reasonId;
  const reason = document.createElement('input');
  reason.id = reasonId;
  reason.maxLength = 500;
  const buttons = element('p');
  const button = (text, className, handler) => {
    const b = element('button', text, className);
    b.type = 'button';
    b.setAttribute('aria-label', `${text} ${route.name}`);
    b.addEventListener('click', () => handler().catch(showError));
    return b;
  };
  const decide = (decision) => async () => {
    const decided = await api('POST', `/api/v1/routes/${encodeURIComponent(route.id)}/review`, { decision, reason: reason.value || null });
    item.remove();
    $('decided').prepend(element('li', `${decided.status}: ${decided.name}${decided.reviewReason ? ` (${decided.reviewReason})` : ''}`));
    setText('pending-count', `(${$('queue').children.length})`);
  };
  buttons.append(button('Approve', '', decide('approve')), ' ', button('Reject', 'secondary', decide('reject')), ' ',
    button('Show', 'secondary', () => showRoute(route.id)));
  item.append(element('p', route.name, 'name'), element('p', what, 'muted'), reasonLabel, reason, buttons);
  return item;
}

async function loadQueue() {
  const page = await getPage('/api/v1/routes?status=pending&limit=100');
  $('queue').replaceChildren(...page.data.map(queueItem));
  setText('pending-count', page.pagination.total > page.data.length ? `(${page.data.length} of ${page.pagination.total})` : `(${page.data.length})`);
}

$('reload').addEventListener('click', () => loadQueue().catch(showError));
await setUpSignIn(async (user) => {
  const staff = user && ['admin', 'editor'].includes(user.role);
  $('queue-section').classList.toggle('hidden', !staff);
  if (user && !staff) showError('FORBIDDEN: the review queue is for admins and editors.');
  if (staff) await loadQueue();
}).catch(showError);
ready();
