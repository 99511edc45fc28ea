/** The background under storage pressure: a failed write is reported, tried once more when that is safe, never applied twice. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler, failureText, type HandlerDeps } from '../../entrypoints/background/router';
import { createChanges } from '../../entrypoints/background/changes';
import { SIDEBAR, handlerDeps, pageSender } from './handler-harness';
import { closeKithDb } from '../../utils/db';

const PAGE = pageSender('network.html');

let dbName: string;
let changed: string[][];
let deps: HandlerDeps;

beforeEach(() => {
  dbName = `kith-storage-${Math.random()}`;
  changed = [];
  deps = handlerDeps(dbName, new Date(2026, 10, 27, 12), (ids) => changed.push(ids));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeKithDb(dbName);
});

const record = {
  profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' },
  encounter: { date: '2026-11-20', kind: 'in-person' },
};

/**
 * Makes the next `times` writes (put or add on any store) throw `name`, as a browser whose storage is
 * full refuses them. The first write of a transaction fails, so the transaction stores nothing.
 */
function failWrites(name: string, times: number): { attempts: () => number } {
  let attempts = 0;
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      attempts++;
      if (attempts <= times) throw new DOMException(`Simulated ${name}`, name);
      return original.apply(this, args);
    });
  }
  return { attempts: () => attempts };
}

const stats = (handle: ReturnType<typeof createHandler>) => handle({ kith: 'stats.get', payload: {} }, PAGE);

describe('a write that fails for lack of room', () => {
  it('is tried once more and lands once when the room comes back', async () => {
    const handle = createHandler(deps);
    const writes = failWrites('QuotaExceededError', 1);
    const reply = await handle({ kith: 'encounter.record', payload: record }, SIDEBAR);
    expect(reply).toMatchObject({ ok: true, value: { person: { name: 'Anna Nowak' }, encounters: [{ date: '2026-11-20' }] } });
    // The refused write, then the second try's writes.
    expect(writes.attempts()).toBeGreaterThan(1);
    expect(await stats(handle)).toEqual({ ok: true, value: { people: 1, encounters: 1, events: 0 } });
    expect(changed).toHaveLength(1);
  });

  it('is reported with a clear message when it keeps failing, and nothing is stored', async () => {
    const handle = createHandler(deps);
    const writes = failWrites('QuotaExceededError', Infinity);
    const reply = await handle({ kith: 'encounter.record', payload: record }, SIDEBAR);
    expect(reply).toEqual({ ok: false, error: "The browser has no room left for Kith's data (is the disk full?), so nothing was changed." });
    // One try and exactly one more.
    expect(writes.attempts()).toBe(2);
    vi.restoreAllMocks();
    expect(await stats(handle)).toEqual({ ok: true, value: { people: 0, encounters: 0, events: 0 } });
    expect(changed).toEqual([]);
  });

  it('reports an update of notes that cannot be stored, and keeps the stored notes', async () => {
    const handle = createHandler(deps);
    const saved = await handle({ kith: 'encounter.record', payload: record }, SIDEBAR);
    const id = (saved as { value: { person: { id: string } } }).value.person.id;
    await handle({ kith: 'person.update', payload: { id, patch: { notes: 'first' } } }, SIDEBAR);
    failWrites('UnknownError', Infinity);
    const reply = await handle({ kith: 'person.update', payload: { id, patch: { notes: 'second' } } }, SIDEBAR);
    expect(reply).toEqual({ ok: false, error: "The browser could not write Kith's data (Simulated UnknownError), so nothing was changed." });
    vi.restoreAllMocks();
    expect(await handle({ kith: 'person.get', payload: { id } }, PAGE)).toMatchObject({ ok: true, value: { person: { notes: 'first' } } });
  });
});

describe('a failure after the write landed', () => {
  it('is reported but never tried again, so the encounter is not recorded twice', async () => {
    // Reading the answer fails once the change has been announced (the write is in).
    let landed = false;
    const getAll = IDBIndex.prototype.getAll;
    vi.spyOn(IDBIndex.prototype, 'getAll').mockImplementation(function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
      if (landed) throw new DOMException('Simulated read failure', 'UnknownError');
      return getAll.apply(this, args);
    });
    const handle = createHandler({
      ...deps,
      changes: createChanges({
        announce: ({ kithChanged }) => {
          landed = true;
          changed.push(kithChanged);
        },
      }),
    });
    const reply = await handle({ kith: 'encounter.record', payload: record }, SIDEBAR);
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/could not write Kith's data/) });
    vi.restoreAllMocks();
    expect(await stats(handle)).toEqual({ ok: true, value: { people: 1, encounters: 1, events: 0 } });
    expect(changed).toHaveLength(1);
  });
});

describe('what the user reads', () => {
  it('names the storage failure and says nothing was changed', () => {
    expect(failureText(new DOMException('x', 'QuotaExceededError'))).toMatch(/no room left for Kith's data.*nothing was changed/);
    expect(failureText(new DOMException('Internal error.', 'UnknownError'))).toBe("The browser could not write Kith's data (Internal error.), so nothing was changed.");
    expect(failureText(new DOMException('', 'AbortError'))).toBe("The browser could not write Kith's data (AbortError), so nothing was changed.");
    expect(failureText(new Error('boom'))).toBe('Kith could not do that: boom. Nothing was changed; try again.');
  });
});
