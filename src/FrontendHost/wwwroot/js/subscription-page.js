// subscription.html?token=: the page the confirmation and digest mails link to. Confirm (POST …/confirm: a button, not
// on load, so that mail scanners following links confirm nothing), change frequency, regions and tags (PUT), or
// unsubscribe (DELETE). An unknown token shows the server's SUBSCRIPTION_NOT_FOUND.
import { param, setText, showError } from './common.js';
import { $, api, checkBoxes, fillCheckboxes, loadRegions, loadTags } from './catalog.js';

const path = `/api/v1/subscribe/${encodeURIComponent(param('token') ?? '')}`;
const [regions, tags] = await Promise.all([loadRegions(), loadTags()]).catch((error) => { showError(error); return [[], []]; });
const checkedRegions = fillCheckboxes($('regions'), regions, 'region');
const checkedTags = fillCheckboxes($('tags'), tags, 'tag');

function done(text) {
  setText('done', text);
  $('done').classList.remove('hidden');
  $('done').focus();
}

function show(subscription) {
  setText('email', subscription.email ?? '');
  setText('status', subscription.status);
  $('frequency').value = subscription.frequency;
  checkBoxes($('regions'), subscription.regionIds ?? []);
  checkBoxes($('tags'), subscription.tagIds ?? []);
  $('pending').classList.toggle('hidden', subscription.status !== 'pending');
  $('manage').classList.remove('hidden');
  $('leave').classList.remove('hidden');
}

const run = (action) => async (event) => {
  event?.preventDefault();
  $('error').classList.add('hidden');
  try {
    await action();
  } catch (error) {
    showError(error);
  }
};

$('confirm').addEventListener('click', run(async () => {
  await api('POST', `${path}/confirm`, null, null);
  show(await api('GET', path, null, null));
  done('Confirmed: your digest starts with the next period.');
}));
$('change-form').addEventListener('submit', run(async () => {
  show(await api('PUT', path, { frequency: $('frequency').value, regionIds: checkedRegions(), tagIds: checkedTags() }, null));
  done('Saved.');
}));
$('unsubscribe').addEventListener('click', run(async () => {
  await api('DELETE', path, null, null);
  for (const id of ['pending', 'manage', 'leave']) $(id).classList.add('hidden');
  done('Unsubscribed: you will get no more mail from us.');
}));

await run(async () => show(await api('GET', path, null, null)))();
