// The console's schedule tab: programmes (GET /api/v1/programs) with their weekly slots, created and edited here
// (POST /api/v1/programs, PUT /api/v1/programs/{id}, which replaces the slots) and deleted (DELETE). Slot times are
// "HH:mm" in the station's zone; an end at or before the start ends the next day.
import { $, DAY_NAMES, api, button, clearError, element, field, hostName, showSiteError } from './site-common.js';

let editing = null; // the id of the programme in the form, null for a new one
let rowSeq = 0;

const slotText = (slot) => `${DAY_NAMES[slot.dayOfWeek - 1]} ${slot.start}–${slot.end}`;

function slotRow(slot = { dayOfWeek: 1, start: '07:00', end: '09:00' }) {
  const n = ++rowSeq;
  const row = element('div', '', 'slot-row');
  const day = document.createElement('select');
  day.append(...DAY_NAMES.map((name, i) => new Option(name, String(i + 1))));
  day.value = String(slot.dayOfWeek);
  day.className = 'slot-day';
  const start = document.createElement('input');
  start.type = 'time';
  start.required = true;
  start.value = slot.start;
  start.className = 'slot-start';
  const end = document.createElement('input');
  end.type = 'time';
  end.required = true;
  end.value = slot.end;
  end.className = 'slot-end';
  const [dayField] = field('Day', day, `slot-day-${n}`);
  const [startField] = field('Start', start, `slot-start-${n}`);
  const [endField] = field('End', end, `slot-end-${n}`);
  row.append(dayField, startField, endField, button('Remove', () => row.remove(), 'secondary', `Remove slot ${n}`));
  return row;
}

function programItem(program) {
  const item = element('li');
  item.dataset.programId = program.id;
  item.append(element('p', program.name, 'name'),
    element('p', [program.type, hostName(program) && `with ${hostName(program)}`].filter(Boolean).join(' · '), 'muted'),
    element('p', program.slots.length ? program.slots.map(slotText).join('; ') : 'no slots', 'muted'));
  const actions = element('p');
  actions.append(button('Edit', () => fillForm(program), 'secondary', `Edit ${program.name}`), ' ',
    button('Delete', async () => {
      await api('DELETE', `/api/v1/programs/${encodeURIComponent(program.id)}`);
      if (editing === program.id) fillForm(null);
      await loadList();
    }, 'secondary', `Delete ${program.name}`));
  item.append(actions);
  return item;
}

async function loadList() {
  const programs = await api('GET', '/api/v1/programs');
  $('p-list').replaceChildren(...programs.map(programItem));
  if (programs.length === 0) $('p-list').append(element('li', 'No programmes yet.', 'muted'));
}

function fillForm(program) {
  editing = program?.id ?? null;
  $('p-form-title').textContent = program ? `Editing "${program.name}"` : 'New programme';
  $('p-name').value = program?.name ?? '';
  $('p-type').value = program?.type ?? '';
  $('p-description').value = program?.description ?? '';
  $('p-host-user').value = program?.host?.userId ?? '';
  $('p-host-name').value = program?.host?.userId ? '' : (program?.host?.name ?? '');
  $('p-slot-rows').replaceChildren(...(program ? program.slots.map(slotRow) : [slotRow()]));
  $('p-saved').textContent = '';
}

async function save() {
  const slots = [...$('p-slot-rows').querySelectorAll('.slot-row')].map((row) => ({
    dayOfWeek: Number(row.querySelector('.slot-day').value),
    start: row.querySelector('.slot-start').value.slice(0, 5),
    end: row.querySelector('.slot-end').value.slice(0, 5),
  }));
  const body = { name: $('p-name').value, type: $('p-type').value, slots };
  if ($('p-description').value) body.description = $('p-description').value;
  if ($('p-host-user').value.trim()) body.hostUserId = $('p-host-user').value.trim();
  else if ($('p-host-name').value.trim()) body.hostName = $('p-host-name').value.trim();
  const saved = editing
    ? await api('PUT', `/api/v1/programs/${encodeURIComponent(editing)}`, body)
    : await api('POST', '/api/v1/programs', body);
  clearError();
  fillForm(saved);
  $('p-saved').textContent = `Saved: ${saved.name} (${saved.slots.length} slots).`;
  await loadList();
}

export const scheduleTab = {
  setUp() {
    fillForm(null);
    $('p-new').addEventListener('click', () => { fillForm(null); $('p-name').focus(); });
    $('p-add-slot').addEventListener('click', () => $('p-slot-rows').append(slotRow()));
    $('p-form').addEventListener('submit', (event) => {
      event.preventDefault();
      save().catch(showSiteError);
    });
  },
  async load() {
    const [now] = await Promise.all([api('GET', '/api/v1/programs/now').catch(() => null), loadList()]);
    if (now?.timeZone) $('p-zone').textContent = now.timeZone;
  },
};
