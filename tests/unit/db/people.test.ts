import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { countDueBy, findPersonByKeys, listTags, peopleDueBy, searchPeople } from '../../../utils/db/people';
import { deleteEncounter, deletePerson, recordEncounter, updateEncounter, updatePerson, type ProfileInput } from '../../../utils/db/writes';
import { encountersOf, introductionsBy, listEvents, readAll } from '../../../utils/db/reads';
import { clearAll, importReceipt, putAll } from '../../../utils/db/bulk';
import { speakEnglish } from '../english';

// Refusals are texts users read: checked in English.
speakEnglish();

let db: KithDb;
let name: string;
const TODAY = '2026-11-27';
const NOW = Date.UTC(2026, 10, 27, 12);

const profile = (slug: string, fullName: string, extra: Partial<ProfileInput> = {}): ProfileInput => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name: fullName,
  ...extra,
});

beforeEach(async () => {
  name = `kith-test-${Math.random()}`;
  db = await openKithDb(name);
});
afterEach(async () => {
  await closeKithDb(name);
});

describe('recording encounters', () => {
  it('creates the person on first save and finds them by any key', async () => {
    const { person } = await recordEncounter(
      db,
      {
        profile: profile('anna-nowak', 'Anna Nowak', { headline: 'CTO at Acme', company: 'Acme', keys: ['linkedin:anna-nowak', 'linkedin-member:42'] }),
        encounter: { date: '2026-11-20', kind: 'in-person', place: 'Warsaw', event: { name: 'Grow Up Start Up' }, note: 'Sailing' },
        followUpDue: '2026-11-22',
      },
      NOW,
      TODAY,
    );
    expect(person.keys).toEqual(['linkedin:anna-nowak', 'linkedin-member:42']);
    expect((await findPersonByKeys(db, ['linkedin-member:42']))?.id).toBe(person.id);
    expect(person.lastTouch).toBe('2026-11-20');
    expect(person.followUp.due).toBe('2026-11-22');
    expect(person.terms).toEqual(expect.arrayContaining(['anna', 'acme', 'warsaw', 'grow']));
    const events = await listEvents(db);
    expect(events.map((e) => e.name)).toEqual(['Grow Up Start Up']);
  });

  it('a slug change adds an alias instead of a second person', async () => {
    const first = await recordEncounter(db, { profile: profile('anna-nowak', 'Anna Nowak', { keys: ['linkedin:anna-nowak', 'linkedin-member:42'] }), encounter: { date: '2026-11-01', kind: 'call' } }, NOW, TODAY);
    const second = await recordEncounter(db, { profile: profile('anna-nowak-phd', 'Anna Nowak', { keys: ['linkedin:anna-nowak-phd', 'linkedin-member:42'] }), encounter: { date: '2026-11-02', kind: 'email' } }, NOW, TODAY);
    expect(second.person.id).toBe(first.person.id);
    expect(second.person.keys.sort()).toEqual(['linkedin-member:42', 'linkedin:anna-nowak', 'linkedin:anna-nowak-phd']);
    expect(await db.count('people')).toBe(1);
    expect((await encountersOf(db, first.person.id)).map((e) => e.date)).toEqual(['2026-11-02', '2026-11-01']);
  });

  it('two saves at once both land (append-only encounters)', async () => {
    const p = profile('jan', 'Jan Kowalski');
    await Promise.all([
      recordEncounter(db, { profile: p, encounter: { date: '2026-11-20', kind: 'in-person' } }, NOW, TODAY),
      recordEncounter(db, { profile: p, encounter: { date: '2026-11-21', kind: 'call' } }, NOW, TODAY),
    ]);
    expect(await db.count('people')).toBe(1);
    expect(await db.count('encounters')).toBe(2);
  });

  it('a touch resets the cadence clock', async () => {
    const { person } = await recordEncounter(db, { profile: profile('a', 'A B'), encounter: { date: '2026-11-01', kind: 'call' } }, NOW, TODAY);
    await updatePerson(db, person.id, { followUp: { due: '2027-05-01', cadenceDays: 30 } }, NOW);
    const after = await recordEncounter(db, { personId: person.id, encounter: { date: '2026-11-27', kind: 'message' } }, NOW, TODAY);
    expect(after.person.followUp).toEqual({ due: '2026-12-27', cadenceDays: 30 });
  });

  it('refuses a new person without a name, and an unknown introducer', async () => {
    await expect(recordEncounter(db, { profile: profile('x', '  '), encounter: { date: '2026', kind: 'other' } }, NOW, TODAY)).rejects.toThrow(/name/);
    await expect(
      recordEncounter(db, { profile: profile('x', 'X Y'), encounter: { date: '2026', kind: 'other', introducedBy: { id: 'nobody' } } }, NOW, TODAY),
    ).rejects.toThrow(/introduced/);
    expect(await db.count('people')).toBe(0);
    expect(await db.count('encounters')).toBe(0);
  });

  it('introductions link both people; deleting the introducer keeps the name', async () => {
    const { person: intro } = await recordEncounter(db, { profile: profile('piotr', 'Piotr Zieliński'), encounter: { date: '2026-01', kind: 'event' } }, NOW, TODAY);
    const { person } = await recordEncounter(db, { profile: profile('ewa', 'Ewa Lis'), encounter: { date: '2026-02-03', kind: 'in-person', introducedBy: { id: intro.id } } }, NOW, TODAY);
    expect((await introductionsBy(db, intro.id)).map((e) => e.personId)).toEqual([person.id]);
    await deletePerson(db, intro.id);
    const [enc] = await encountersOf(db, person.id);
    expect(enc.introducedById).toBeUndefined();
    expect(enc.introducedByName).toBe('Piotr Zieliński');
  });

  it('editing an encounter changes its fields and the last touch, not the follow-up', async () => {
    const { person, encounter } = await recordEncounter(db, { profile: profile('e', 'Ewa Lis'), encounter: { date: '2026-11-20', kind: 'in-person', place: 'Warsaw' }, followUpDue: '2026-11-22' }, NOW, TODAY);
    const after = await updateEncounter(db, encounter.id, { date: '2026-06', kind: 'event', place: 'Kraków', event: { name: 'Infoshare' }, note: 'typo fixed' }, NOW + 1);
    expect(after.lastTouch).toBe('2026-06-30');
    expect(after.followUp).toEqual({ due: '2026-11-22' });
    const [e] = await encountersOf(db, person.id);
    expect(e).toMatchObject({ id: encounter.id, date: '2026-06', kind: 'event', place: 'Kraków', note: 'typo fixed', createdAt: encounter.createdAt });
    expect((await searchPeople(db, 'infoshare')).map((p) => p.id)).toEqual([person.id]);
    expect((await searchPeople(db, 'warsaw')).length).toBe(0);
    await expect(updateEncounter(db, 'nope', { date: '2026', kind: 'other' }, NOW)).rejects.toThrow(/no longer saved/);
  });

  it('deleting an encounter updates the search words', async () => {
    const { person, encounter } = await recordEncounter(db, { profile: profile('a', 'Ala Ma'), encounter: { date: '2026-11-01', kind: 'in-person', place: 'Kraków' } }, NOW, TODAY);
    expect((await searchPeople(db, 'krakow')).length).toBe(1);
    await deleteEncounter(db, encounter.id, NOW);
    expect((await searchPeople(db, 'krakow')).length).toBe(0);
    expect((await db.get('people', person.id))!.keys).toEqual(['linkedin:a']);
  });
});

describe('field edits', () => {
  it('changes a follow-up field by field: null clears, absent keeps', async () => {
    const { person } = await recordEncounter(db, { profile: profile('f', 'F G'), encounter: { date: '2026', kind: 'other' } }, NOW, TODAY);
    await updatePerson(db, person.id, { followUp: { due: '2026-12-01' } }, NOW);
    await updatePerson(db, person.id, { followUp: { cadenceDays: 30 } }, NOW);
    let after = await updatePerson(db, person.id, { followUp: { note: 'send the deck' } }, NOW);
    expect(after.followUp).toEqual({ due: '2026-12-01', cadenceDays: 30, note: 'send the deck' });
    after = await updatePerson(db, person.id, { followUp: { cadenceDays: null, note: null } }, NOW);
    expect(after.followUp).toEqual({ due: '2026-12-01' });
  });

  it('changes only the fields in the patch, cleaned and capped', async () => {
    const { person } = await recordEncounter(db, { profile: profile('a', 'Ala Ma', { headline: 'Boss' }), encounter: { date: '2026', kind: 'other' } }, NOW, TODAY);
    await updatePerson(db, person.id, { notes: 'first' }, NOW);
    const after = await updatePerson(db, person.id, { tags: [' vc ', 'vc', 'x'.repeat(500), '\u202Eevil'] }, NOW);
    expect(after.notes).toBe('first');
    expect(after.headline).toBe('Boss');
    expect(after.tags).toEqual(['vc', 'x'.repeat(60), 'evil']);
  });
});

describe('queries', () => {
  beforeEach(async () => {
    const mk = async (slug: string, n: string, due: string | undefined, tags: string[] = []) => {
      const { person } = await recordEncounter(db, { profile: profile(slug, n, { company: 'Acme' }), encounter: { date: '2026-01-01', kind: 'call' } }, NOW, TODAY);
      await updatePerson(db, person.id, { tags, ...(due ? { followUp: { due } } : {}) }, NOW);
    };
    await mk('zofia', 'Zofia Ąbc', '2026-11-20', ['investor']);
    await mk('adam', 'Adam Nowak', '2026-11-27', ['founder', 'investor']);
    await mk('olga', 'Olga Żak', '2026-12-01');
    await mk('ben', 'Ben Stone', undefined);
  });

  it('finds due people through the due-date index', async () => {
    expect((await peopleDueBy(db, TODAY)).map((p) => p.name).sort()).toEqual(['Adam Nowak', 'Zofia Ąbc']);
    expect(await countDueBy(db, TODAY)).toBe(2);
  });

  it('lists tags, searches by word prefixes with diacritics folded', async () => {
    expect(await listTags(db)).toEqual(['founder', 'investor']);
    expect((await searchPeople(db, 'zak')).map((p) => p.name)).toEqual(['Olga Żak']);
    expect((await searchPeople(db, 'inv')).map((p) => p.name)).toEqual(['Adam Nowak', 'Zofia Ąbc']);
    expect((await searchPeople(db, 'acme ad')).map((p) => p.name)).toEqual(['Adam Nowak']);
    expect(await searchPeople(db, '  ')).toEqual([]);
  });
});

describe('bulk writes', () => {
  it('putAll writes everything in one transaction, and a failure leaves nothing', async () => {
    const base = { urls: {}, tags: [], notes: '', followUp: {}, terms: [], sortName: '', createdAt: 1, updatedAt: 1 };
    await putAll(db, { people: [{ ...base, id: 'a', keys: ['linkedin:a'], name: 'A' }] });
    const progress: number[] = [];
    // The second record reuses key linkedin:a (unique index): the whole batch must roll back.
    await expect(
      putAll(
        db,
        { people: [{ ...base, id: 'b', keys: ['linkedin:b'], name: 'B' }, { ...base, id: 'c', keys: ['linkedin:a'], name: 'C' }] },
        (done) => progress.push(done),
        1,
      ),
    ).rejects.toBeTruthy();
    expect((await readAll(db)).people.map((p) => p.id)).toEqual(['a']);
    // The receipt lands with the import, or not at all.
    const receipt = { key: 'lastImport' as const, id: 'imp-1', kind: 'backup' as const, at: 1, report: { n: 1 } };
    await expect(putAll(db, { people: [{ ...base, id: 'd', keys: ['linkedin:a'], name: 'D' }] }, undefined, 500, receipt)).rejects.toBeTruthy();
    expect(await importReceipt(db, 'imp-1')).toBeUndefined();
    await putAll(db, { people: [{ ...base, id: 'd', keys: ['linkedin:d'], name: 'D' }] }, undefined, 500, receipt);
    expect(await importReceipt(db, 'imp-1')).toEqual(receipt);
    expect(await importReceipt(db, 'imp-2')).toBeUndefined();
    await clearAll(db);
    expect(await db.count('people')).toBe(0);
  });
});
