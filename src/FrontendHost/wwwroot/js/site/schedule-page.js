// schedule.html?weekOffset=: the week's programme slots (GET /api/v1/programs/schedule?weekOffset=, −52…52) day by day,
// with local times in the station's zone as the server computed them; the slot on air now is marked.
import { param } from '../common.js';
import { $, DAY_NAMES, clearError, element, hostName, isOnAir, localDateText, ready, showSiteError, slotTimes, api } from './site-common.js';

let weekOffset = Math.max(-52, Math.min(52, Number.parseInt(param('weekOffset') ?? '0', 10) || 0));

function slotItem(o) {
  const item = element('li');
  item.dataset.programId = o.programId;
  const what = element('p');
  what.append(element('b', slotTimes(o)), ` ${o.programName}`);
  if (isOnAir(o)) {
    item.classList.add('on-air');
    what.append(' ', element('span', 'on air', 'badge live'));
  }
  item.append(what, element('p', [o.type, hostName(o) && `with ${hostName(o)}`].filter(Boolean).join(' · '), 'muted'));
  return item;
}

async function load() {
  const schedule = await api('GET', `/api/v1/programs/schedule?weekOffset=${weekOffset}`, null, null);
  clearError();
  $('zone').textContent = schedule.timeZone;
  $('week-start').textContent = localDateText(schedule.weekStart);
  // Seven local dates from the Monday the server gives (calendar arithmetic in UTC: no zone shifts a date).
  const monday = new Date(`${schedule.weekStart}T00:00:00Z`);
  const days = DAY_NAMES.map((name, i) => new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10));
  $('week').replaceChildren(...days.map((date) => {
    const day = element('div', '', 'day');
    const slots = schedule.slots.filter((o) => o.localDate === date);
    const list = element('ol', '', 'items');
    list.setAttribute('aria-label', `Programmes on ${localDateText(date)}`);
    list.append(...(slots.length ? slots.map(slotItem) : [element('li', 'Nothing scheduled.', 'muted')]));
    day.append(element('h3', localDateText(date)), list);
    return day;
  }));
  const onAir = schedule.slots.find((o) => isOnAir(o));
  $('on-air').textContent = onAir ? `On air now: ${onAir.programName} (${slotTimes(onAir)})` : (weekOffset === 0 ? 'Nothing on air right now.' : '');
  $('previous').disabled = weekOffset <= -52;
  $('next').disabled = weekOffset >= 52;
  history.replaceState(null, '', weekOffset === 0 ? 'schedule.html' : `schedule.html?weekOffset=${weekOffset}`);
}

const go = (delta) => () => {
  weekOffset = delta === 0 ? 0 : Math.max(-52, Math.min(52, weekOffset + delta));
  load().catch(showSiteError);
};
$('previous').addEventListener('click', go(-1));
$('next').addEventListener('click', go(1));
$('this-week').addEventListener('click', go(0));
await load().catch(showSiteError);
ready();
