/** The resolver the stores run inside their transactions, case by case. */
import { describe, expect, it } from 'vitest';
import { resolveRemote } from '../../../utils/sync/replicator';
import { tombstone, type Version } from '../../../utils/sync/records';

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
});
