/** Search says why someone matched when their name does not: the company, a tag, an event, a place... */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { recordEncounter, updatePerson } from '../../../utils/db/writes';
import { mergeEvents } from '../../../utils/db/events';
import { matchReason } from '../../../utils/db/people-search';
import type { Person } from '../../../utils/model/types';

let db: KithDb;
let name: string;
const NOW = Date.UTC(2026, 5, 19, 12);

beforeEach(async () => {
  name = `kith-match-${Math.random()}`;
  db = await openKithDb(name);
});
afterEach(() => closeKithDb(name));

async function anna(): Promise<Person> {
  const { person } = await recordEncounter(
    db,
    {
      profile: { site: 'linkedin', keys: ['linkedin:anna'], url: 'https://www.linkedin.com/in/anna/', name: 'Anna Nowak', headline: 'CTO at Globex', company: 'Acme Labs', location: 'Kraków' },
      encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw Expo', event: { name: 'Grow Up Start Up' } },
    },
    NOW,
    '2026-06-19',
  );
  return updatePerson(db, person.id, { tags: ['investor', 'climate'] }, NOW);
}

describe('matchReason', () => {
  it('says nothing when the name has every word', async () => {
    const p = await anna();
    expect(await matchReason(db, p, 'anna')).toBeUndefined();
    expect(await matchReason(db, p, 'ANN nowák')).toBeUndefined();
  });

  it('names the field of the words the name lacks, in the order company, headline, location, tag', async () => {
    const p = await anna();
    expect(await matchReason(db, p, 'acme')).toEqual({ field: 'company', text: 'Acme Labs' });
    expect(await matchReason(db, p, 'anna lab')).toEqual({ field: 'company', text: 'Acme Labs' });
    expect(await matchReason(db, p, 'globex')).toEqual({ field: 'headline', text: 'CTO at Globex' });
    expect(await matchReason(db, p, 'krakow')).toEqual({ field: 'location', text: 'Kraków' });
    expect(await matchReason(db, p, 'clim')).toEqual({ field: 'tag', text: 'climate' });
  });

  it('names the event or the place of an encounter', async () => {
    const p = await anna();
    expect(await matchReason(db, p, 'grow')).toEqual({ field: 'event', text: 'Grow Up Start Up' });
    expect(await matchReason(db, p, 'expo')).toEqual({ field: 'place', text: 'Warsaw Expo' });
  });

  it('prefers the field holding every missing word', async () => {
    const p = await anna();
    // "acme" is the company's, but "acme investor" is found whole in no field: the first holding one.
    expect(await matchReason(db, p, 'acme investor')).toEqual({ field: 'company', text: 'Acme Labs' });
    // "start up" is all in the event's name; "up" alone would also start nothing else.
    expect(await matchReason(db, p, 'start up')).toEqual({ field: 'event', text: 'Grow Up Start Up' });
  });

  it('shows an event found by an old name under its name now', async () => {
    const p = await anna();
    const { person: bob } = await recordEncounter(
      db,
      { profile: { site: 'linkedin', keys: ['linkedin:bob'], url: 'https://www.linkedin.com/in/bob/', name: 'Bob Lis' }, encounter: { date: '2026-06-19', kind: 'event', event: { name: 'GUSU' } } },
      NOW,
      '2026-06-19',
    );
    const events = await db.getAll('events');
    const keep = events.find((e) => e.name === 'Grow Up Start Up')!;
    const drop = events.find((e) => e.name === 'GUSU')!;
    await mergeEvents(db, keep.id, drop.id, NOW);
    expect(await matchReason(db, (await db.get('people', bob.id))!, 'gusu')).toEqual({ field: 'event', text: 'Grow Up Start Up' });
    expect(p.id).not.toBe(bob.id);
  });
});
