/**
 * Undo for the writes a user may want back (a deleted person or encounter, Done and Snooze in the
 * popup): the write runs in one transaction that also reads, before and after it, every record it may
 * touch, and the records that changed are kept as they were. Undoing puts them back exactly (the same
 * ids, fields and timestamps) in one transaction, or refuses when any of them changed since (undoing
 * then would throw that later change away).
 */
import type { KithDb } from './index';
import type { Id, Person } from '../model/types';
import { inWriteTx, type PeopleTx } from './writes';
import { t } from '../i18n';
import { deleteRecord, putRecord, type SyncedStore } from './outbox';

/** The stores a person's own records live in (every one of them syncs). */
type UndoStore = Extract<SyncedStore, 'people' | 'encounters' | 'photos' | 'voiceNotes' | 'drillCards' | 'drillReviews'>;

/** One record by store and key. */
export interface RecordRef {
  store: UndoStore;
  key: string;
}

/** A record a write changed: as it was (absent: it did not exist) and as the write left it (absent: deleted). */
export interface RecordChange extends RecordRef {
  before?: unknown;
  after?: unknown;
}

/** Records compare by content; records read back from IndexedDB keep their keys' order. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function readRefs(tx: PeopleTx, refs: readonly RecordRef[]): Promise<unknown[]> {
  return Promise.all(refs.map((r) => tx.objectStore(r.store).get(r.key)));
}

function union(a: readonly RecordRef[], b: readonly RecordRef[]): RecordRef[] {
  const seen = new Set<string>();
  const out: RecordRef[] = [];
  for (const r of [...a, ...b]) {
    const k = `${r.store}\u0000${r.key}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}

/**
 * Runs `write` in one transaction and returns its result with what it changed among the records
 * `touched` names. `touched` is asked before and after the write (a record it creates is found only
 * after, one it deletes or unlinks from an index only before).
 */
export async function undoable<T>(
  db: KithDb,
  touched: (tx: PeopleTx) => Promise<RecordRef[]>,
  write: (tx: PeopleTx) => Promise<T>,
): Promise<{ result: T; changes: RecordChange[] }> {
  return inWriteTx(db, async (tx) => {
    const first = await touched(tx);
    const before = await readRefs(tx, first);
    const result = await write(tx);
    const refs = union(first, await touched(tx));
    const after = await readRefs(tx, refs);
    const changes: RecordChange[] = [];
    refs.forEach((ref, i) => {
      const was = i < first.length ? before[i] : undefined;
      const now = after[i];
      if (same(was, now)) return;
      changes.push({ ...ref, ...(was === undefined ? {} : { before: was }), ...(now === undefined ? {} : { after: now }) });
    });
    return { result, changes };
  });
}

/** The people whose records these changes touch (their own, or their encounters). */
export function peopleOf(changes: readonly RecordChange[]): Id[] {
  const ids = new Set<Id>();
  for (const c of changes) {
    const record = (c.after ?? c.before) as { personId?: Id; id?: Id } | undefined;
    const id = c.store === 'people' ? c.key : record?.personId;
    if (id) ids.add(id);
  }
  return [...ids];
}

/**
 * Puts every changed record back as it was, in one transaction; a RangeError (and nothing written)
 * when any of them is no longer as the write left it. Returns the people it touched. `at`: the undo's
 * time, for the tombstone of a record the undo deletes again and the restore of one it brings back.
 */
export async function undoChanges(db: KithDb, changes: readonly RecordChange[], at: number = Date.now()): Promise<Id[]> {
  return inWriteTx(db, async (tx) => {
    const now = await readRefs(tx, changes);
    if (changes.some((c, i) => !same(now[i], c.after))) throw new RangeError(t('errorUndoChanged'));
    // A person put back must not take a profile key someone saved meanwhile (the key would name two people).
    for (const c of changes) {
      if (c.store !== 'people' || c.after !== undefined || c.before === undefined) continue;
      for (const key of (c.before as Person).keys) {
        if (await tx.objectStore('people').index('byKey').getKey(key)) throw new RangeError(t('errorUndoChanged'));
      }
    }
    // Synced records go back through the outbox, so the undo reaches the other devices too. A record
    // the write deleted comes back as a restore at `at`: its tombstone may have reached other devices
    // already, and a plain write would lose to it there (a delete wins over every edit).
    for (const c of changes) {
      if (c.before === undefined) await deleteRecord(tx, c.store, c.key, at);
      else await putRecord(tx, c.store, c.before as never, c.after === undefined ? { restoredAt: at } : {});
    }
    return peopleOf(changes);
  });
}

/** Everything of a person's own that a delete of them touches, and a write to them may. */
export async function personRecords(tx: PeopleTx, personId: Id): Promise<RecordRef[]> {
  const [encounters, introduced, reviews] = await Promise.all([
    tx.objectStore('encounters').index('byPerson').getAllKeys(personId),
    tx.objectStore('encounters').index('byIntroducer').getAllKeys(personId),
    tx.objectStore('drillReviews').index('byPerson').getAllKeys(personId),
  ]);
  return [
    { store: 'people', key: personId },
    { store: 'photos', key: personId },
    { store: 'voiceNotes', key: personId },
    { store: 'drillCards', key: personId },
    ...[...encounters, ...introduced].map((key): RecordRef => ({ store: 'encounters', key })),
    ...reviews.map((key): RecordRef => ({ store: 'drillReviews', key })),
  ];
}

/** An encounter and its person: what deleting or editing it touches. */
export async function encounterRecords(tx: PeopleTx, encounterId: Id): Promise<RecordRef[]> {
  const e = await tx.objectStore('encounters').get(encounterId);
  return [{ store: 'encounters', key: encounterId }, ...(e ? [{ store: 'people' as const, key: e.personId }] : [])];
}
