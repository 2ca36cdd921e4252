// The submit page's recurrence choices as route fields (src/FrontendHost/wwwroot/js/recurrence.js): an RRULE the
// server's parser accepts, weekdays in RFC 5545 order whatever order they were ticked in, the end date beside the rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recurrenceFields } from '../../src/FrontendHost/wwwroot/js/recurrence.js';

test('a one-off ride has no rule', () => {
  assert.deepEqual(recurrenceFields({ frequency: 'none', days: ['MO'], endDate: '2027-01-31' }),
    { isRecurring: false, recurrenceRule: null, recurrenceEndDate: null });
});

test('daily rides give FREQ=DAILY and keep the optional end date as its own field', () => {
  assert.deepEqual(recurrenceFields({ frequency: 'daily', endDate: '2027-01-31' }),
    { isRecurring: true, recurrenceRule: 'FREQ=DAILY', recurrenceEndDate: '2027-01-31' });
  assert.equal(recurrenceFields({ frequency: 'daily', endDate: '' }).recurrenceEndDate, null);
});

test('weekly rides list the chosen days in RFC 5545 order, Monday first', () => {
  assert.equal(recurrenceFields({ frequency: 'weekly', days: ['FR', 'MO', 'WE'] }).recurrenceRule, 'FREQ=WEEKLY;BYDAY=MO,WE,FR');
  assert.equal(recurrenceFields({ frequency: 'weekly', days: ['SU', 'SA'] }).recurrenceRule, 'FREQ=WEEKLY;BYDAY=SA,SU');
});

test('weekly without a day, or an unknown frequency, is refused naming the field', () => {
  assert.throws(() => recurrenceFields({ frequency: 'weekly', days: [] }), /^Error: recurrence: /);
  assert.throws(() => recurrenceFields({ frequency: 'weekly', days: ['XX'] }), /^Error: recurrence: /);
  assert.throws(() => recurrenceFields({ frequency: 'hourly' }), /^Error: recurrence: unknown frequency/);
});
