/**
 * What syncs, and how each field of each record type merges when two devices changed it
 * (merge.ts applies these rules). Adding a record type is one entry in RECORD_TYPES.
 */
import type { Encounter, KithEvent, Person, Photo, VoiceNote } from '../model/types';
import type { DrillCard, DrillReview } from '../drill/schedule';

/**
 * - latest: the side that changed it; changed on both, the later edit (the record's updatedAt, then
 *   the device id, so every device picks the same one). The default for every field not named.
 * - text: like latest, but changed on both keeps both texts, the other one marked (no typed word lost).
 * - set: a set of strings: union of both sides, minus what either side removed since the base.
 * - union: a set of strings that only grows (a person's profile keys: an alias is never forgotten).
 * - map: an object merged key by key, each key as `latest` (urls per site, the follow-up's parts).
 * - max / min: changed on both, the greater / smaller value (last touch, created).
 */
export type FieldRule = 'latest' | 'text' | 'set' | 'union' | 'map' | 'max' | 'min';

export interface RecordRules<T = Record<string, unknown>> {
  /** Field rules; fields not named are `latest`. */
  fields?: Partial<Record<keyof T & string, FieldRule>>;
  /** The whole record is one value: the latest version wins as it is (photos, drill cards). */
  whole?: boolean;
  /** With `whole`: what "latest" means, when not updatedAt (a drill card: its latest review). */
  clock?: (value: T) => number;
  /** Derived fields each device computes for itself: never sent, never merged. */
  derived?: (keyof T & string)[];
}

/**
 * The settings that belong to the person rather than to the device, as one record (id 'person').
 * Which settings they are is the background's choice; each merges as `latest`.
 */
export type SyncedSettings = Record<string, unknown> & { updatedAt: number };

function rules<T>(r: RecordRules<T>): RecordRules {
  return r as RecordRules;
}

export const RECORD_TYPES = {
  person: rules<Person>({
    fields: { notes: 'text', tags: 'set', keys: 'union', urls: 'map', followUp: 'map', lastTouch: 'max', createdAt: 'min', updatedAt: 'max' },
    derived: ['terms', 'sortName'],
  }),
  // Append-only: each encounter is its own document with its own random id, so two devices adding
  // encounters never touch the same document. An encounter edited on both merges like a person.
  encounter: rules<Encounter>({ fields: { note: 'text', createdAt: 'min', updatedAt: 'max' } }),
  event: rules<KithEvent>({ fields: { notes: 'text', mergedNames: 'union', createdAt: 'min', updatedAt: 'max' } }),
  // Keyed by personId: a newer photo replaces the older one whole.
  photo: rules<Photo>({ whole: true }),
  settings: rules<SyncedSettings>({ fields: { updatedAt: 'max' } }),
  // The drill (issue 18). A card is one FSRS schedule, keyed by personId: the card answered last wins
  // whole (two schedules are never mixed), so a device that drilled later keeps its state.
  card: rules<DrillCard>({ whole: true, clock: (c) => c.lastReview ?? c.updatedAt }),
  // Each answer is its own document with a random id, append-only like encounters: never a conflict.
  review: rules<DrillReview>({ whole: true, clock: (r) => r.at }),
  // Keyed by personId, like photos: a newer recording replaces the older one whole.
  voice: rules<VoiceNote>({ whole: true }),
} satisfies Record<string, RecordRules>;

export type RecordType = keyof typeof RECORD_TYPES;

export function isRecordType(t: unknown): t is RecordType {
  return typeof t === 'string' && Object.hasOwn(RECORD_TYPES, t);
}

/** One version of one record, as devices exchange it (encrypted) through the server. */
export interface Version {
  type: RecordType;
  id: string;
  /** When this version was written (ms since the epoch): the record's own updatedAt, or the delete's time. */
  updatedAt: number;
  /** The device that wrote it: breaks ties between edits made in the same millisecond. */
  deviceId: string;
  /** A tombstone: the record was deleted. It wins over every edit; only a restore brings it back. */
  deleted?: true;
  /**
   * On a live record: when the user last brought it back from a delete (Undo), in ms since the epoch.
   * A restore supersedes every tombstone written before it (merge.ts, `restores`). It stays with the
   * record through later edits, so a tombstone from before it that arrives late still loses.
   */
  restoredAt?: number;
  /** The record without its derived fields; absent on a tombstone. */
  value?: Record<string, unknown>;
}

/** The version without the fields each device derives for itself. */
export function withoutDerived(version: Version): Version {
  const derived = RECORD_TYPES[version.type].derived;
  if (!version.value || !derived?.length) return version;
  const value = { ...version.value };
  for (const f of derived) delete value[f];
  return { ...version, value };
}

/** A tombstone for a record deleted at `at` on `deviceId`. */
export function tombstone(type: RecordType, id: string, at: number, deviceId: string): Version {
  return { type, id, updatedAt: at, deviceId, deleted: true };
}
