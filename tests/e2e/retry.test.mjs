// The shared retry helper of the web pages and the replay tool: retryable codes are retried with growing delays, others
// fail at once, and the attempts are bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorCodeOf, retrying } from '../../src/FrontendHost/wwwroot/js/retry.js';

const failingWith = (codes) => {
  let calls = 0;
  return { call: async () => { const code = codes[calls++]; if (code) throw new Error(`${code}: try again`); return calls; }, calls: () => calls };
};

test('a call failing with SERVICE_UNAVAILABLE is retried with doubling delays until it succeeds', async () => {
  const delays = [];
  const target = failingWith(['SERVICE_UNAVAILABLE', 'SILO_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

  const result = await retrying(target.call, { sleep: async (ms) => delays.push(ms) });

  assert.equal(result, 4);
  assert.equal(delays.length, 3);
  delays.forEach((ms, i) => assert.ok(ms >= 250 * 2 ** i && ms <= 250 * 2 ** i * 1.25, `delay ${i}: ${ms} ms`));
});

test('a non-retryable error fails at once and retries stop after the last attempt', async () => {
  const invalid = failingWith(['INVALID_REQUEST']);
  await assert.rejects(retrying(invalid.call, { sleep: async () => {} }), /INVALID_REQUEST/);
  assert.equal(invalid.calls(), 1);

  const down = failingWith(Array(10).fill('SERVICE_UNAVAILABLE'));
  await assert.rejects(retrying(down.call, { attempts: 4, sleep: async () => {} }), /SERVICE_UNAVAILABLE/);
  assert.equal(down.calls(), 4);
});

test('codes are read from the start of hub and REST error messages only', () => {
  assert.equal(errorCodeOf(new Error('SERVICE_UNAVAILABLE: The database is unavailable')), 'SERVICE_UNAVAILABLE');
  assert.equal(errorCodeOf(new Error('text mentioning SERVICE_UNAVAILABLE: later')), null);
  assert.equal(errorCodeOf(null), null);
});
