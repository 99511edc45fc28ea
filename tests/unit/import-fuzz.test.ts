import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importInto } from '../../entrypoints/background/imports';
import { closeKithDb, openKithDb, type KithDb } from '../../utils/db';
import { readAll } from '../../utils/db/reads';
import { clearAll, putAll } from '../../utils/db/bulk';
import { recordEncounter } from '../../utils/db/writes';
import { exportBackup } from '../../utils/formats/json-backup';
import { ImportError } from '../../utils/formats/errors';
import type { KithData } from '../../utils/model/types';

/**
 * Thousands of broken files thrown at the importers: each gets a clear error (an ImportError, naming a
 * line where it gives one) or imports correctly, and after every failure the store is exactly as it was.
 */
const NAME = 'kith-fuzz';
let db: KithDb;
let before: KithData;
let validBackup: string;
const validCsv = readFileSync(resolve('tests/fixtures/files/Connections.csv'), 'utf8');

beforeAll(async () => {
  db = await openKithDb(NAME);
  const profile = (slug: string, name: string) => ({ site: 'linkedin' as const, keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name });
  await recordEncounter(db, { profile: profile('anna-nowak', 'Anna Nowak'), encounter: { date: '2026-06-19', kind: 'event', event: { name: 'Grow Up Start Up' }, place: 'Warsaw' } }, 1, '2026-11-27');
  await recordEncounter(db, { profile: profile('jan-kowalski', 'Jan Kowalski'), encounter: { date: '2025', kind: 'call', note: 'quotes " and, commas' } }, 2, '2026-11-27');
  before = await readAll(db);
  validBackup = exportBackup(before, '2026-11-27T10:00:00.000Z');
});
afterAll(() => closeKithDb(NAME));

/** Ways a file gets broken: cut short, bytes inserted, lines removed or swapped, junk. */
function mutations(valid: string) {
  const at = fc.integer({ min: 0, max: valid.length });
  const junk = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('"', ',', '\n', '\r\n', '{', '}', '[', ']', '\u0000', '\ufeff', ':', 'null', '-1', '"version": 99'));
  return fc.oneof(
    at.map((i) => valid.slice(0, i)),
    fc.tuple(at, junk).map(([i, j]) => valid.slice(0, i) + j + valid.slice(i)),
    fc.tuple(at, fc.integer({ min: 1, max: 200 })).map(([i, n]) => valid.slice(0, i) + valid.slice(i + n)),
    fc.tuple(at, junk).map(([i, j]) => valid.slice(0, i) + j + valid.slice(i + j.length)),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
      const lines = valid.split('\n');
      const i = a % lines.length;
      const k = b % lines.length;
      [lines[i], lines[k]] = [lines[k], lines[i]];
      return lines.join('\n');
    }),
    fc.nat().map((a) => valid.split('\n').filter((_, i, l) => i !== a % l.length).join('\n')),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.json().map(String),
  );
}

async function check(kind: 'backup' | 'connections', text: string) {
  try {
    await importInto(db, kind, text, { now: 3 });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    const err = e as ImportError;
    expect(err.message.length).toBeGreaterThan(10);
    expect(err.message.length).toBeLessThan(400);
    if (err.line !== undefined) expect(Number.isInteger(err.line) && err.line > 0).toBe(true);
    expect(await readAll(db)).toEqual(before);
    return;
  }
  // It imported: put the store back for the next case.
  await clearAll(db);
  await putAll(db, before);
}

describe('import fuzzing', () => {
  it('broken Connections.csv files', async () => {
    await fc.assert(fc.asyncProperty(mutations(validCsv), (text) => check('connections', text)), { numRuns: 1500 });
  }, 120_000);

  it('broken JSON backups', async () => {
    await fc.assert(fc.asyncProperty(mutations(validBackup), (text) => check('backup', text)), { numRuns: 1500 });
  }, 120_000);
});
