/**
 * What Kith's own store does with records sync brings in (IdbSyncStore's hooks), and the person's
 * settings, mirrored between extension storage and the synced record.
 */
import type { KithDb } from '@/utils/db';
import { rederive } from '@/utils/db/events';
import { queueChange, SYNC_DEVICE_KEY, type SyncDevice } from '@/utils/db/outbox';
import type { Encounter, Id, Person } from '@/utils/model/types';
import type { Settings } from '@/utils/settings';
import type { AppliedRecord, ApplyTx, IdbSyncStoreOptions } from '@/utils/sync/idb-store';
import { same } from '@/utils/sync/merge';
import type { SyncedSettings } from '@/utils/sync/records';

/**
 * The settings that belong to the person, not the device: they follow the person to every device.
 * The rest (which sites show the sidebar, the reminder's time and whether it shows) stay per device.
 */
const PERSON_SETTINGS = ['defaultCadenceDays', 'postMeetingFollowUpDays'] as const satisfies (keyof Settings)[];
type PersonSettings = Pick<Settings, (typeof PERSON_SETTINGS)[number]>;

/** syncState's key for the synced settings record (type 'settings', id 'person'). */
const SETTINGS_KEY = 'settings:person';
/**
 * syncState's key for profile keys held back: a received person names a key another person here
 * holds (the unique byKey index allows one owner), so it is stored without it until that owner lets
 * it go (a tombstone, or an update without it, usually later in the same pull).
 */
const HELD_KEYS = 'heldKeys';
type HeldKeys = Record<string, Id>;

function personSettings(s: Partial<Settings>): PersonSettings {
  const out: Record<string, unknown> = {};
  for (const k of PERSON_SETTINGS) if (k in s) out[k] = s[k];
  return out as PersonSettings;
}

/** What a batch of received records changed here, for the change notices and the settings. */
export interface Received {
  people: Set<Id>;
  settings: boolean;
}

/**
 * IdbSyncStore's hooks for Kith's records: a received person keeps the profile keys no one else here
 * holds; after each batch the people it touched get their derived fields (search words include their
 * encounters' places and events), and `received` hears what changed.
 */
export function kithStoreHooks(received: Received): Pick<IdbSyncStoreOptions, 'prepare' | 'applied'> {
  const held = new WeakMap<object, Promise<HeldKeys>>();
  const heldIn = (tx: ApplyTx) => {
    let h = held.get(tx);
    if (!h) {
      h = tx.objectStore('syncState').get(HELD_KEYS).then((v) => ({ ...((v as HeldKeys | undefined) ?? {}) }));
      held.set(tx, h);
    }
    return h;
  };
  return {
    async prepare(tx, version) {
      const value = version.value!;
      if (version.type !== 'person' || !Array.isArray(value.keys)) return value;
      const keys: string[] = [];
      for (const key of value.keys as string[]) {
        const owner = await tx.objectStore('people').index('byKey').getKey(key);
        if (owner === undefined || owner === version.id) keys.push(key);
        else (await heldIn(tx))[key] = version.id;
      }
      return keys.length === value.keys.length ? value : { ...value, keys };
    },
    async applied(tx, written) {
      const people = await touchedPeople(tx, written);
      for (const v of written) if (v.version.type === 'settings') received.settings = true;
      await releaseHeldKeys(tx, await heldIn(tx));
      await rederive(tx, people);
      for (const id of people) received.people.add(id);
      // The drill's records derive nothing, but whoever shows them (the drill's index, the popup's count) hears of them.
      for (const id of drilledPeople(written)) received.people.add(id);
    },
  };
}

/** The people whose records, encounters or events these are (before and after: an encounter may have moved). */
async function touchedPeople(tx: ApplyTx, written: AppliedRecord[]): Promise<Set<Id>> {
  const people = new Set<Id>();
  const personOf = (v: Record<string, unknown> | undefined) => {
    if (typeof v?.personId === 'string') people.add(v.personId);
  };
  for (const { version, previous } of written) {
    if (version.type === 'person') people.add(version.id);
    else if (version.type === 'photo') people.add(version.id);
    else if (version.type === 'encounter') {
      personOf(version.value);
      personOf(previous);
    } else if (version.type === 'event') {
      for (const e of (await tx.objectStore('encounters').index('byEvent').getAll(version.id)) as Encounter[]) people.add(e.personId);
    }
  }
  return people;
}

/** The people whose drill card, answers or voice note these are. */
function drilledPeople(written: AppliedRecord[]): Set<Id> {
  const people = new Set<Id>();
  for (const { version, previous } of written) {
    if (version.type === 'card' || version.type === 'voice') people.add(version.id);
    else if (version.type === 'review') {
      for (const v of [version.value, previous]) if (typeof v?.personId === 'string') people.add(v.personId);
    }
  }
  return people;
}

/** Gives each held key to its person once no one else here holds it. */
async function releaseHeldKeys(tx: ApplyTx, held: HeldKeys): Promise<void> {
  const before = Object.keys(held).length;
  for (const [key, personId] of Object.entries(held)) {
    if ((await tx.objectStore('people').index('byKey').getKey(key)) !== undefined) continue;
    const person = (await tx.objectStore('people').get(personId)) as Person | undefined;
    if (person && !person.keys.includes(key)) await tx.objectStore('people').put({ ...person, keys: [...person.keys, key] });
    delete held[key];
  }
  const left = Object.keys(held).length;
  if (left) await tx.objectStore('syncState').put(held, HELD_KEYS);
  else if (before) await tx.objectStore('syncState').delete(HELD_KEYS);
}

/**
 * The person's settings as they are here now, into the synced record, queued for sync; nothing when
 * they are what the record says already (a change that came from sync, coming back). `at` is the
 * record's updatedAt: the time of the change, or 0 for settings a device brings to a database that
 * has some (the database's win). Returns whether anything was queued.
 */
export async function mirrorSettings(db: KithDb, settings: Settings, at: number): Promise<boolean> {
  const tx = db.transaction(['syncState', 'syncOutbox', 'syncRevs'], 'readwrite');
  const store = tx.objectStore('syncState');
  const device = (await store.get(SYNC_DEVICE_KEY)) as SyncDevice | undefined;
  const current = (await store.get(SETTINGS_KEY)) as SyncedSettings | undefined;
  const next = personSettings(settings);
  if (!device || (current && same(personSettings(current as Partial<Settings>), next))) {
    await tx.done;
    return false;
  }
  await queueChange(tx, device.deviceId, 'settings', 'person', async () => current, () => store.put({ ...next, updatedAt: at } satisfies SyncedSettings, SETTINGS_KEY));
  await tx.done;
  return true;
}

/** The synced settings record's values, to save into extension storage (undefined: none yet). */
export async function syncedSettings(db: KithDb): Promise<Partial<Settings> | undefined> {
  const record = (await db.get('syncState', SETTINGS_KEY)) as SyncedSettings | undefined;
  return record && personSettings(record as Partial<Settings>);
}
