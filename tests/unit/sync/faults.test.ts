/**
 * A sync cut short at a bad moment: the server answers 500, 409 or 401, or times out, part way through
 * a batch; the network drops before a request or after the server did the work. Each time the sync
 * stops with a named error, the device keeps every change it had, and the next sync resumes from the
 * checkpoint and ends with each record once.
 */
import { describe, expect, it } from 'vitest';
import { CouchClient } from '../../../utils/sync/couch';
import { SyncError } from '../../../utils/sync/errors';
import { FakeCouch, type Fault, type FaultyRequest } from './fake-couch';
import { replica, setUpDatabase, type Replica } from './harness';

const OPTIONS = { url: 'https://couch.example.org/', db: 'kith', batchSize: 10, timeoutMs: 100 };

async function world(devices = 2) {
  const couch = new FakeCouch();
  const options = { ...OPTIONS, fetch: couch.fetch };
  await setUpDatabase(new CouchClient(options));
  const replicas = await Promise.all(['A', 'B', 'C'].slice(0, devices).map((n) => replica(n, options)));
  return { couch, replicas, docs: () => couch.database('kith')!.docs };
}

function people(r: Replica, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    r.store.put('person', `p${i}`, { id: `p${i}`, name: `Person ${i}`, notes: '', tags: [], createdAt: 1, updatedAt: 1 + i }, 1 + i);
  }
}

/** Fails the `nth` request (0-based) whose path ends with `path`, with `fault`. */
function failNth(path: string, nth: number, fault: Fault): (r: FaultyRequest) => Fault {
  let seen = 0;
  return (r) => (r.url.pathname.endsWith(path) && seen++ === nth ? fault : 'pass');
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (!(e instanceof SyncError)) throw e;
    return e.code;
  }
}

describe('a pull cut short resumes from its checkpoint', () => {
  for (const [label, fault, code] of [
    ['500', { status: 500 }, 'server-error'],
    ['401', { status: 401, body: { error: 'unauthorized', reason: 'Name or password is incorrect.' } }, 'unauthorized'],
    ['a timeout', 'hang', 'timeout'],
    ['a dropped network', 'drop', 'unreachable'],
  ] as [string, Fault, string][]) {
    it(`${label} on the third batch`, async () => {
      const { replicas: [a, b] } = await world();
      people(a, 45);
      await a.sync();
      b.fault = failNth('/_changes', 2, fault);
      expect(await failure(b.sync())).toBe(code);
      // Two batches of ten are in (the first held the kith-sync document too), and the checkpoint says so.
      expect(Object.keys(b.store.snapshot())).toHaveLength(19);
      const checkpoint = await b.store.getCheckpoint();
      b.fault = () => 'pass';
      const resumed = await b.sync();
      expect(resumed.pulled).toBe(26);
      expect(b.store.snapshot()).toEqual(a.store.snapshot());
      expect(checkpoint?.seq).toBe(20);
      expect((await b.store.getCheckpoint())?.seq).toBe(46);
    });
  }

  it('a browser closing while a batch is stored: nothing of that batch, then all of it once', async () => {
    const { replicas: [c, d] } = await world();
    people(c, 25);
    await c.sync();
    let batches = 0;
    const realApply = d.store.applyRemote.bind(d.store);
    d.store.applyRemote = async (...args) => {
      if (++batches === 2) throw new Error('the worker was stopped');
      return realApply(...args);
    };
    await expect(d.sync()).rejects.toThrow('the worker was stopped');
    expect(Object.keys(d.store.snapshot())).toHaveLength(9);
    d.store.applyRemote = realApply;
    const report = await d.sync();
    expect(report.pulled).toBe(16);
    expect(d.store.snapshot()).toEqual(c.store.snapshot());
  });
});

describe('a push cut short resumes without duplicates', () => {
  it('500 on the second batch: the first batch is on the server, the rest follows', async () => {
    const { replicas: [a, b], docs } = await world();
    people(a, 25);
    a.fault = failNth('/_bulk_docs', 1, { status: 500 });
    expect(await failure(a.sync())).toBe('server-error');
    expect(docs().size).toBe(1 + 10);
    expect(await a.store.countDirty()).toBe(15);
    a.fault = () => 'pass';
    expect((await a.sync()).pushed).toBe(15);
    expect(docs().size).toBe(1 + 25);
    await b.sync();
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
  });

  it('the answer lost after the server stored a batch: the next push learns the revisions, writes nothing twice', async () => {
    const { replicas: [a, b], docs } = await world();
    people(a, 10);
    a.fault = failNth('/_bulk_docs', 0, 'lose-answer');
    expect(await failure(a.sync())).toBe('unreachable');
    expect(docs().size).toBe(11);
    a.fault = () => 'pass';
    const report = await a.sync();
    // The server's versions are ours: taken as they are, nothing rewritten.
    expect(report.pushed).toBe(0);
    expect(await a.store.countDirty()).toBe(0);
    for (const d of docs().values()) if (d.doc._id !== 'kith-sync') expect(d.doc._rev).toMatch(/^1-/);
    await b.sync();
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
  });

  it('a timeout on _bulk_docs, then a retry', async () => {
    const { replicas: [a], docs } = await world();
    people(a, 5);
    a.fault = failNth('/_bulk_docs', 0, 'hang');
    expect(await failure(a.sync())).toBe('timeout');
    a.fault = () => 'pass';
    await a.sync();
    expect(docs().size).toBe(6);
    expect(await a.store.countDirty()).toBe(0);
  });

  it('409 from the server: another device saved first; merged and saved again', async () => {
    const { replicas: [a, b] } = await world();
    people(a, 1);
    await a.sync();
    await b.sync();
    a.store.put('person', 'p0', { ...a.store.get('person', 'p0'), company: 'Acme', updatedAt: 10 }, 10);
    b.store.put('person', 'p0', { ...b.store.get('person', 'p0'), headline: 'CEO', updatedAt: 20 }, 20);
    await b.sync();
    // A pushes without pulling first: its _rev is stale, the server says 409 for that document.
    const report = { pulled: 0, pushed: 0, merged: 0, unreadable: 0 };
    await a.replicator.push(a.client, report);
    expect(report).toMatchObject({ merged: 1, pushed: 1 });
    await b.sync();
    expect(a.store.get('person', 'p0')).toMatchObject({ company: 'Acme', headline: 'CEO' });
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
  });

  it('a whole-request 409 or 401 stops the push with its code and keeps every change', async () => {
    const { replicas: [a, b] } = await world();
    people(a, 3);
    a.fault = failNth('/_bulk_docs', 0, { status: 409, body: { error: 'conflict' } });
    expect(await failure(a.sync())).toBe('conflict');
    a.fault = failNth('/_bulk_docs', 0, { status: 401, body: { error: 'unauthorized' } });
    expect(await failure(a.sync())).toBe('unauthorized');
    expect(await a.store.countDirty()).toBe(3);
    a.fault = () => 'pass';
    await a.sync();
    await b.sync();
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
  });

  it('an edit made while its push was on the way stays dirty and goes next time', async () => {
    const { replicas: [a, b] } = await world();
    people(a, 1);
    a.fault = (r) => {
      if (r.url.pathname.endsWith('/_bulk_docs')) a.store.put('person', 'p0', { ...a.store.get('person', 'p0'), company: 'Typed meanwhile', updatedAt: 50 }, 50);
      return 'pass';
    };
    await a.sync();
    a.fault = () => 'pass';
    expect(await a.store.countDirty()).toBe(1);
    await a.sync();
    await b.sync();
    expect(b.store.get('person', 'p0')).toMatchObject({ company: 'Typed meanwhile' });
  });
});

describe('progress', () => {
  it('counts done out of total for the pull and the push', async () => {
    const { replicas: [a, b] } = await world();
    people(a, 25);
    await a.sync();
    expect(a.progress.filter((p) => p.phase === 'push').map((p) => [p.done, p.total])).toEqual([[0, 25], [10, 25], [20, 25], [25, 25]]);
    await b.sync();
    const pull = b.progress.filter((p) => p.phase === 'pull');
    expect(pull.at(-1)).toEqual({ phase: 'pull', done: 26, total: 26 }); // 25 records and the kith-sync document
    for (const p of pull) expect(p.done).toBeLessThanOrEqual(p.total);
  });
});
