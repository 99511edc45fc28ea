import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { upgrade } from '../../../utils/db/migrations';
import { DB_VERSION, type KithSchema } from '../../../utils/db/schema';
import { closeKithDb, openKithDb } from '../../../utils/db';
import { searchPeople } from '../../../utils/db/people';

let n = 0;
const freshName = () => `kith-migration-${++n}-${Math.random()}`;

describe('upgrade ladder', () => {
  it('creates every store and index on a new database', async () => {
    const name = freshName();
    const db = await openKithDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['encounters', 'events', 'meta', 'people', 'photos']);
    const tx = db.transaction(['people', 'encounters', 'events']);
    expect([...tx.objectStore('people').indexNames].sort()).toEqual(
      ['byDue', 'byKey', 'byLastTouch', 'bySortName', 'byTag', 'byTerm'].sort(),
    );
    expect(tx.objectStore('people').index('byKey').unique).toBe(true);
    expect(tx.objectStore('people').index('byKey').multiEntry).toBe(true);
    expect([...tx.objectStore('encounters').indexNames].sort()).toEqual(['byDate', 'byEvent', 'byIntroducer', 'byPerson']);
    expect([...tx.objectStore('events').indexNames].sort()).toEqual(['byName', 'byStart']);
    await closeKithDb(name);
  });

  it('v1 -> v2: people saved under v1 keep every field and become searchable', async () => {
    const name = freshName();
    // Seed the v1 shape: people without the derived search fields.
    const v1 = await openDB<KithSchema>(name, 1, { upgrade });
    const person = {
      id: 'p1',
      keys: ['linkedin:lukasz-zolc'],
      name: 'Łukasz Żółć',
      company: 'Acme',
      urls: { linkedin: 'https://www.linkedin.com/in/lukasz-zolc/' },
      tags: ['investor'],
      notes: 'Talked about sailing',
      followUp: { due: '2026-12-01', cadenceDays: 30 },
      createdAt: 1,
      updatedAt: 2,
    };
    await v1.put('people', person as never);
    await v1.put('events', { id: 'e1', name: 'Grow Up Start Up', createdAt: 1, updatedAt: 1 });
    await v1.put('encounters', { id: 'x1', personId: 'p1', date: '2026-06-19', kind: 'event', place: 'Warsaw', eventId: 'e1', createdAt: 1, updatedAt: 1 });
    await v1.put('photos', { personId: 'p1', dataUrl: 'data:image/jpeg;base64,AAAA', updatedAt: 1 });
    v1.close();

    const db = await openKithDb(name);
    expect(db.version).toBe(DB_VERSION);
    const after = await db.get('people', 'p1');
    expect(after).toMatchObject(person);
    expect(after!.sortName).toBe('lukasz zolc');
    expect(after!.terms).toEqual(expect.arrayContaining(['lukasz', 'zolc', 'acme', 'investor', 'warsaw', 'grow', 'up', 'start']));
    expect(await db.count('encounters')).toBe(1);
    expect(await db.count('photos')).toBe(1);
    expect((await searchPeople(db, 'grow warsaw')).map((p) => p.id)).toEqual(['p1']);
    await closeKithDb(name);
  });
});

describe('v2 -> v3', () => {
  it('adds the meta store and keeps everything', async () => {
    const name = freshName();
    const v2 = await openDB<KithSchema>(name, 2, { upgrade });
    await v2.put('people', { id: 'p1', keys: ['linkedin:a'], name: 'A', urls: {}, tags: [], notes: '', followUp: {}, terms: ['a'], sortName: 'a', createdAt: 1, updatedAt: 1 });
    expect([...v2.objectStoreNames]).not.toContain('meta');
    v2.close();
    const db = await openKithDb(name);
    expect([...db.objectStoreNames]).toContain('meta');
    expect((await db.get('people', 'p1'))?.name).toBe('A');
    await closeKithDb(name);
  });
});
