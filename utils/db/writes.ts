import type { IDBPTransaction } from 'idb';
import type { KithDb } from './index';
import { ALL_STORES, type KithSchema, type StoreName } from './schema';
import { addRecord, deleteRecord, OUTBOX_STORES, putRecord } from './outbox';
import type { Encounter, EncounterKind, Id, KithEvent, LocalDay, PartialDate, Person, SiteId } from '../model/types';
import { PERSON_FIELD_NAMES, personField, type PersonFieldName, type PersonPatch, type ProfileFields } from '../model/person-fields';
import { derivePersonFields, touchAfterChange } from '../derive';
import { blankPerson } from '../person';
import { CAPS } from '../model/caps';
import { cleanLine, cleanText, fold } from '../text';
import { applyTouch, lastTouchAfter } from '../followups';
import { isLocalDay, partialDateLastDay } from '../dates';
import { t } from '../i18n';
import { forgetDrill } from './drill-records';

/** What a page (or the user, when the page could not be read) gives for a person: the field table's `profile` fields. */
export interface ProfileInput extends ProfileFields {
  site: SiteId;
  keys: string[];
  url: string;
}

export type { PersonPatch };

export interface EncounterInput {
  date: PartialDate;
  kind: EncounterKind;
  place?: string;
  /** An existing event, or the name of a new one (reused if an event of that name exists). */
  event?: { id: Id } | { name: string };
  /** A saved person, or a name as typed. */
  introducedBy?: { id: Id } | { name: string };
  note?: string;
}

export class NotFoundError extends Error {}

function newId(): Id {
  return crypto.randomUUID();
}

/** The field a change or a profile sets, or removes (undefined), on a copy of the person. */
function setField(next: Person, name: PersonFieldName, value: unknown): void {
  const fields = next as unknown as Record<string, unknown>;
  if (value === undefined) delete fields[name];
  else fields[name] = value;
}

/**
 * Applies a field-level change: only the fields given are written, so two tabs editing different
 * fields never clobber each other. Each is cleaned and capped as the field table says.
 */
function applyPatch(p: Person, patch: PersonPatch): Person {
  const next = { ...p };
  for (const name of PERSON_FIELD_NAMES) {
    const change = (patch as Partial<Record<PersonFieldName, unknown>>)[name];
    const field = personField(name);
    if (change !== undefined && field.edit) setField(next, name, field.apply(p[name], change));
  }
  return next;
}

/**
 * Writes touch several stores; each opens one transaction over all of them (serialised, never
 * interleaved), with sync's outbox, where every record written is queued while sync is connected
 * (putRecord, addRecord, deleteRecord: utils/db/outbox.ts).
 */
export type PeopleTx = IDBPTransaction<KithSchema, (StoreName | (typeof OUTBOX_STORES)[number])[], 'readwrite'>;
const WRITE_STORES = [...ALL_STORES, ...OUTBOX_STORES];
const writeTx = (db: KithDb): PeopleTx => db.transaction(WRITE_STORES, 'readwrite');

/** Where a write goes: the database (in a transaction of its own), or a transaction the caller runs it in. */
export type Writer = KithDb | PeopleTx;
const isTx = (w: Writer): w is PeopleTx => 'objectStore' in w;

/**
 * Runs `fn` in one write transaction and commits it only if `fn` succeeds: a write that fails half
 * way (a check after a first put, a request error) is rolled back, never committed in part. (An
 * IndexedDB transaction commits by itself once nothing is pending, whatever the code then throws.)
 * Given a transaction, `fn` runs in it, and the caller commits or rolls back the whole.
 */
export async function inWriteTx<T>(db: Writer, fn: (tx: PeopleTx) => Promise<T>): Promise<T> {
  if (isTx(db)) return fn(db);
  const tx = writeTx(db);
  try {
    const result = await fn(tx);
    await tx.done;
    return result;
  } catch (e) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already finished (a failed request aborts it by itself).
    }
    throw e;
  }
}

export async function withDerived(tx: PeopleTx, p: Person): Promise<Person> {
  const encounters = await tx.objectStore('encounters').index('byPerson').getAll(p.id);
  const events: KithEvent[] = [];
  for (const id of new Set(encounters.map((e) => e.eventId).filter(Boolean) as string[])) {
    const ev = (await tx.objectStore('events').get(id)) as KithEvent | undefined;
    if (ev) events.push(ev);
  }
  return { ...p, ...derivePersonFields(p, encounters, events) };
}

/**
 * Folds what the page shows into a person: new keys become aliases (a slug change never creates a
 * second person), and page fields fill in or refresh the display fields. A key that already
 * belongs to someone else is left with them.
 */
export async function absorbProfile(tx: PeopleTx, p: Person, profile: ProfileInput): Promise<Person> {
  const keys = [...p.keys];
  for (const k of profile.keys) {
    const key = cleanLine(k, CAPS.key);
    if (!key || keys.includes(key)) continue;
    const owner = (await tx.objectStore('people').index('byKey').get(key)) as Person | undefined;
    if (!owner || owner.id === p.id) keys.push(key);
  }
  const next: Person = { ...p, keys, urls: { ...p.urls, [profile.site]: cleanLine(profile.url, CAPS.url) } };
  // What the page shows fills in or refreshes a field; a page showing nothing never clears one.
  for (const name of PERSON_FIELD_NAMES) {
    const shown = (profile as Partial<Record<PersonFieldName, unknown>>)[name];
    const field = personField(name);
    if (!field.profile || !shown) continue;
    const value = field.apply(p[name], shown);
    if (value !== undefined) setField(next, name, value);
  }
  return next;
}

async function findByKeys(tx: PeopleTx, keys: string[]): Promise<Person | undefined> {
  for (const key of keys) {
    const p = (await tx.objectStore('people').index('byKey').get(key)) as Person | undefined;
    if (p) return p;
  }
  return undefined;
}

async function resolveEvent(tx: PeopleTx, ref: EncounterInput['event'], now: number, at: Pick<EncounterInput, 'date' | 'place'>): Promise<Id | undefined> {
  if (!ref) return undefined;
  if ('id' in ref) {
    const ev = await tx.objectStore('events').get(ref.id);
    if (!ev) throw new NotFoundError(t('errorChosenEventGone'));
    return ref.id;
  }
  const name = cleanLine(ref.name, CAPS.eventName);
  if (!name) return undefined;
  const same = (await tx.objectStore('events').index('byName').get(name)) as KithEvent | undefined;
  if (same) return same.id;
  // The same name in other case or accents, or a name an event had before it was merged into another
  // (a user's events are few: read them all).
  const folded = fold(name);
  const known = ((await tx.objectStore('events').getAll()) as KithEvent[]).find((ev) => [ev.name, ...(ev.mergedNames ?? [])].some((n) => fold(n) === folded));
  if (known) return known.id;
  const ev: KithEvent = { id: newId(), name, createdAt: now, updatedAt: now };
  // An event first named in an encounter happened then and there: it takes the encounter's day and place.
  if (isLocalDay(at.date)) ev.start = at.date;
  const place = cleanLine(at.place, CAPS.place);
  if (place) ev.place = place;
  await addRecord(tx, 'events', ev);
  return ev.id;
}

/** Sets an encounter's optional fields from what the user gave: cleaned, capped, references checked. */
async function fillEncounter(tx: PeopleTx, encounter: Encounter, e: EncounterInput, now: number): Promise<void> {
  const place = cleanLine(e.place, CAPS.place);
  if (place) encounter.place = place;
  const eventId = await resolveEvent(tx, e.event, now, e);
  if (eventId) encounter.eventId = eventId;
  if (e.introducedBy && 'id' in e.introducedBy) {
    if (e.introducedBy.id === encounter.personId) throw new RangeError(t('errorSelfIntroduction'));
    if (!(await tx.objectStore('people').get(e.introducedBy.id))) {
      throw new NotFoundError(t('errorIntroducerGone'));
    }
    encounter.introducedById = e.introducedBy.id;
  } else if (e.introducedBy) {
    const name = cleanLine(e.introducedBy.name, CAPS.name);
    if (name) encounter.introducedByName = name;
  }
  const note = cleanText(e.note, CAPS.note).trim();
  if (note) encounter.note = note;
}

export interface RecordEncounterInput {
  /** The saved person, when known... */
  personId?: Id;
  /** ...and/or the profile on screen: finds the person by key, or creates them on first save. */
  profile?: ProfileInput;
  /**
   * ...or someone met with no profile known yet ("Met someone"): a new person with this name and no
   * keys, to be matched to their profile later (utils/drill/capture.ts).
   */
  captured?: { name: string };
  encounter: EncounterInput;
  /** A follow-up day the user accepted (the post-meeting suggestion). */
  followUpDue?: LocalDay;
  /** A thumbnail fetched before the write. */
  photoDataUrl?: string;
  /** The cadence a new person starts with (settings). */
  defaultCadenceDays?: number | null;
}

/**
 * Records one encounter, in one transaction: creates the person on first save, adds new profile
 * keys as aliases, stores the encounter (append-only: concurrent saves from two tabs both land),
 * resets the follow-up clock, and stores the photo.
 */
export async function recordEncounter(
  db: Writer,
  input: RecordEncounterInput,
  now: number,
  today: LocalDay,
): Promise<{ person: Person; encounter: Encounter }> {
  return inWriteTx(db, async (tx) => {
    let person: Person | undefined;
    if (input.personId) {
      person = await tx.objectStore('people').get(input.personId);
      if (!person) throw new NotFoundError(t('errorPersonGone'));
    } else if (input.profile) {
      person = await findByKeys(tx, input.profile.keys);
    }
    const isNew = !person;
    if (!person) {
      const name = cleanLine(input.profile?.name ?? input.captured?.name, CAPS.name);
      if (!name) throw new RangeError(t('errorNameNeeded'));
      person = blankPerson(name, now, newId());
      if (input.defaultCadenceDays) person.followUp = { cadenceDays: input.defaultCadenceDays };
    }
    if (input.profile) person = await absorbProfile(tx, person, input.profile);
    // A profile is saved under its keys; only someone captured at an event may be saved without one.
    if (isNew && !input.captured && person.keys.length === 0) throw new RangeError(t('errorKeyNeeded'));

    const e = input.encounter;
    const encounter: Encounter = {
      id: newId(),
      personId: person.id,
      date: e.date,
      kind: e.kind,
      createdAt: now,
      updatedAt: now,
    };
    await fillEncounter(tx, encounter, e, now);
    await addRecord(tx, 'encounters', encounter);

    const touchDay = partialDateLastDay(e.date);
    person.followUp = applyTouch(person.followUp, touchDay, today);
    person.lastTouch = lastTouchAfter(person.lastTouch, touchDay);
    if (input.followUpDue) person.followUp = { ...person.followUp, due: input.followUpDue };
    if (input.photoDataUrl) {
      await putRecord(tx, 'photos', { personId: person.id, dataUrl: input.photoDataUrl, updatedAt: now });
      person.hasPhoto = true;
    }
    person.updatedAt = now;
    if (isNew) person.createdAt = now;
    person = await withDerived(tx, person);
    await putRecord(tx, 'people', person);
    return { person, encounter };
  });
}

/** Changes some fields of a person; the fields not in the patch keep what is stored now. */
export async function updatePerson(db: Writer, id: Id, patch: PersonPatch, now: number): Promise<Person> {
  return inWriteTx(db, async (tx) => {
    const current = await tx.objectStore('people').get(id);
    if (!current) throw new NotFoundError(t('errorPersonGone'));
    let person = applyPatch(current, patch);
    person.updatedAt = now;
    person = await withDerived(tx, person);
    await putRecord(tx, 'people', person);
    return person;
  });
}

/** Logs a touch of the given kind today (Done in the popup): an encounter, which resets the clock. */
export function logTouch(db: Writer, personId: Id, kind: EncounterKind, now: number, today: LocalDay) {
  return recordEncounter(db, { personId, encounter: { date: today, kind } }, now, today);
}

/** The person with what their encounters now decide (last touch, a cadence's due date) after one changed. */
async function withTouches(tx: PeopleTx, p: Person, changedDay: LocalDay): Promise<Person> {
  const encounters = await tx.objectStore('encounters').index('byPerson').getAll(p.id);
  const { lastTouch, followUp } = touchAfterChange(p, changedDay, encounters);
  const { lastTouch: _old, ...rest } = p;
  return { ...rest, ...(lastTouch ? { lastTouch } : {}), followUp };
}

/**
 * Changes an encounter (a typo in the place, the real date): all its fields are replaced by the form's.
 * What the encounters decide follows (touchAfterChange): the last touch, and a due date its cadence set
 * from the last touch; an edit is not a new touch, so a follow-up set by hand stays.
 */
export async function updateEncounter(db: KithDb, id: Id, input: EncounterInput, now: number): Promise<Person> {
  return inWriteTx(db, async (tx) => {
    const current = await tx.objectStore('encounters').get(id);
    if (!current) throw new NotFoundError(t('errorEncounterGone'));
    const encounter: Encounter = { id, personId: current.personId, date: input.date, kind: input.kind, createdAt: current.createdAt, updatedAt: now };
    await fillEncounter(tx, encounter, input, now);
    await putRecord(tx, 'encounters', encounter);
    const person = await tx.objectStore('people').get(current.personId);
    if (!person) throw new NotFoundError(t('errorPersonGone'));
    const next = await withDerived(tx, { ...(await withTouches(tx, person, partialDateLastDay(current.date))), updatedAt: now });
    await putRecord(tx, 'people', next);
    return next;
  });
}

/** Deletes an encounter; the person's search words, last touch and cadence due follow. */
export async function deleteEncounter(db: Writer, id: Id, now: number): Promise<Person> {
  return inWriteTx(db, async (tx) => {
    const enc = await tx.objectStore('encounters').get(id);
    if (!enc) throw new NotFoundError(t('errorEncounterGone'));
    await deleteRecord(tx, 'encounters', id, now);
    const current = await tx.objectStore('people').get(enc.personId);
    if (!current) throw new NotFoundError(t('errorPersonGone'));
    const person = await withDerived(tx, { ...(await withTouches(tx, current, partialDateLastDay(enc.date))), updatedAt: now });
    await putRecord(tx, 'people', person);
    return person;
  });
}

/**
 * Deletes a person with everything that is theirs alone: encounters, photo, voice note, drill card and
 * answers. Encounters they introduced keep the name as text. Each synced record deleted leaves its own
 * tombstone for sync (`now` is when).
 */
export async function deletePerson(db: Writer, id: Id, now: number = Date.now()): Promise<void> {
  return inWriteTx(db, async (tx) => {
    const person = await tx.objectStore('people').get(id);
    if (!person) return;
    const encounters = tx.objectStore('encounters');
    for (const key of await encounters.index('byPerson').getAllKeys(id)) await deleteRecord(tx, 'encounters', key, now);
    for (const e of await encounters.index('byIntroducer').getAll(id)) {
      const { introducedById: _gone, ...rest } = e;
      await putRecord(tx, 'encounters', { ...rest, introducedByName: person.name, updatedAt: now });
    }
    await forgetDrill(tx, id, now);
    await deleteRecord(tx, 'photos', id, now);
    await deleteRecord(tx, 'people', id, now);
  });
}
