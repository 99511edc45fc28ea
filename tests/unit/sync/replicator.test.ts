/** The resolver the stores run inside their transactions, case by case; and a restore through the server. */
import { describe, expect, it } from 'vitest';
import { resolveRemote } from '../../../utils/sync/replicator';
import { tombstone, type Version } from '../../../utils/sync/records';
import { CouchClient } from '../../../utils/sync/couch';
import { FakeCouch } from './fake-couch';
import { replica, settle, setUpDatabase } from './harness';

const v = (value: Record<string, unknown>, at: number, device = 'B'): Version => ({ type: 'person', id: 'p1', updatedAt: at, deviceId: device, value: { id: 'p1', ...value, updatedAt: at } });

describe('resolveRemote', () => {
  it('skips our own push coming back, and a revision older than the one we know', () => {
    const theirs = { rev: '3-abc', version: v({ name: 'Anna' }, 3) };
    expect(resolveRemote(theirs, { current: v({ name: 'Anna' }, 3, 'A'), rev: '3-abc' })).toBeUndefined();
    expect(resolveRemote({ ...theirs, rev: '2-old' }, { current: v({ name: 'Anna' }, 3, 'A'), rev: '3-abc' })).toBeUndefined();
  });

  it('takes the server\'s version of a record not changed here, without its derived fields', () => {
    const r = resolveRemote({ rev: '2-b', version: v({ name: 'Anna', sortName: 'anna', terms: ['anna'] }, 5) }, { current: v({ name: 'Ann' }, 1), rev: '1-a' });
    expect(r).toEqual({ current: v({ name: 'Anna' }, 5), rev: '2-b', dirty: null });
  });

  it('merges with a record changed here and keeps it dirty against the server\'s version', () => {
    const base = v({ name: 'Anna', company: 'Acme' }, 1);
    const theirs = v({ name: 'Anna', company: 'Beta' }, 5);
    const ours = v({ name: 'Anna Nowak', company: 'Acme' }, 4, 'A');
    const r = resolveRemote({ rev: '2-b', version: theirs }, { current: ours, rev: '1-a', dirty: { seq: 1, base } })!;
    expect(r.current!.value).toMatchObject({ name: 'Anna Nowak', company: 'Beta' });
    expect(r.dirty).toEqual({ base: theirs });
    // When the merge is just the server's version, the record is in step again.
    const same = resolveRemote({ rev: '2-b', version: theirs }, { current: base, rev: '1-a', dirty: { seq: 1, base } })!;
    expect(same).toEqual({ current: theirs, rev: '2-b', dirty: null });
  });

  it('keeps a record deleted here deleted, even when the server has it alive again', () => {
    const gone = tombstone('person', 'p1', 9, 'A');
    const r = resolveRemote({ rev: '4-x', version: v({ name: 'Anna' }, 20) }, { current: gone, rev: '3-t' })!;
    expect(r.current).toEqual(gone);
    expect(r.dirty).toEqual({ base: v({ name: 'Anna' }, 20) });
    const dirtyDelete = resolveRemote({ rev: '4-x', version: v({ name: 'Anna' }, 20) }, { current: gone, rev: '3-t', dirty: { seq: 2, base: v({ name: 'Anna' }, 1) } })!;
    expect(dirtyDelete.current!.deleted).toBe(true);
  });

  it('takes a restore from the server over a tombstone here written before it, and keeps one here over an older tombstone', () => {
    const gone = tombstone('person', 'p1', 9, 'A');
    const restored: Version = { ...v({ name: 'Anna' }, 5), restoredAt: 12 };
    expect(resolveRemote({ rev: '4-x', version: restored }, { current: gone, rev: '3-t' })).toEqual({ current: restored, rev: '4-x', dirty: null });
    // A restore here, in step with the server, meets a tombstone older than it: the restore stays, to be sent again.
    const r = resolveRemote({ rev: '5-t', version: gone }, { current: restored, rev: '4-x' })!;
    expect(r.current).toEqual(restored);
    expect(r.dirty).toEqual({ base: gone });
    // A tombstone written after the restore deletes it.
    const goneLater = tombstone('person', 'p1', 20, 'B');
    expect(resolveRemote({ rev: '5-t', version: goneLater }, { current: restored, rev: '4-x' })).toEqual({ current: goneLater, rev: '5-t', dirty: null });
  });

  it('sends a restore made here again when the server has the same fields without it', () => {
    const restored: Version = { ...v({ name: 'Anna' }, 5, 'A'), restoredAt: 12 };
    const r = resolveRemote({ rev: '4-x', version: v({ name: 'Anna' }, 5) }, { current: restored, rev: '3-t', dirty: { seq: 1 } })!;
    expect(r.current!.restoredAt).toBe(12);
    expect(r.dirty).toEqual({ base: v({ name: 'Anna' }, 5) });
  });
});

describe('a restore through the server (memory stores, fake CouchDB)', () => {
  it('brings a record deleted everywhere back on every device, and a later delete wins again', async () => {
    const couch = new FakeCouch();
    const options = { url: 'https://couch.example.org/', db: 'kith', fetch: couch.fetch, batchSize: 2 };
    await setUpDatabase(new CouchClient(options));
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((n) => replica(n, options)));
    const anna = { id: 'p1', name: 'Anna', notes: '', tags: [], updatedAt: 10 };
    a.store.put('person', 'p1', anna, 10);
    await settle([a, b, c]);
    // C edits offline; A deletes, and B sees the delete.
    c.store.put('person', 'p1', { ...anna, company: 'Acme', updatedAt: 30 }, 30);
    a.store.remove('person', 'p1', 20);
    await a.sync();
    await b.sync();
    expect(b.store.get('person', 'p1')).toBeUndefined();
    // A's Undo: back everywhere as it was, C's edit included once C merges it in.
    a.store.restore('person', 'p1', anna, 40);
    await settle([a, b, c]);
    for (const r of [a, b, c]) expect(r.store.get('person', 'p1')).toMatchObject({ name: 'Anna' });
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
    expect(c.store.snapshot()).toEqual(a.store.snapshot());
    // An edit on B keeps the restore with the record; a delete on C after the restore wins over it.
    b.store.put('person', 'p1', { ...anna, headline: 'CEO', updatedAt: 50 }, 50);
    c.store.remove('person', 'p1', 60);
    await settle([a, b, c]);
    for (const r of [a, b, c]) expect(r.store.get('person', 'p1')).toBeUndefined();
  });
});
