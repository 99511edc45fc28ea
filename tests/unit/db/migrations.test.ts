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
    expect([...db.objectStoreNames].sort()).toEqual(['drillCards', 'drillReviews', 'encounters', 'events', 'meta', 'people', 'photos', 'syncOutbox', 'syncRevs', 'syncState', 'voiceNotes']);
    const tx = db.transaction(['people', 'encounters', 'events']);
    expect([...tx.objectStore('people').indexNames].sort()).toEqual(['byDue', 'byKey', 'byTag']);
    expect(tx.objectStore('people').index('byKey').unique).toBe(true);
    expect(tx.objectStore('people').index('byKey').multiEntry).toBe(true);
    expect([...tx.objectStore('encounters').indexNames].sort()).toEqual(['byEvent', 'byIntroducer', 'byPerson']);
    expect([...tx.objectStore('events').indexNames].sort()).toEqual(['byName']);
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

describe('v3 -> v4', () => {
  it('drops the indexes nothing reads, keeps every record and the indexes that are read', async () => {
    const name = freshName();
    const v3 = await openDB<KithSchema>(name, 3, { upgrade });
    const people = v3.transaction('people').store as unknown as IDBObjectStore;
    expect([...people.indexNames]).toEqual(expect.arrayContaining(['bySortName', 'byLastTouch']));
    await v3.put('people', { id: 'p1', keys: ['linkedin:a'], name: 'Ala Kot', urls: {}, tags: ['vc'], notes: '', followUp: { due: '2026-12-01' }, terms: ['ala', 'kot', 'vc'], sortName: 'ala kot', lastTouch: '2026-11-01', createdAt: 1, updatedAt: 1 });
    await v3.put('encounters', { id: 'x1', personId: 'p1', date: '2026-11-01', kind: 'call', createdAt: 1, updatedAt: 1 });
    await v3.put('events', { id: 'e1', name: 'Meetup', start: '2026-11-01', createdAt: 1, updatedAt: 1 });
    v3.close();
    const db = await openDB<KithSchema>(name, 4, { upgrade });
    expect(db.version).toBe(4);
    const tx = db.transaction(['people', 'encounters', 'events']);
    expect([...tx.objectStore('people').indexNames].sort()).toEqual(['byDue', 'byKey', 'byTag', 'byTerm']);
    expect([...tx.objectStore('encounters').indexNames]).not.toContain('byDate');
    expect([...tx.objectStore('events').indexNames]).not.toContain('byStart');
    expect(await db.get('people', 'p1')).toMatchObject({ name: 'Ala Kot', sortName: 'ala kot', lastTouch: '2026-11-01' });
    expect(await db.countFromIndex('people', 'byDue', '2026-12-01')).toBe(1);
    expect((await searchPeople(db, 'kot')).map((p) => p.id)).toEqual(['p1']);
    expect(await db.get('encounters', 'x1')).toBeTruthy();
    expect(await db.get('events', 'e1')).toMatchObject({ start: '2026-11-01' });
    db.close();
  });
});

describe('v4 -> v5', () => {
  it('drops the search-word index; every person keeps their search words and is still found', async () => {
    const name = freshName();
    const v4 = await openDB<KithSchema>(name, 4, { upgrade });
    expect([...(v4.transaction('people').store as unknown as IDBObjectStore).indexNames]).toContain('byTerm');
    const ala = { id: 'p1', keys: ['linkedin:a'], name: 'Ala Kot', company: 'Acme', urls: {}, tags: ['vc'], notes: '', followUp: { due: '2026-12-01' }, terms: ['acme', 'ala', 'kot', 'vc'], sortName: 'ala kot', createdAt: 1, updatedAt: 1 };
    const olek = { ...ala, id: 'p2', keys: ['linkedin:b'], name: 'Olek Kotowski', company: 'Beta', tags: [], terms: ['beta', 'kotowski', 'olek'], sortName: 'olek kotowski', followUp: {} };
    await v4.put('people', ala);
    await v4.put('people', olek);
    v4.close();
    const db = await openDB<KithSchema>(name, 5, { upgrade });
    expect(db.version).toBe(5);
    expect([...db.transaction('people').store.indexNames].sort()).toEqual(['byDue', 'byKey', 'byTag']);
    expect(await db.get('people', 'p1')).toEqual(ala);
    expect(await db.get('people', 'p2')).toEqual(olek);
    expect((await searchPeople(db, 'kot')).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect((await searchPeople(db, 'acme k')).map((p) => p.id)).toEqual(['p1']);
    expect(await db.countFromIndex('people', 'byDue', '2026-12-01')).toBe(1);
    db.close();
  });
});

describe('v5 -> v6', () => {
  it('adds the drill, voice-note and sync stores and keeps every record', async () => {
    const name = freshName();
    const v5 = await openDB<KithSchema>(name, 5, { upgrade });
    const ala = { id: 'p1', keys: ['linkedin:a'], name: 'Ala Kot', urls: {}, tags: [], notes: 'met at the fair', followUp: {}, terms: ['ala', 'kot'], sortName: 'ala kot', createdAt: 1, updatedAt: 1 };
    const photo = { personId: 'p1', dataUrl: 'data:image/webp;base64,AAAA', updatedAt: 1 };
    await v5.put('people', ala);
    await v5.put('photos', photo);
    v5.close();
    const db = await openKithDb(name);
    expect(db.version).toBe(6);
    expect(await db.get('people', 'p1')).toEqual(ala);
    expect(await db.get('photos', 'p1')).toEqual(photo);
    const tx = db.transaction(['drillCards', 'drillReviews', 'voiceNotes', 'syncOutbox', 'syncRevs', 'syncState']);
    expect(tx.objectStore('drillCards').keyPath).toBe('personId');
    expect(tx.objectStore('drillReviews').keyPath).toBe('id');
    expect([...tx.objectStore('drillReviews').indexNames].sort()).toEqual(['byDay', 'byPerson']);
    expect(tx.objectStore('voiceNotes').keyPath).toBe('personId');
    expect(tx.objectStore('syncOutbox').keyPath).toBe('key');
    expect(tx.objectStore('syncRevs').keyPath).toBe('key');
    expect(tx.objectStore('syncState').keyPath).toBeNull();
    await db.put('drillReviews', { id: 'r1', personId: 'p1', day: '2026-12-07' } as never);
    expect(await db.countFromIndex('drillReviews', 'byDay', '2026-12-07')).toBe(1);
    await closeKithDb(name);
  });
});
