// rides.html: upcoming rides (GET /api/v1/rides) filtered by region and tags, as a list and as markers on the map at each
// route's first waypoint (the route summary's `start`).
/* global L */
import { createMap, showError } from './common.js';
import { $, element, fillCheckboxes, fillRegionSelect, getPage, loadRegions, loadTags, localStartText, ready, showRegion } from './catalog.js';

const PAGE = 50;
const params = new URLSearchParams(location.search);
const [regions, tags] = await Promise.all([loadRegions(), loadTags()]).catch((error) => { showError(error); return [[], []]; });
fillRegionSelect($('region'), regions, 'All regions');
const checkedTags = fillCheckboxes($('tags'), tags, 'tag');
$('region').value = params.get('regionId') ?? '';

const map = await createMap('map');
const markers = L.featureGroup().addTo(map);
let offset = 0;

function rideItem(ride) {
  const item = document.createElement('li');
  item.dataset.rideId = ride.id;
  const title = element('p');
  const link = element('a', ride.route.name);
  link.href = `/ride.html?id=${encodeURIComponent(ride.id)}`;
  title.append(link);
  if (ride.status !== 'scheduled') {
    title.append(' ', element('span', ride.live ? 'live now' : ride.status, `badge ${ride.live ? 'live' : ride.status}`));
  }
  const when = element('p', localStartText(ride), 'when');
  const where = [ride.route.neighborhood, ride.route.region?.name].filter(Boolean).join(', ');
  const about = element('p', [where, ride.route.tags.map((t) => t.name).join(' · ')].filter(Boolean).join(' — '), 'muted');
  const coming = element('p', `${ride.interestCount} coming`, 'muted interest');
  item.append(title, when, about, coming);
  return item;
}

function addMarker(ride) {
  const { start } = ride.route;
  const marker = L.marker([start.lat, start.lng], { title: ride.route.name, alt: ride.route.name, keyboard: true });
  marker.bindPopup(() => {
    const link = element('a', `${ride.route.name} — ${localStartText(ride)}`);
    link.href = `/ride.html?id=${encodeURIComponent(ride.id)}`;
    return link;
  });
  marker.addTo(markers);
}

async function load({ append = false } = {}) {
  offset = append ? offset + PAGE : 0;
  const query = new URLSearchParams({ daysAhead: '30', limit: String(PAGE), offset: String(offset) });
  if ($('region').value) query.set('regionId', $('region').value);
  if (checkedTags().length > 0) query.set('tagIds', checkedTags().join(','));
  try {
    const page = await getPage(`/api/v1/rides?${query}`);
    if (!append) {
      $('rides').replaceChildren();
      markers.clearLayers();
    }
    $('rides').append(...page.data.map(rideItem));
    page.data.forEach(addMarker);
    if (!$('region').value && markers.getLayers().length > 0) {
      map.fitBounds(markers.getBounds(), { maxZoom: 13, padding: [20, 20] });
    }
    const shown = $('rides').children.length;
    $('summary').textContent = page.pagination.total === 0
      ? 'No upcoming rides match. Submit a route, or ask for one on the demand page.'
      : `${shown} of ${page.pagination.total} upcoming rides in the next 30 days.`;
    $('more').classList.toggle('hidden', shown >= page.pagination.total);
  } catch (error) {
    showError(error);
  }
}

$('region').addEventListener('change', () => {
  showRegion(map, regions.find((r) => r.id === $('region').value));
  load();
});
$('tags').addEventListener('change', () => load());
$('more').addEventListener('click', () => load({ append: true }));
showRegion(map, regions.find((r) => r.id === $('region').value));
await load();
ready();
