import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { createEvent, eventsWithCounts, mergeEvents, peopleIdsAtEvent, updateEvent } from '../../../utils/db/events';
import { recordEncounter, type ProfileInput } from '../../../utils/db/writes';
import { encountersOf, getEvent, listEvents } from '../../../utils/db/reads';
import { getPerson, searchPeople } from '../../../utils/db/people';
import { pagePeople } from '../../../utils/db/people-search';
import { speakEnglish } from '../english';

// Refusals are texts users read: checked in English.
speakEnglish();

let db: KithDb;
let name: string;
const TODAY = '2026-06-19';
const NOW = Date.UTC(2026, 5, 19, 12);

const profile = (slug: string, fullName: string): ProfileInput => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name: fullName,
});

async function meet(slug: string, fullName: string, event: { id: string } | { name: string }, date = TODAY) {
  const { person } = await recordEncounter(db, { profile: profile(slug, fullName), encounter: { date, kind: 'in-person', event } }, NOW, TODAY);
  return person;
}

const searchIds = async (q: string) => (await searchPeople(db, q)).map((p) => p.name).sort();
const listed = async (query: string) =>
  (await pagePeople(db, { offset: 0, limit: 100, sort: 'name', filter: { query } }, TODAY)).people.map((p) => p.name);
/** What the store holds for an event, read straight from its index. */
const encountersStoredAt = (eventId: string) => db.getAllFromIndex('encounters', 'byEvent', eventId);
const atEvent = async (eventId: string) =>
  (await pagePeople(db, { offset: 0, limit: 100, sort: 'name', filter: { eventId } }, TODAY)).people.map((p) => p.name);

beforeEach(async () => {
  name = `kith-events-${Math.random()}`;
  db = await openKithDb(name);
});
afterEach(async () => {
  await closeKithDb(name);
});

describe('creating and editing events', () => {
  it('creates an event with every field, cleaned', async () => {
    const ev = await createEvent(
      db,
      { name: '  Grow Up\u200b Start Up ', start: '2026-06-19', end: '2026-06-20', place: 'Warsaw', url: 'https://growup.example/2026', notes: 'Hall B' },
      NOW,
    );
    expect(ev).toMatchObject({ name: 'Grow Up Start Up', start: '2026-06-19', end: '2026-06-20', place: 'Warsaw', url: 'https://growup.example/2026', notes: 'Hall B' });
    expect(await getEvent(db, ev.id)).toEqual(ev);
  });

  it('refuses a nameless event, a bad day, an end before the start, a link that is not a web address, and a second event of the same name', async () => {
    await expect(createEvent(db, { name: '  ' }, NOW)).rejects.toThrow(RangeError);
    await expect(createEvent(db, { name: 'X', start: '2026-02-30' }, NOW)).rejects.toThrow(/Not a day/);
    await expect(createEvent(db, { name: 'X', start: '2026-06-20', end: '2026-06-19' }, NOW)).rejects.toThrow(/end before/);
    await expect(createEvent(db, { name: 'X', url: 'javascript:alert(1)' }, NOW)).rejects.toThrow(/web address/);
    await createEvent(db, { name: 'Łódź Meetup' }, NOW);
    await expect(createEvent(db, { name: 'lodz meetup' }, NOW)).rejects.toThrow(/already an event named “Łódź Meetup”/);
    expect(await listEvents(db)).toHaveLength(1);
  });

  it('edits fields, clears optional ones with an empty string, and a rename reaches the search words of everyone met there', async () => {
    const ev = await createEvent(db, { name: 'Old Name', place: 'Warsaw', url: 'https://a.example' }, NOW);
    await meet('anna', 'Anna Nowak', { id: ev.id });
    expect(await searchIds('old name')).toEqual(['Anna Nowak']);
    const { event, personIds } = await updateEvent(db, ev.id, { name: 'Fresh Title', place: '', start: '2026-06-19' }, NOW + 1);
    expect(event).toMatchObject({ name: 'Fresh Title', start: '2026-06-19', url: 'https://a.example', updatedAt: NOW + 1 });
    expect(event).not.toHaveProperty('place');
    expect(personIds).toHaveLength(1);
    expect(await searchIds('fresh')).toEqual(['Anna Nowak']);
    expect(await searchIds('old')).toEqual([]);
  });
});

describe('the events list', () => {
  it('shows what is to come first (soonest first), then the past (most recent first), then the undated', async () => {
    const make = (name: string, start?: string, end?: string) => createEvent(db, { name, ...(start ? { start } : {}), ...(end ? { end } : {}) }, NOW);
    await make('Next year', '2027-03-01');
    await make('Next week', '2026-06-26');
    await make('Ends today', '2026-06-17', '2026-06-19');
    await make('Last month', '2026-05-10');
    await make('Last year', '2025-06-10');
    await make('Zeta undated');
    await make('Alpha undated');
    const undatedButMet = await make('Met there in April');
    await meet('anna', 'Anna Nowak', { id: undatedButMet.id }, '2026-04-02');
    expect((await eventsWithCounts(db, TODAY)).map((s) => s.event.name)).toEqual([
      'Ends today',
      'Next week',
      'Next year',
      'Last month',
      'Met there in April',
      'Last year',
      'Alpha undated',
      'Zeta undated',
    ]);
  });

  it('an event first named in an encounter takes its day and place; one without its own says when and where people were met there', async () => {
    await recordEncounter(db, { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-18', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } } }, NOW, TODAY);
    await recordEncounter(db, { profile: profile('bob', 'Bob Stone'), encounter: { date: '2026-05', kind: 'event', event: { name: 'Infoshare' } } }, NOW, TODAY);
    const [gusu] = await listEvents(db);
    expect(gusu).toMatchObject({ name: 'Grow Up Start Up', start: '2026-06-18', place: 'Warsaw' });
    // A month is no day: the event stays undated, and the list says when people were met there.
    const info = (await eventsWithCounts(db, TODAY)).find((s) => s.event.name === 'Infoshare')!;
    expect(info.event.start).toBeUndefined();
    expect(info.lastMet).toBe('2026-05');
    const plain = await createEvent(db, { name: 'Plain' }, NOW);
    await recordEncounter(db, { profile: profile('cyd', 'Cyd Moss'), encounter: { date: '2026-06-01', kind: 'event', place: 'Gdańsk', event: { id: plain.id } } }, NOW, TODAY);
    expect((await eventsWithCounts(db, TODAY)).find((s) => s.event.id === plain.id)).toMatchObject({ lastMet: '2026-06-01', metPlace: 'Gdańsk' });
  });
});

describe('merging two events that are the same', () => {
  it('moves every encounter to the kept event, counts right, nothing lost, and everyone is found by either name', async () => {
    const keep = await createEvent(db, { name: 'Grow Up Start Up', start: '2026-06-19', end: '2026-06-20' }, NOW);
    const drop = await createEvent(db, { name: 'GUSU', place: 'Warsaw, Pałac Kultury', url: 'https://gusu.example', notes: 'Badge pickup at 8' }, NOW);
    const anna = await meet('anna', 'Anna Nowak', { id: keep.id });
    const bob = await meet('bob', 'Bob Stone', { id: drop.id });
    const cyd = await meet('cyd', 'Cyd Moss', { id: drop.id });
    // Anna was met at both: she counts once afterwards, with both encounters kept.
    await recordEncounter(db, { personId: anna.id, encounter: { date: '2026-06-20', kind: 'event', event: { id: drop.id } } }, NOW, TODAY);
    const other = await createEvent(db, { name: 'Other Conf' }, NOW);
    const dan = await meet('dan', 'Dan Ray', { id: other.id });

    // By day (met there today or tomorrow, for the undated ones): all still on or to come.
    expect((await eventsWithCounts(db, TODAY)).map((s) => [s.event.name, s.people, s.encounters])).toEqual([
      ['Grow Up Start Up', 1, 1],
      ['Other Conf', 1, 1],
      ['GUSU', 3, 3],
    ]);
    expect(await searchIds('gusu')).toEqual(['Anna Nowak', 'Bob Stone', 'Cyd Moss']);

    const before = await db.count('encounters');
    const { event, moved, personIds } = await mergeEvents(db, keep.id, drop.id, NOW + 5);
    expect(moved).toBe(3);
    expect(personIds.sort()).toEqual([anna.id, bob.id, cyd.id].sort());
    expect(event.mergedNames).toEqual(['GUSU']);
    expect(await db.count('encounters')).toBe(before);
    expect(await getEvent(db, drop.id)).toBeUndefined();
    expect(await encountersStoredAt(drop.id)).toEqual([]);
    expect((await encountersStoredAt(keep.id)).every((e) => e.eventId === keep.id)).toBe(true);
    expect((await encountersStoredAt(keep.id)).filter((e) => e.updatedAt === NOW + 5)).toHaveLength(3);
    expect((await encountersOf(db, anna.id)).map((e) => e.eventId)).toEqual([keep.id, keep.id]);

    // The kept event keeps its own fields, takes what it lacked, and its notes keep the dropped name and details.
    expect(event).toMatchObject({ name: 'Grow Up Start Up', start: '2026-06-19', end: '2026-06-20', place: 'Warsaw, Pałac Kultury', url: 'https://gusu.example' });
    expect(event.notes).toContain('GUSU');
    expect(event.notes).toContain('Badge pickup at 8');
    expect(await getEvent(db, keep.id)).toEqual(event);

    expect((await eventsWithCounts(db, TODAY)).map((s) => [s.event.name, s.people, s.encounters])).toEqual([
      ['Grow Up Start Up', 3, 4],
      ['Other Conf', 1, 1],
    ]);
    expect([...(await peopleIdsAtEvent(db, keep.id))].sort()).toEqual([anna.id, bob.id, cyd.id].sort());
    expect(await atEvent(keep.id)).toEqual(['Anna Nowak', 'Bob Stone', 'Cyd Moss']);
    expect(await atEvent(other.id)).toEqual(['Dan Ray']);

    // The people of both events are found by either name, in the popup's search and the network list.
    expect(await searchIds('grow up')).toEqual(['Anna Nowak', 'Bob Stone', 'Cyd Moss']);
    expect(await searchIds('gusu')).toEqual(['Anna Nowak', 'Bob Stone', 'Cyd Moss']);
    expect(await listed('gusu')).toEqual(['Anna Nowak', 'Bob Stone', 'Cyd Moss']);
    expect(await listed('grow')).toEqual(['Anna Nowak', 'Bob Stone', 'Cyd Moss']);
    expect((await getPerson(db, bob.id))?.terms).toEqual(expect.arrayContaining(['grow', 'up', 'start', 'gusu']));
    expect(await searchIds('dan')).toEqual(['Dan Ray']);
    expect(dan.id).toBeTruthy();
  });

  it('someone met only at the kept event is found by the dropped name too, and names survive merges of merges', async () => {
    const a = await createEvent(db, { name: 'Infoshare 2026' }, NOW);
    const b = await createEvent(db, { name: 'InfoShare Gdańsk' }, NOW);
    const c = await createEvent(db, { name: 'Infoszer' }, NOW);
    const d = await createEvent(db, { name: 'Info Share' }, NOW);
    const anna = await meet('anna', 'Anna Nowak', { id: a.id });
    await meet('bob', 'Bob Stone', { id: c.id });
    // The one met at the kept event was never at the dropped one, yet its name now finds her.
    expect(await searchIds('gdansk')).toEqual([]);
    const first = await mergeEvents(db, a.id, b.id, NOW + 1);
    expect(first.personIds).toEqual([anna.id]);
    expect(await searchIds('gdansk')).toEqual(['Anna Nowak']);
    expect(await listed('gdańsk')).toEqual(['Anna Nowak']);
    // c is merged into d, then d into a: a answers to every name, each once.
    await mergeEvents(db, d.id, c.id, NOW + 2);
    const { event } = await mergeEvents(db, a.id, d.id, NOW + 3);
    expect(event.mergedNames).toEqual(['Info Share', 'InfoShare Gdańsk', 'Infoszer']);
    expect(await searchIds('infoszer')).toEqual(['Anna Nowak', 'Bob Stone']);
    expect(await searchIds('gdansk')).toEqual(['Anna Nowak', 'Bob Stone']);
    expect(await listed('info share')).toEqual(['Anna Nowak', 'Bob Stone']);
    // Renamed to one of its merged names: that name is its name now, not also a merged one.
    const { event: renamed } = await updateEvent(db, a.id, { name: 'Infoszer' }, NOW + 4);
    expect(renamed.mergedNames).toEqual(['Info Share', 'InfoShare Gdańsk']);
    expect(await searchIds('2026')).toEqual([]);
    expect(await searchIds('infoszer gdansk')).toEqual(['Anna Nowak', 'Bob Stone']);
  });

  it('refuses to merge an event into itself or with one that is gone, and changes nothing then', async () => {
    const a = await createEvent(db, { name: 'A' }, NOW);
    await meet('anna', 'Anna Nowak', { id: a.id });
    await expect(mergeEvents(db, a.id, a.id, NOW)).rejects.toThrow(RangeError);
    await expect(mergeEvents(db, a.id, 'nope', NOW)).rejects.toThrow(/no longer exists/);
    expect(await getEvent(db, a.id)).toEqual(a);
    expect(await encountersStoredAt(a.id)).toHaveLength(1);
  });

  it('a merge of an event nobody was met at only removes it', async () => {
    const a = await createEvent(db, { name: 'A', start: '2026-01-01' }, NOW);
    const b = await createEvent(db, { name: 'B' }, NOW);
    const { moved, event } = await mergeEvents(db, a.id, b.id, NOW);
    expect(moved).toBe(0);
    expect(event.notes).toBe('B');
    expect((await listEvents(db)).map((e) => e.name)).toEqual(['A']);
  });
});

describe('a merged-away name typed again', () => {
  it('records the encounter at the event it was merged into, not at a new event of that name', async () => {
    const keep = await createEvent(db, { name: 'Grow Up Start Up 2026' }, NOW);
    const drop = await createEvent(db, { name: 'GUSU Warsaw' }, NOW);
    await mergeEvents(db, keep.id, drop.id, NOW + 1);
    const anna = await meet('anna', 'Anna Nowak', { name: 'gusu warsaw' });
    expect((await encountersOf(db, anna.id)).map((e) => e.eventId)).toEqual([keep.id]);
    expect((await listEvents(db)).map((e) => e.name)).toEqual(['Grow Up Start Up 2026']);
    // The same name in other case or accents is the same event.
    await meet('ewa', 'Ewa Zając', { name: 'grow up start up 2026' });
    expect((await listEvents(db)).map((e) => e.name)).toEqual(['Grow Up Start Up 2026']);
    // A name no event ever had still makes a new one.
    await meet('bob', 'Bob Stone', { name: 'Meetup' });
    expect((await listEvents(db)).map((e) => e.name).sort()).toEqual(['Grow Up Start Up 2026', 'Meetup']);
  });
});
