import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { recordEncounter, updatePerson, type ProfileInput } from '../../../utils/db/writes';
import { linkProfile, peopleNamed, siteOfKey, unlinkSite } from '../../../utils/db/link';
import { encountersOf, readAll } from '../../../utils/db/reads';
import { findPersonByKeys, searchPeople } from '../../../utils/db/people';
import { speakEnglish } from '../english';

// Refusals are texts users read: checked in English.
speakEnglish();

let db: KithDb;
let name: string;
const TODAY = '2026-11-27';
const NOW = Date.UTC(2026, 10, 27, 12);

const linkedin: ProfileInput = { site: 'linkedin', keys: ['linkedin:anna-nowak', 'linkedin-member:123'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak', headline: 'CTO at Acme' };
const github: ProfileInput = { site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak', name: 'A. Nowak', headline: 'Rust and TypeScript' };

beforeEach(async () => {
  name = `kith-link-${Math.random()}`;
  db = await openKithDb(name);
});
afterEach(() => closeKithDb(name));

describe('siteOfKey', () => {
  it('knows each site by its keys, LinkedIn member ids included', () => {
    expect(siteOfKey('linkedin:anna')).toBe('linkedin');
    expect(siteOfKey('linkedin-member:123')).toBe('linkedin');
    expect(siteOfKey('github:anowak')).toBe('github');
    expect(siteOfKey('x:anna_nowak')).toBe('x');
    expect(siteOfKey('nope:1')).toBeUndefined();
  });
});

describe('linking a profile to a saved person', () => {
  it('adds an unsaved profile: both keys find the person, who keeps their name and gains the URL', async () => {
    const { person } = await recordEncounter(db, { profile: linkedin, encounter: { date: '2026-06-19', kind: 'in-person', place: 'Warsaw' } }, NOW, TODAY);
    const { person: linked, mergedId } = await linkProfile(db, person.id, github, NOW + 1);
    expect(mergedId).toBeUndefined();
    expect(linked.keys).toEqual(['linkedin:anna-nowak', 'linkedin-member:123', 'github:anowak']);
    expect(linked.urls).toEqual({ linkedin: linkedin.url, github: github.url });
    expect(linked.name).toBe('Anna Nowak');
    expect(linked.headline).toBe('CTO at Acme');
    expect((await findPersonByKeys(db, ['github:anowak']))?.id).toBe(person.id);
    expect((await readAll(db)).people).toHaveLength(1);
  });

  it('merges a profile saved separately: encounters, tags, notes, earliest follow-up, photo; the other record goes', async () => {
    const { person: anna } = await recordEncounter(db, { profile: linkedin, encounter: { date: '2026-06-19', kind: 'in-person', place: 'Warsaw' } }, NOW, TODAY);
    await updatePerson(db, anna.id, { tags: ['investor'], notes: 'Met in Warsaw.', followUp: { due: '2026-12-10' } }, NOW);
    const { person: other } = await recordEncounter(
      db,
      { profile: github, encounter: { date: '2026-09-01', kind: 'call', place: 'Kraków' }, photoDataUrl: 'data:image/jpeg;base64,AAAA' },
      NOW,
      TODAY,
    );
    await updatePerson(db, other.id, { tags: ['rust', 'investor'], notes: 'Maintains kith-app.', followUp: { due: '2026-12-01', cadenceDays: 30 } }, NOW);
    // Someone `other` introduced you to follows the merge.
    const { person: bob } = await recordEncounter(
      db,
      { profile: { site: 'linkedin', keys: ['linkedin:bob'], url: 'https://www.linkedin.com/in/bob/', name: 'Bob Stone' }, encounter: { date: '2026-10-01', kind: 'event', introducedBy: { id: other.id } } },
      NOW,
      TODAY,
    );

    const { person, mergedId } = await linkProfile(db, anna.id, github, NOW + 5);
    expect(mergedId).toBe(other.id);
    expect(person.id).toBe(anna.id);
    expect(person.keys.sort()).toEqual(['github:anowak', 'linkedin-member:123', 'linkedin:anna-nowak']);
    expect(person.tags).toEqual(['investor', 'rust']);
    expect(person.notes).toBe('Met in Warsaw.\n\nMaintains kith-app.');
    expect(person.followUp).toEqual({ due: '2026-12-01', cadenceDays: 30 });
    expect(person.hasPhoto).toBe(true);
    expect(person.lastTouch).toBe('2026-09-01');
    expect((await encountersOf(db, anna.id)).map((e) => e.place)).toEqual(['Kraków', 'Warsaw']);
    // Searchable by what the merged record brought.
    expect((await searchPeople(db, 'krak')).map((p) => p.id)).toEqual([anna.id]);
    const all = await readAll(db);
    expect(all.people.map((p) => p.name).sort()).toEqual(['Anna Nowak', 'Bob Stone']);
    expect(all.photos.map((p) => p.personId)).toEqual([anna.id]);
    expect(all.encounters.find((e) => e.personId === bob.id)?.introducedById).toBe(anna.id);
  });

  it('never leaves a person introducing themselves after a merge', async () => {
    const { person: other } = await recordEncounter(db, { profile: github, encounter: { date: '2026-01-01', kind: 'call' } }, NOW, TODAY);
    const { person: anna } = await recordEncounter(db, { profile: linkedin, encounter: { date: '2026-06-19', kind: 'event', introducedBy: { id: other.id } } }, NOW, TODAY);
    await linkProfile(db, anna.id, github, NOW + 1);
    const encounters = await encountersOf(db, anna.id);
    expect(encounters.every((e) => e.introducedById === undefined)).toBe(true);
    expect(encounters.find((e) => e.date === '2026-06-19')?.introducedByName).toBe('A. Nowak');
  });

  it('linking the profile the person already has changes nothing; an unknown person is refused', async () => {
    const { person } = await recordEncounter(db, { profile: linkedin, encounter: { date: '2026', kind: 'other' } }, NOW, TODAY);
    const { person: same, mergedId } = await linkProfile(db, person.id, linkedin, NOW + 1);
    expect(mergedId).toBeUndefined();
    expect(same.keys).toEqual(person.keys);
    await expect(linkProfile(db, 'gone', github, NOW)).rejects.toThrow(/no longer saved/);
  });
});

describe('unlinking', () => {
  it('takes every key and the URL of one site off the person; the profile is unknown again; encounters stay', async () => {
    const { person } = await recordEncounter(db, { profile: linkedin, encounter: { date: '2026-06-19', kind: 'in-person' } }, NOW, TODAY);
    await linkProfile(db, person.id, github, NOW + 1);
    const after = await unlinkSite(db, person.id, 'linkedin', NOW + 2);
    expect(after.keys).toEqual(['github:anowak']);
    expect(after.urls).toEqual({ github: github.url });
    expect(await findPersonByKeys(db, ['linkedin:anna-nowak'])).toBeUndefined();
    expect(await encountersOf(db, person.id)).toHaveLength(1);
  });

  it('refuses to unlink the only profile, or a site the person is not on', async () => {
    const { person } = await recordEncounter(db, { profile: linkedin, encounter: { date: '2026-06-19', kind: 'in-person' } }, NOW, TODAY);
    await expect(unlinkSite(db, person.id, 'linkedin', NOW)).rejects.toThrow(/only profile/);
    await expect(unlinkSite(db, person.id, 'github', NOW)).rejects.toThrow(/not linked/);
  });
});

describe('peopleNamed (the suggestion)', () => {
  it('finds saved people with the same name, ignoring case and diacritics, and nobody else', async () => {
    await recordEncounter(db, { profile: { ...linkedin, name: 'Łukasz Żółć', keys: ['linkedin:lz'] }, encounter: { date: '2026-06-19', kind: 'in-person' } }, NOW, TODAY);
    await recordEncounter(db, { profile: { ...linkedin, name: 'Łukasz Żółćowski', keys: ['linkedin:lz2'] }, encounter: { date: '2026-06-19', kind: 'in-person' } }, NOW, TODAY);
    await recordEncounter(db, { profile: { ...linkedin, name: 'Anna-Maria Nowak', keys: ['linkedin:amn'] }, encounter: { date: '2026-06-19', kind: 'in-person' } }, NOW, TODAY);
    expect((await peopleNamed(db, 'lukasz zolc')).map((p) => p.name)).toEqual(['Łukasz Żółć']);
    expect((await peopleNamed(db, 'anna-maria nowak')).map((p) => p.name)).toEqual(['Anna-Maria Nowak']);
    expect(await peopleNamed(db, 'anna nowak')).toEqual([]);
    expect(await peopleNamed(db, '')).toEqual([]);
  });
});

describe('all or nothing', () => {
  it('a write that fails half way leaves nothing of it behind', async () => {
    const { updateEncounter } = await import('../../../utils/db/writes');
    // An encounter whose person is gone (as after a crash of an older version): the edit puts the
    // encounter, then finds no person and throws. The put must not be committed on its own.
    await db.put('encounters', { id: 'orphan', personId: 'nobody', date: '2026-01-01', kind: 'call', createdAt: 1, updatedAt: 1 });
    await expect(updateEncounter(db, 'orphan', { date: '2026-02-02', kind: 'email', place: 'Gdańsk' }, NOW)).rejects.toThrow(/no longer saved/);
    expect(await db.get('encounters', 'orphan')).toEqual({ id: 'orphan', personId: 'nobody', date: '2026-01-01', kind: 'call', createdAt: 1, updatedAt: 1 });
  });
});
