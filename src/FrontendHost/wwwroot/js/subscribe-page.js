// subscribe.html: POST /api/v1/subscribe { email, frequency, regionIds, tagIds } → "check your mail": the subscription is
// pending until its confirmation link (to subscription.html) is followed.
import { setText, showError } from './common.js';
import { $, api, fillCheckboxes, loadRegions, loadTags, ready } from './catalog.js';

const [regions, tags] = await Promise.all([loadRegions(), loadTags()]).catch((error) => { showError(error); return [[], []]; });
const checkedRegions = fillCheckboxes($('regions'), regions, 'region');
const checkedTags = fillCheckboxes($('tags'), tags, 'tag');

$('subscribe-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('error').classList.add('hidden');
  try {
    await api('POST', '/api/v1/subscribe', {
      email: $('email').value,
      frequency: $('frequency').value,
      regionIds: checkedRegions(),
      tagIds: checkedTags(),
    }, null);
    setText('sent-to', $('email').value);
    $('subscribe-form').classList.add('hidden');
    $('check-mail').classList.remove('hidden');
    $('check-mail').focus();
  } catch (error) {
    showError(error);
  }
});
ready();
