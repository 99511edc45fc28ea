/**
 * Assertions for the shared scenarios: plain node:assert, plus `until`, which polls a read until it
 * holds (pages update asynchronously; a scenario never sleeps and hopes).
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual, inspect } from 'node:util';

export { assert };

const DEFAULT_WAIT = 10_000;

/**
 * Reads until `ok(value)` holds, and returns that value; fails after `timeout` ms naming what was
 * awaited and the last value read. A read that throws counts as "not yet".
 */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeout = DEFAULT_WAIT): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (ok(value)) return value;
      last = value;
    } catch (e) {
      last = e instanceof Error ? `error: ${e.message}` : e;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last value: ${inspect(last, { depth: 4 })}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until the read deep-equals `expected`. */
export function untilEqual<T>(what: string, read: () => Promise<T>, expected: T, timeout = DEFAULT_WAIT): Promise<T> {
  return until(what, read, (v) => isDeepStrictEqual(v, expected), timeout);
}
