// Retries with exponential backoff for calls that failed because a dependency was briefly unavailable. Shared by the web
// pages and the replay tool (tools/replay.mjs imports this file), so both treat the server's retryable codes alike.

/** Codes the server uses for "try again shortly": PostgreSQL down, a silo gone or not owning the grain any more. */
export const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'SILO_UNAVAILABLE', 'NOT_OWNER']);

/** The code an error message starts with ("CODE: text", as hub errors and the pages' REST errors are), or null. */
export const errorCodeOf = (error) => /^([A-Z][A-Z_]+):/.exec(String(error?.message ?? error ?? ''))?.[1] ?? null;

/**
 * Runs `call` until it succeeds, fails with a code that is not retryable, or `attempts` are spent; waits
 * `baseMs · 2^n` (at most `maxMs`, with up to 25 % random jitter so that many clients do not retry in step) between tries.
 * `onRetry(error, attempt, delayMs)` is told of each retry.
 */
export async function retrying(call, { attempts = 6, baseMs = 250, maxMs = 4000, retryable = RETRYABLE_CODES, onRetry, sleep } = {}) {
  const wait = sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !retryable.has(errorCodeOf(error))) throw error;
      const delay = Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (1 + Math.random() * 0.25);
      onRetry?.(error, attempt, delay);
      await wait(delay);
    }
  }
}
