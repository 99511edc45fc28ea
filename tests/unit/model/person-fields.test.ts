/**
 * The field table (utils/model/person-fields.ts) against everything derived from it: every field, as
 * the table says, passes the protocol's patch and profile checks, is stored by a change and by a
 * profile page, survives a backup and a merge, and fills its CSV columns. A field added to the table
 * is tested here without a line of this file changing, but for its sample value in FULL, which the
 * compiler asks for (FULL is a Required<Person>).
 */
import Papa from 'papaparse';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { putAll } from '../../../utils/db/bulk';
import { getPerson } from '../../../utils/db/people';
import { recordEncounter, updatePerson } from '../../../utils/db/writes';
import { derivePersonFields } from '../../../utils/derive';
import { exportCsv } from '../../../utils/formats/csv';
import { exportBackup, parseBackup } from '../../../utils/formats/json-backup';
import { mergeData } from '../../../utils/import/merge';
import { schemas } from '../../../utils/messages';
import { fieldsWhere, PERSON_FIELD_NAMES, personField, type PersonFieldName } from '../../../utils/model/person-fields';
import type { FollowUp, KithData, Person } from '../../../utils/model/types';
import { blankPerson } from '../../../utils/person';

const T = 1_700_000_000_000;
const ID = '00000000-0000-4000-8000-000000000001';
const PHOTO = 'data:image/jpeg;base64,AAAA';

/** A person with every field set, each to a value already as Kith stores it (clean, within its cap). */
const FULL: Required<Omit<Person, 'followUp'>> & { followUp: Required<FollowUp> } = {
  id: ID,
  keys: ['linkedin:anna-nowak', 'linkedin-member:42'],
  urls: { linkedin: 'https://www.linkedin.com/in/anna-nowak/', github: 'https://github.com/anowak' },
  name: 'Anna Nowak',
  givenName: 'Anna',
  familyName: 'Nowak',
  headline: 'CTO at Acme',
  company: 'Acme',
  position: 'Chief Technology Officer',
  location: 'Warsaw, Poland',
  email: 'anna@example.com',
  tags: ['investor', 'sailing'],
  lastTouch: '2026-11-20',
  followUp: { due: '2026-12-01', cadenceDays: 30, note: 'send the pilot deck' },
  connectedOn: '2024-03-12',
  notes: 'Met at the bar.\nTalked about boats.',
  howToSay: 'AN-nah NO-vak',
  memoryHook: 'Anna of the boats: sails every summer',
  hasPhoto: true,
  terms: [],
  sortName: '',
  createdAt: T,
  updatedAt: T + 5,
};
Object.assign(FULL, derivePersonFields(FULL));

const value = (name: PersonFieldName): unknown => FULL[name];
const store = (people: Person[], photos: KithData['photos'] = []): KithData => ({ people, encounters: [], events: [], photos, voiceNotes: [], drillCards: [], drillReviews: [] });
/** A person with nothing but what every person has, and one field of FULL. */
const withField = (name: PersonFieldName, updatedAt = T): Person => {
  const p: Person = { ...blankPerson('', T, ID), keys: FULL.keys, updatedAt };
  (p as unknown as Record<string, unknown>)[name] = value(name);
  return { ...p, ...derivePersonFields(p) };
};
const blank = (updatedAt = T): Person => {
  const p = { ...blankPerson('', T, ID), keys: FULL.keys, updatedAt };
  return { ...p, ...derivePersonFields(p) };
};

describe('the backup', () => {
  it('keeps every field of a Person (derived ones recomputed)', () => {
    const parsed = parseBackup(exportBackup(store([FULL], [{ personId: ID, dataUrl: PHOTO, updatedAt: T }]), '2026-01-01T00:00:00.000Z'));
    expect(parsed.people).toEqual([FULL]);
    expect(Object.keys(parsed.people[0]).sort()).toEqual(Object.keys(FULL).sort());
    expect(Object.keys(parsed.people[0].followUp).sort()).toEqual(Object.keys(FULL.followUp).sort());
  });
});

describe('the protocol is the table', () => {
  const patch = schemas['person.update'].payload.entries.patch;
  const profile = schemas['person.link'].payload.entries.profile;

  it("a patch has exactly the fields the user may change; a profile the page's own, besides site, keys and URL", () => {
    expect(Object.keys(patch.entries)).toEqual(fieldsWhere('edit'));
    expect(Object.keys(profile.entries)).toEqual(['site', 'keys', 'url', ...fieldsWhere('profile')]);
  });
});

describe.each(PERSON_FIELD_NAMES)('the field %s', (name) => {
  const field = personField(name);
  let db: KithDb;
  let dbName: string;
  beforeEach(async () => {
    dbName = `kith-fields-${Math.random()}`;
    db = await openKithDb(dbName);
  });
  afterEach(async () => closeKithDb(dbName));

  it(`is in a patch ${field.edit ? 'and stored by it' : 'never (the user does not change it)'}`, async () => {
    const result = v.safeParse(schemas['person.update'].payload, { id: ID, patch: { [name]: value(name) } });
    expect(result.success).toBe(field.edit);
    if (!field.edit) return;
    await putAll(db, store([blank()]));
    const stored = await updatePerson(db, ID, { [name]: value(name) }, T + 10);
    expect(stored[name]).toEqual(value(name));
    expect((await getPerson(db, ID))?.[name]).toEqual(value(name));
  });

  it(`is ${field.profile ? '' : 'never '}set by a profile page`, async () => {
    const page = { site: 'linkedin' as const, keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak', [name]: value(name) };
    expect(v.safeParse(schemas['person.link'].payload, { personId: ID, profile: page }).success).toBe(field.profile);
    if (!field.profile) return;
    const { person } = await recordEncounter(db, { profile: page, encounter: { date: '2026-11-20', kind: 'in-person' } }, T, '2026-11-27');
    expect(person[name]).toEqual(value(name));
  });

  it('survives a backup', () => {
    const parsed = parseBackup(exportBackup(store([withField(name)]), '2026-01-01T00:00:00.000Z'));
    expect(parsed.people[0][name]).toEqual(value(name));
    expect(parsed.people[0]).toEqual(withField(name));
  });

  it('survives a merge with a record that has none, whichever is newer', () => {
    const merged = (stored: Person, incoming: Person) => {
      const { put } = mergeData(store([stored]), store([incoming]));
      return (put.people.find((p) => p.id === ID) ?? stored)[name];
    };
    expect(merged(blank(T), withField(name, T + 1))).toEqual(value(name));
    expect(merged(withField(name, T), blank(T + 1))).toEqual(value(name));
    expect(merged(withField(name, T + 1), blank(T))).toEqual(value(name));
    expect(merged(blank(T + 1), withField(name, T))).toEqual(value(name));
  });

  it(`fills ${Object.keys(field.columns).length > 0 ? 'its CSV columns' : 'no CSV column'}`, () => {
    const csv = (p: Person) => Papa.parse<string[]>(exportCsv(store([p])).slice(1).trimEnd()).data;
    const [headers, row] = csv(withField(name));
    // A field without a column of its own (the name's parts: the name has one) leaves the row as it was.
    if (Object.keys(field.columns).length === 0) expect(row).toEqual(csv(blank())[1]);
    for (const [column, cell] of Object.entries(field.columns)) {
      expect(headers).toContain(column);
      expect(row[headers.indexOf(column)]).toBe((cell as (value: unknown) => string)(value(name)));
      expect(row[headers.indexOf(column)]).not.toBe('');
    }
  });
});
