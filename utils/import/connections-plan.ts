/**
 * The planner of a LinkedIn Connections.csv import: which people the rows update or create, and who is
 * who (connected but never met, met but not connected). utils/formats/linkedin-connections.ts reads
 * the file into rows; this says what to write.
 */
import { CAPS } from '../model/caps';
import { cleanLine, fold } from '../text';
import type { Encounter, Id, KithEvent, Person } from '../model/types';
import { PERSON_FIELD_NAMES, personField, type PersonFieldName } from '../model/person-fields';
import { derivePersonFields } from '../derive';
import { blankPerson } from '../person';
import { deepEqual, groupByPerson, indexById } from '../formats/shared';
import type { ConnectionRow } from '../formats/linkedin-connections';

export interface ConnectionsReport {
  added: number;
  updated: number;
  unchanged: number;
  /** Connected on LinkedIn, but no encounter recorded: "who is this?" */
  whoIsThis: Array<{ id: Id; name: string }>;
  /** Met in person or at an event, but not connected on LinkedIn (after this import). */
  metNotConnected: Array<{ id: Id; name: string }>;
}

/** The fields a Connections import writes. */
const FROM_CONNECTIONS: readonly PersonFieldName[] = ['name', 'givenName', 'familyName', 'company', 'position', 'email', 'connectedOn'];

/**
 * True when the stored name may be replaced by the file's: the person has no name, or still looks
 * exactly as a previous Connections import left them (connected, every other field of the field table
 * empty, no encounter, no photo). Person has no field saying where its name came from; this is the
 * conservative stand-in.
 */
function nameFromImport(p: Person, hasEncounters: boolean): boolean {
  if (!p.name) return true;
  return (
    p.connectedOn !== undefined &&
    !hasEncounters &&
    !p.hasPhoto &&
    PERSON_FIELD_NAMES.every((name) => FROM_CONNECTIONS.includes(name) || personField(name).empty(p[name]))
  );
}

const rowName = (r: ConnectionRow) => cleanLine(`${r.firstName} ${r.lastName}`, CAPS.name);

/** The file's First Name and Last Name become the person's name parts when they make up the name. */
function setNameParts(p: Person, r: ConnectionRow, name: string): void {
  if (!name || p.name !== name) return;
  if (r.firstName) p.givenName = r.firstName;
  else delete p.givenName;
  if (r.lastName) p.familyName = r.lastName;
  else delete p.familyName;
}

/** The form names are matched in: folded, whitespace collapsed. */
const nameKey = (name: string) => fold(name).replace(/\s+/g, ' ').trim();

/**
 * Works out what a Connections import writes, without writing: people matched by LinkedIn key are
 * updated (never duplicated), rows without a URL match by exact folded name when exactly one stored
 * person and one such row share it, the others are created. For the same key twice in a file the last
 * row wins. `events` (optional) lets the search terms keep the names of the events people were met at.
 */
export function planConnectionsImport(
  existing: Person[],
  encounters: Encounter[],
  rows: ConnectionRow[],
  now: number,
  events?: readonly KithEvent[],
): { put: Person[]; report: ConnectionsReport } {
  const eventsById = indexById(events ?? []);
  const encountersByPerson = groupByPerson(encounters);
  const byKey = new Map<string, Person>();
  const byName = new Map<string, Person[]>();
  for (const p of existing) {
    for (const k of p.keys) if (!byKey.has(k)) byKey.set(k, p);
    const f = nameKey(p.name);
    if (!f) continue;
    const list = byName.get(f);
    if (list) list.push(p);
    else byName.set(f, [p]);
  }

  // Last row wins for a key; keyless rows are matched by name only when the name is unique on both sides.
  const lastForKey = new Map<string, number>();
  rows.forEach((r, i) => r.key && lastForKey.set(r.key, i));
  const keylessNames = new Map<string, number>();
  for (const r of rows) {
    if (r.key) continue;
    const f = nameKey(rowName(r));
    if (f) keylessNames.set(f, (keylessNames.get(f) ?? 0) + 1);
  }

  const working = new Map<Id, Person>(); // stored people touched by the file, as updated
  const created: Person[] = [];
  rows.forEach((r, i) => {
    if (r.key && lastForKey.get(r.key) !== i) return;
    const name = rowName(r);
    if (!r.key && !name) return;
    let target: Person | undefined;
    if (r.key) target = byKey.get(r.key);
    else {
      const f = nameKey(name);
      const candidates = byName.get(f);
      if (candidates?.length === 1 && keylessNames.get(f) === 1) target = candidates[0];
    }
    if (!target) {
      const p: Person = blankPerson(name, now);
      if (r.key) p.keys = [r.key];
      setNameParts(p, r, name);
      if (r.key && r.url) p.urls = { linkedin: r.url };
      if (r.company) p.company = r.company;
      if (r.position) p.position = r.position;
      if (r.email) p.email = r.email;
      if (r.connectedOn) p.connectedOn = r.connectedOn;
      Object.assign(p, derivePersonFields(p));
      created.push(p);
      if (r.key) byKey.set(r.key, p);
      return;
    }
    const p = working.get(target.id) ?? { ...target, keys: [...target.keys], urls: { ...target.urls } };
    if (name && p.name !== name && nameFromImport(target, encountersByPerson.has(target.id))) p.name = name;
    setNameParts(p, r, name);
    if (r.company) p.company = r.company;
    if (r.position) p.position = r.position;
    if (r.email) p.email = r.email;
    if (r.connectedOn) p.connectedOn = r.connectedOn;
    if (r.key && r.url && !p.urls.linkedin) p.urls.linkedin = r.url;
    if (r.key && !p.keys.includes(r.key)) p.keys.push(r.key);
    working.set(p.id, p);
  });

  const report: ConnectionsReport = {
    added: created.length,
    updated: 0,
    unchanged: 0,
    whoIsThis: [],
    metNotConnected: [],
  };
  const put: Person[] = [];
  const finalById = new Map<Id, Person>();
  for (const p of existing) finalById.set(p.id, p);
  for (const [id, p] of working) {
    const before = finalById.get(id)!;
    const derived = { ...p, ...derivePersonFields(p, encountersByPerson.get(id) ?? [], eventsById) };
    if (deepEqual(before, derived)) {
      report.unchanged++;
      continue;
    }
    const after = { ...derived, updatedAt: Math.max(now, before.updatedAt) };
    report.updated++;
    put.push(after);
    finalById.set(id, after);
  }
  put.push(...created);
  for (const p of created) finalById.set(p.id, p);

  const met = new Set<Id>();
  const inPerson = new Set<Id>();
  for (const e of encounters) {
    met.add(e.personId);
    if (e.kind === 'in-person' || e.kind === 'event') inPerson.add(e.personId);
  }
  const people = [...finalById.values()].sort((a, b) =>
    a.sortName !== b.sortName ? (a.sortName < b.sortName ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const p of people) {
    if (p.connectedOn && !met.has(p.id)) report.whoIsThis.push({ id: p.id, name: p.name });
    if (!p.connectedOn && inPerson.has(p.id)) report.metNotConnected.push({ id: p.id, name: p.name });
  }
  return { put, report };
}
