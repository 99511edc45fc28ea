import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { recordEncounter, updatePerson, type ProfileInput } from '../../../utils/db/writes';
import { readDue } from '../../../utils/db/reads';
import { createEvent } from '../../../utils/db/events';

let db: KithDb;
let name: string;
const TODAY = '2026-11-27';
const NOW = Date.UTC(2026, 10, 27, 12);
const profile = (slug: string, fullName: string): ProfileInput => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name: fullName,
});
const OVERDUE = IDBKeyRange.upperBound(TODAY, true);
const DUE_TODAY = IDBKeyRange.only(TODAY);
const WEEK = IDBKeyRange.bound('2026-11-28', '2026-12-04');

beforeEach(async () => {
  name = `kith-due-${Math.random()}`;
  db = await openKithDb(name);
});
afterEach(() => closeKithDb(name));

describe('readDue (the popup list in one transaction)', () => {
  it('tells an empty store from one with people, without counting them', async () => {
    const empty = await readDue(db, [OVERDUE], 5);
    expect(empty).toMatchObject({ anyone: false, groups: [{ people: [], total: 0 }] });
    await recordEncounter(db, { profile: profile('z', 'Z Z'), encounter: { date: '2026', kind: 'other' } }, NOW, TODAY);
    expect((await readDue(db, [OVERDUE], 5)).anyone).toBe(true);
  });

  it('reads each range through the due index, earliest first, up to the limit, with the full count', async () => {
    const mk = async (slug: string, n: string, due?: string) => {
      const { person } = await recordEncounter(db, { profile: profile(slug, n), encounter: { date: '2026-01-01', kind: 'call' } }, NOW, TODAY);
      if (due) await updatePerson(db, person.id, { followUp: { due } }, NOW);
    };
    await mk('zofia', 'Zofia Ąbc', '2026-11-20');
    await mk('piotr', 'Piotr Lis', '2026-11-25');
    await mk('adam', 'Adam Nowak', TODAY);
    await mk('olga', 'Olga Żak', '2026-12-01');
    await mk('late', 'Late One', '2026-12-20');
    await mk('ben', 'Ben Stone');
    const read = await readDue(db, [OVERDUE, DUE_TODAY, WEEK], 1);
    expect(read.groups.map((g) => [g.people.map((p) => p.name), g.total])).toEqual([
      [['Zofia Ąbc'], 2],
      [['Adam Nowak'], 1],
      [['Olga Żak'], 1],
    ]);
    // Only the listed people's encounters are read.
    expect([...read.encounters.keys()].length).toBe(3);
  });

  it('brings each listed person encounters newest first, photo and the events they were met at', async () => {
    const ev = await createEvent(db, { name: 'Grow Up Start Up', place: 'Warsaw' }, NOW);
    const { person } = await recordEncounter(db, { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-19', kind: 'event', event: { id: ev.id } }, photoDataUrl: 'data:image/png;base64,AAAA' }, NOW, TODAY);
    await recordEncounter(db, { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-09-01', kind: 'email' } }, NOW + 1, TODAY);
    await updatePerson(db, person.id, { followUp: { due: '2026-11-01' } }, NOW);
    const read = await readDue(db, [OVERDUE], 25);
    expect(read.encounters.get(person.id)!.map((e) => e.date)).toEqual(['2026-09-01', '2026-06-19']);
    expect(read.events.get(ev.id)?.name).toBe('Grow Up Start Up');
    expect(read.photos.get(person.id)?.dataUrl).toBe('data:image/png;base64,AAAA');
  });
});
