// subscription.html: the page the subscription mails link to. `?confirm=` (the confirmation mail) confirms with a button
// (POST /api/v1/subscribe/{confirmToken}/confirm), not on load, since mail scanners follow links; `?token=` (the manage
// link of every mail) shows the subscription (GET), changes frequency, regions and tags (PUT) or unsubscribes (DELETE).
// An unknown token shows the server's SUBSCRIPTION_NOT_FOUND.
import { param, setText, showError } from './common.js';
import { $, api, checkBoxes, fillCheckboxes, loadRegions, loadTags, ready } from './catalog.js';

const NOTES = {
  pending: 'Not confirmed yet: follow the link in the confirmation mail; nothing is sent until then.',
  active: 'Active: digests arrive at the chosen frequency.',
  unsubscribed: 'Unsubscribed: nothing is sent.',
};
const confirmToken = param('confirm');
const path = `/api/v1/subscribe/${encodeURIComponent(param('token') ?? '')}`;

function done(text) {
  setText('done', text);
  $('done').classList.remove('hidden');
  $('done').focus();
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

if (confirmToken) {
  $('pending').classList.remove('hidden');
  $('confirm').addEventListener('click', run(async () => {
    await api('POST', `/api/v1/subscribe/${encodeURIComponent(confirmToken)}/confirm`, null, null);
    $('pending').classList.add('hidden');
    done('Confirmed: your digest starts with the next period. Every digest has a link to change or end it.');
  }));
} else {
  const [regions, tags] = await Promise.all([loadRegions(), loadTags()]).catch((error) => { showError(error); return [[], []]; });
  const checkedRegions = fillCheckboxes($('regions'), regions, 'region');
  const checkedTags = fillCheckboxes($('tags'), tags, 'tag');

  const show = (subscription) => {
    setText('email', subscription.email ?? '');
    setText('status', subscription.status);
    setText('status-note', NOTES[subscription.status] ?? '');
    $('frequency').value = subscription.frequency;
    checkBoxes($('regions'), subscription.regionIds ?? []);
    checkBoxes($('tags'), subscription.tagIds ?? []);
    $('manage').classList.remove('hidden');
    $('leave').classList.toggle('hidden', subscription.status === 'unsubscribed');
  };

  $('change-form').addEventListener('submit', run(async () => {
    show(await api('PUT', path, { frequency: $('frequency').value, regionIds: checkedRegions(), tagIds: checkedTags() }, null));
    done('Saved.');
  }));
  $('unsubscribe').addEventListener('click', run(async () => {
    await api('DELETE', path, null, null);
    for (const id of ['manage', 'leave']) $(id).classList.add('hidden');
    done('Unsubscribed: you will get no more mail from us.');
  }));
  await run(async () => show(await api('GET', path, null, null)))();
}
ready();
