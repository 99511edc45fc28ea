import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { KithSchema } from './schema';
import type { Encounter } from '../model/types';
import { derivePersonFields } from '../derive';

type UpgradeTx = IDBPTransaction<KithSchema, StoreNames<KithSchema>[], 'versionchange'>;

/**
 * The upgrade ladder. Each step runs once, in order, inside the upgrade transaction, and touches data
 * only through that transaction. Nothing is dropped: a step that changes a shape rewrites every record.
 */
export async function upgrade(
  db: IDBPDatabase<KithSchema>,
  oldVersion: number,
  newVersion: number | null,
  tx: UpgradeTx,
): Promise<void> {
  // Steps stop at the version being opened, so a test can open version N, seed its shape, then upgrade.
  const to = newVersion ?? Number.MAX_SAFE_INTEGER;
  if (oldVersion < 1 && to >= 1) {
    // v1: the four stores and the indexes every feature needs.
    const people = db.createObjectStore('people', { keyPath: 'id' });
    people.createIndex('byKey', 'keys', { unique: true, multiEntry: true });
    people.createIndex('byDue', 'followUp.due');
    people.createIndex('byTag', 'tags', { multiEntry: true });
    createLegacyIndex(people, 'byLastTouch', 'lastTouch');
    const encounters = db.createObjectStore('encounters', { keyPath: 'id' });
    encounters.createIndex('byPerson', 'personId');
    encounters.createIndex('byEvent', 'eventId');
    encounters.createIndex('byIntroducer', 'introducedById');
    createLegacyIndex(encounters, 'byDate', 'date');
    const events = db.createObjectStore('events', { keyPath: 'id' });
    createLegacyIndex(events, 'byStart', 'start');
    events.createIndex('byName', 'name');
    db.createObjectStore('photos', { keyPath: 'personId' });
  }
  if (oldVersion < 2 && to >= 2) {
    // v2: search as you type and sort by name at 100k people need indexes, not a scan. People saved
    // under v1 get their search words (name, company, headline, location, tags, and the places and
    // events of their encounters) and sort name computed here.
    const people = tx.objectStore('people');
    createLegacyIndex(people, 'bySortName', 'sortName');
    createLegacyIndex(people, 'byTerm', 'terms', { multiEntry: true });
    if (oldVersion >= 1) {
      const events = await tx.objectStore('events').getAll();
      const byPerson = new Map<string, Encounter[]>();
      for (const enc of await tx.objectStore('encounters').getAll()) {
        const list = byPerson.get(enc.personId);
        if (list) list.push(enc);
        else byPerson.set(enc.personId, [enc]);
      }
      let cursor = await people.openCursor();
      while (cursor) {
        const p = cursor.value;
        await cursor.update({ ...p, ...derivePersonFields(p, byPerson.get(p.id), events) });
        cursor = await cursor.continue();
      }
    }
  }
  if (oldVersion < 3 && to >= 3) {
    // v3: a store for facts about the store itself (the receipt of the last import).
    db.createObjectStore('meta', { keyPath: 'key' });
  }
  if (oldVersion < 4 && to >= 4) {
    // v4: indexes nothing reads any more go, since every index costs every write (bySortName alone was
    // a large share of a 30,000-row import). The network list sorts by name and last touch in memory
    // (people-search.ts); encounters by date and events by start were never queried. Only indexes go:
    // every record stays as it is.
    for (const [store, index] of LEGACY_INDEXES) {
      const s = tx.objectStore(store) as unknown as IDBObjectStore;
      if (s.indexNames.contains(index)) s.deleteIndex(index);
    }
  }
  if (oldVersion < 5 && to >= 5) {
    // v5: the search-word index goes too. Its ~3.7 entries a person were a third of a 30,000-row
    // import's writes (`npm run bench -- --profile` measures that floor with and without it), and search as you type is answered from the in-memory table of
    // everyone (people-search.ts), as the network list already was. Every person keeps their `terms`:
    // the table is built from them.
    const people = tx.objectStore('people') as unknown as IDBObjectStore;
    if (people.indexNames.contains('byTerm')) people.deleteIndex('byTerm');
  }
  if (oldVersion < 6 && to >= 6) {
    // v6: new stores only, nothing existing is touched. The drill's cards and answers (utils/drill),
    // voice notes (a memory aid, kept like photos), and sync's bookkeeping (utils/sync/idb-store.ts).
    db.createObjectStore('drillCards', { keyPath: 'personId' });
    const reviews = db.createObjectStore('drillReviews', { keyPath: 'id' });
    reviews.createIndex('byPerson', 'personId');
    reviews.createIndex('byDay', 'day');
    db.createObjectStore('voiceNotes', { keyPath: 'personId' });
    db.createObjectStore('syncOutbox', { keyPath: 'key' });
    db.createObjectStore('syncRevs', { keyPath: 'key' });
    db.createObjectStore('syncState');
  }
}

/** Indexes of earlier versions that v4 drops (not in KithSchema any more). */
const LEGACY_INDEXES = [
  ['people', 'bySortName'],
  ['people', 'byLastTouch'],
  ['encounters', 'byDate'],
  ['events', 'byStart'],
] as const;

/** An index of an earlier version, created by name (the current schema's types no longer know it). */
function createLegacyIndex(store: unknown, name: string, keyPath: string, options?: IDBIndexParameters): void {
  (store as IDBObjectStore).createIndex(name, keyPath, options);
}
