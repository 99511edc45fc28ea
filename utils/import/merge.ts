/**
 * Merging imported data (a parsed backup) into what is stored: the planner of a backup import, which
 * says what to write (utils/formats/json-backup.ts reads and writes the file).
 *
 * - Events merge by id, then by the exact same name and start day.
 * - People merge by id, then by any shared profile key: the incoming person is folded into the stored
 *   one (union of keys and URLs; each of their own fields as the field table's merge rule says: the
 *   newer record's value wins and the other fills its gaps, tags are joined, notes kept from both, the
 *   latest lastTouch, the name's parts with the name they belong to; the earliest createdAt). Keys that belong to another stored person are not moved.
 * - Encounters are append-only: every stored one stays; an incoming one with a known id replaces the
 *   stored one only when it is newer. Their personId, introducedById and eventId are re-pointed to the
 *   stored records the incoming ones were merged into.
 * - Photos by (re-pointed) personId: the newer wins. `existing.photos` must hold the stored photos (at
 *   least their personId and updatedAt) for that comparison; a missing one is treated as absent. Voice
 *   notes the same.
 * - Drill cards by (re-pointed) personId, whole: the one reviewed last wins (a card's fields depend on
 *   each other, so two schedules are never mixed). Drill answers are append-only, like encounters: an
 *   unknown id is added, a known one left as it is.
 * - Derived fields: hasPhoto follows the photos; terms and sortName are recomputed for every person who
 *   is new or whose searched fields (the field table's `search`) or encounters changed (the stored ones
 *   are trusted otherwise: the DB layer keeps them, with the same definition).
 *
 * `put` holds only the records that must be written; the counts say what happened. Pure: it never
 * writes, and the inputs are not modified.
 */
import { otherNames } from '../text';
import { CAPS } from '../model/caps';
import { SITES, type Encounter, type Id, type KithData, type KithEvent, type Person, type Photo, type VoiceNote } from '../model/types';
import type { DrillCard, DrillReview } from '../drill/schedule';
import { mergeNotes, PERSON_FIELD_NAMES, personField, union } from '../model/person-fields';
import { derivePersonFields, SEARCHED_FIELDS } from '../derive';
import { compact, deepEqual } from '../formats/shared';

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface MergeReport {
  people: Counts;
  encounters: Counts;
  events: Counts;
}

const counts = (): Counts => ({ added: 0, updated: 0, unchanged: 0 });

/** base is the stored record; inc the incoming one. */
function mergePerson(base: Person, inc: Person, keyAllowed: (key: string) => boolean): Person {
  const newer = inc.updatedAt > base.updatedAt;
  const [win, other] = newer ? [inc, base] : [base, inc];
  const urls: Person['urls'] = {};
  for (const site of SITES) {
    const u = win.urls?.[site] || other.urls?.[site];
    if (u) urls[site] = u;
  }
  const merged = { ...base, keys: union(base.keys, inc.keys.filter(keyAllowed)), urls } as Record<string, unknown>;
  for (const name of PERSON_FIELD_NAMES) {
    const field = personField(name);
    merged[name] = field.merge(base[name], inc[name], newer, field.empty, { base, inc });
  }
  merged.createdAt = Math.min(base.createdAt, inc.createdAt);
  merged.updatedAt = Math.max(base.updatedAt, inc.updatedAt);
  return compact(merged as unknown as Person);
}

function mergeEvent(base: KithEvent, inc: KithEvent): KithEvent {
  const newer = inc.updatedAt > base.updatedAt;
  const win = newer ? inc : base;
  const other = newer ? base : inc;
  const pick = <K extends keyof KithEvent>(k: K): KithEvent[K] =>
    win[k] !== undefined && win[k] !== '' ? win[k] : other[k];
  const name = pick('name');
  return compact({
    ...base,
    name,
    // The names merged into it on either side: none a person could be found by is lost.
    mergedNames: otherNames(name, win.mergedNames, other.mergedNames),
    start: pick('start'),
    end: pick('end'),
    place: pick('place'),
    url: pick('url'),
    notes: (newer ? mergeNotes(inc.notes, base.notes, CAPS.note) : mergeNotes(base.notes, inc.notes, CAPS.note)) || undefined,
    createdAt: Math.min(base.createdAt, inc.createdAt),
    updatedAt: Math.max(base.updatedAt, inc.updatedAt),
  });
}

/** True when a field the derived ones are computed from differs. */
function sourceChanged(a: Person, b: Person): boolean {
  return SEARCHED_FIELDS.some((name) => !deepEqual(a[name], b[name]));
}

/** When a drill card was last changed by an answer: the later one is the schedule to keep. */
const cardClock = (c: DrillCard) => c.lastReview ?? c.updatedAt;

/**
 * Records kept one per person (voice notes, drill cards): each incoming one, re-pointed to the person
 * it was merged into, replaces the stored one when it is newer by `clock`; those to write (not `same`
 * as what is stored) are returned.
 */
function newerByPerson<T extends VoiceNote | DrillCard>(
  stored: readonly T[],
  incoming: readonly T[],
  personIdMap: ReadonlyMap<Id, Id>,
  clock: (r: T) => number,
  same: (a: T, b: T) => boolean,
): T[] {
  const current = new Map<Id, T>();
  for (const r of stored) current.set(r.personId, r);
  const put = new Map<Id, T>();
  for (const raw of incoming) {
    const r = { ...raw, personId: personIdMap.get(raw.personId) ?? raw.personId };
    const base = current.get(r.personId);
    if (base !== undefined && clock(r) <= clock(base)) continue;
    current.set(r.personId, r);
    if (base === undefined || !same(base, r)) put.set(r.personId, r);
    else put.delete(r.personId);
  }
  return [...put.values()];
}

const eventKey = (e: KithEvent) => `${e.name}\u0000${e.start ?? ''}`;

export function mergeData(existing: KithData, incoming: KithData): { put: KithData; report: MergeReport } {
  const report: MergeReport = { people: counts(), encounters: counts(), events: counts() };

  // --- events -------------------------------------------------------------------------------
  const events = new Map<Id, KithEvent>();
  const eventsByKey = new Map<string, Id>();
  for (const e of existing.events) {
    events.set(e.id, e);
    if (!eventsByKey.has(eventKey(e))) eventsByKey.set(eventKey(e), e.id);
  }
  const eventIdMap = new Map<Id, Id>();
  const touchedEvents = new Map<Id, KithEvent | undefined>(); // id -> stored original (undefined when new)
  for (const inc of incoming.events) {
    const targetId = events.has(inc.id) ? inc.id : eventsByKey.get(eventKey(inc));
    if (targetId === undefined) {
      events.set(inc.id, inc);
      eventsByKey.set(eventKey(inc), inc.id);
      if (!touchedEvents.has(inc.id)) touchedEvents.set(inc.id, undefined);
      continue;
    }
    if (targetId !== inc.id) eventIdMap.set(inc.id, targetId);
    const base = events.get(targetId)!;
    if (!touchedEvents.has(targetId)) touchedEvents.set(targetId, base);
    events.set(targetId, mergeEvent(base, inc));
  }

  // --- people -------------------------------------------------------------------------------
  const people = new Map<Id, Person>();
  const owner = new Map<string, Id>();
  for (const p of existing.people) {
    people.set(p.id, p);
    for (const k of p.keys) if (!owner.has(k)) owner.set(k, p.id);
  }
  const storedPeople = new Map(people);
  const personIdMap = new Map<Id, Id>();
  const touchedPeople = new Set<Id>();
  // People whose derived fields must be recomputed: new, a source field changed, or their encounters.
  const rederive = new Set<Id>();
  for (const inc of incoming.people) {
    let targetId: Id | undefined = people.has(inc.id) ? inc.id : undefined;
    if (targetId === undefined) {
      for (const k of inc.keys) {
        const o = owner.get(k);
        if (o !== undefined) {
          targetId = o;
          break;
        }
      }
    }
    touchedPeople.add(targetId ?? inc.id);
    if (targetId === undefined) {
      const keys = inc.keys.filter((k) => !owner.has(k));
      const added = { ...inc, keys };
      people.set(inc.id, added);
      rederive.add(inc.id);
      for (const k of keys) owner.set(k, inc.id);
      continue;
    }
    if (targetId !== inc.id) personIdMap.set(inc.id, targetId);
    const tid = targetId;
    const merged = mergePerson(people.get(tid)!, inc, (k) => {
      const o = owner.get(k);
      return o === undefined || o === tid;
    });
    const base = people.get(tid)!;
    people.set(tid, merged);
    if (sourceChanged(base, merged)) rederive.add(tid);
    for (const k of merged.keys) if (!owner.has(k)) owner.set(k, tid);
  }

  // --- encounters -----------------------------------------------------------------------------
  const encounters = new Map<Id, Encounter>();
  for (const e of existing.encounters) encounters.set(e.id, e);
  const storedEncounters = new Map(encounters);
  const touchedEncounters = new Set<Id>();
  const repoint = (id: Id | undefined, map: Map<Id, Id>) => (id === undefined ? undefined : (map.get(id) ?? id));
  const remap = personIdMap.size > 0 || eventIdMap.size > 0;
  for (const raw of incoming.encounters) {
    const inc = remap
      ? compact({
          ...raw,
          personId: repoint(raw.personId, personIdMap)!,
          introducedById: repoint(raw.introducedById, personIdMap),
          eventId: repoint(raw.eventId, eventIdMap),
        })
      : raw;
    const base = encounters.get(inc.id);
    touchedEncounters.add(inc.id);
    if (base === undefined || inc.updatedAt > base.updatedAt) {
      encounters.set(inc.id, inc);
      rederive.add(inc.personId);
      if (base) rederive.add(base.personId);
    }
    if (base) touchedPeople.add(base.personId);
    touchedPeople.add(inc.personId);
  }

  // --- photos ---------------------------------------------------------------------------------
  const photos = new Map<Id, Photo>();
  for (const p of existing.photos) photos.set(p.personId, p);
  const putPhotos = new Map<Id, Photo>();
  for (const raw of incoming.photos) {
    const ph = { ...raw, personId: repoint(raw.personId, personIdMap)! };
    const base = photos.get(ph.personId);
    if (base === undefined || ph.updatedAt > base.updatedAt) {
      photos.set(ph.personId, ph);
      if (base === undefined || base.dataUrl !== ph.dataUrl) putPhotos.set(ph.personId, ph);
    }
    touchedPeople.add(ph.personId);
  }

  // --- voice notes, drill cards and answers ---------------------------------------------------------
  const putVoiceNotes = newerByPerson(existing.voiceNotes, incoming.voiceNotes, personIdMap, (n) => n.updatedAt, (a, b) => a.dataUrl === b.dataUrl);
  const putCards = newerByPerson(existing.drillCards, incoming.drillCards, personIdMap, cardClock, deepEqual);
  const knownReviews = new Set(existing.drillReviews.map((r) => r.id));
  const putReviews: DrillReview[] = [];
  for (const raw of incoming.drillReviews) {
    if (knownReviews.has(raw.id)) continue;
    knownReviews.add(raw.id);
    putReviews.push({ ...raw, personId: repoint(raw.personId, personIdMap)! });
  }

  // People whose terms depend on an event whose names changed.
  const renamedEvents = new Set<Id>();
  for (const [id, before] of touchedEvents) {
    const after = events.get(id)!;
    if (before && (before.name !== after.name || !deepEqual(before.mergedNames, after.mergedNames))) renamedEvents.add(id);
  }

  // --- derived fields and the result ----------------------------------------------------------
  if (renamedEvents.size > 0) {
    for (const e of encounters.values()) {
      if (e.eventId && renamedEvents.has(e.eventId)) {
        touchedPeople.add(e.personId);
        rederive.add(e.personId);
      }
    }
  }
  const encountersByPerson = new Map<Id, Encounter[]>();
  if (rederive.size > 0) {
    for (const e of encounters.values()) {
      if (!rederive.has(e.personId)) continue;
      let list = encountersByPerson.get(e.personId);
      if (!list) encountersByPerson.set(e.personId, (list = []));
      list.push(e);
    }
  }

  const put: KithData = {
    people: [],
    encounters: [],
    events: [],
    photos: [...putPhotos.values()],
    voiceNotes: putVoiceNotes,
    drillCards: putCards,
    drillReviews: putReviews,
  };
  for (const id of touchedPeople) {
    const p = people.get(id);
    if (!p) continue; // an encounter or photo of a person who is in neither set: kept as it is
    const before = storedPeople.get(id);
    const hasPhoto = photos.has(id) || (before?.hasPhoto ?? false);
    const final: Person = compact({
      ...p,
      hasPhoto: hasPhoto ? true : before?.hasPhoto === false ? false : undefined,
      ...(rederive.has(id) ? derivePersonFields(p, encountersByPerson.get(id) ?? [], events) : undefined),
    });
    if (!before) {
      report.people.added++;
      put.people.push(final);
    } else if (deepEqual(before, final)) {
      report.people.unchanged++;
    } else {
      report.people.updated++;
      put.people.push(final);
    }
  }
  for (const id of touchedEncounters) {
    const e = encounters.get(id)!;
    const before = storedEncounters.get(id);
    if (!before) {
      report.encounters.added++;
      put.encounters.push(e);
    } else if (deepEqual(before, e)) {
      report.encounters.unchanged++;
    } else {
      report.encounters.updated++;
      put.encounters.push(e);
    }
  }
  for (const [id, before] of touchedEvents) {
    const e = events.get(id)!;
    if (!before) {
      report.events.added++;
      put.events.push(e);
    } else if (deepEqual(before, e)) {
      report.events.unchanged++;
    } else {
      report.events.updated++;
      put.events.push(e);
    }
  }
  return { put, report };
}
