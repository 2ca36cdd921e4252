// The submit page's recurrence choices as the route's fields: an RFC 5545 RRULE (FREQ=DAILY, or FREQ=WEEKLY with BYDAY)
// and the end date beside it. The end date travels as `recurrenceEndDate` rather than as UNTIL in the rule: UNTIL must
// have DTSTART's value type (RFC 5545 §3.3.10), which depends on how the server anchors the rule, while the plain date
// field means "no ride after this local date" whatever the anchor (decision 86).

/** RFC 5545 weekday codes in the order the page shows them (Monday first). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * `{ isRecurring, recurrenceRule, recurrenceEndDate }` for `frequency` ('none' | 'daily' | 'weekly'), the chosen
 * `days` (weekday codes, for weekly) and an optional `endDate` ('yyyy-MM-dd' or ''). Throws an Error naming the field
 * when weekly has no day.
 */
export function recurrenceFields({ frequency, days = [], endDate = '' }) {
  if (frequency === 'none') {
    return { isRecurring: false, recurrenceRule: null, recurrenceEndDate: null };
  }
  let rule;
  if (frequency === 'daily') {
    rule = 'FREQ=DAILY';
  } else if (frequency === 'weekly') {
    const chosen = WEEKDAYS.filter((day) => days.includes(day));
    if (chosen.length === 0) {
      throw new Error('recurrence: choose at least one day for a weekly ride');
    }
    rule = `FREQ=WEEKLY;BYDAY=${chosen.join(',')}`;
  } else {
    throw new Error(`recurrence: unknown frequency ${frequency}`);
  }
  return { isRecurring: true, recurrenceRule: rule, recurrenceEndDate: endDate || null };
}
