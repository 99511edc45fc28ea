/**
 * `npm run bench:sync`: the sync budgets (DESIGN.md) in Node against PouchDB Server 4.2 on 127.0.0.1
 * (in memory, at a free port, stopped at the end):
 *   - first push of N people with their encounters (and events, faces) to an empty server: <= 60 s
 *   - a second device's first pull of all of it: <= 60 s
 * Each through Kith's own replicator (utils/sync), every document encrypted, with real PBKDF2.
 *
 *   npm run bench:sync -- --people 30000 [--pouchdb] [--json FILE]
 *
 * --pouchdb also measures the path not taken: PouchDB 9 (leveldb in Node) replicating the same number
 * of already-encrypted documents to and from the same server, for utils/sync/README.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSync } from '../../utils/sync/connect.ts';
import { CouchClient } from '../../utils/sync/couch.ts';
import { docId, encrypt } from '../../utils/sync/crypto.ts';
import { MemoryStore } from '../../utils/sync/memory-store.ts';
import { withoutDerived, type RecordType } from '../../utils/sync/records.ts';
import { Replicator, type Progress } from '../../utils/sync/replicator.ts';
import { startPouchServer } from '../../tests/unit/sync/pouchdb-server.ts';
import { generateKithData } from './generate.ts';

const BUDGET_MS = 60_000;
const PASSPHRASE = 'the benchmark passphrase';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '30000' },
    seed: { type: 'string', default: 'kith' },
    pouchdb: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const PEOPLE = Number(args.people);

function load(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' ');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; load: string }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value, load: load() };
}

function onProgress(label: string) {
  let last = 0;
  return (p: Progress) => {
    if (performance.now() - last < 2000 && p.done !== p.total) return;
    last = performance.now();
    process.stderr.write(`  ${label} ${p.phase} ${p.done}/${p.total}\n`);
  };
}

async function main() {
  const server = await startPouchServer({ admin: { name: 'bench', password: 'bench-password' } });
  const results: Record<string, unknown> = { people: PEOPLE, machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, node: process.version, loadBefore: load() };
  const rows: string[][] = [];
  try {
    const credentials = { url: server.url, username: 'bench', password: 'bench-password' };
    const data = generateKithData({ seed: args.seed!, people: PEOPLE, today: '2026-06-19' });
    const a = new MemoryStore('device-a');
    for (const p of data.people) a.put('person', p.id, p as unknown as Record<string, unknown>, p.updatedAt);
    for (const e of data.encounters) a.put('encounter', e.id, e as unknown as Record<string, unknown>, e.updatedAt);
    for (const e of data.events) a.put('event', e.id, e as unknown as Record<string, unknown>, e.updatedAt);
    for (const ph of data.photos) a.put('photo', ph.personId, ph as unknown as Record<string, unknown>, ph.updatedAt);
    const records = await a.countDirty();
    console.log(`${PEOPLE} people, ${data.encounters.length} encounters, ${data.events.length} events, ${data.photos.length} faces: ${records} records`);

    const clientA = new CouchClient({ ...credentials, db: 'kith' });
    await clientA.createDatabase();
    const push = await timed(async () => {
      const opened = await openSync(clientA, PASSPHRASE, { setUp: true });
      return new Replicator({ client: clientA, store: a, ...opened, deviceId: 'device-a', onProgress: onProgress('A') }).sync();
    });
    if (push.value.pushed !== records) throw new Error(`pushed ${push.value.pushed} of ${records}`);

    const b = new MemoryStore('device-b');
    const clientB = new CouchClient({ ...credentials, db: 'kith' });
    const pull = await timed(async () => {
      const opened = await openSync(clientB, PASSPHRASE);
      return new Replicator({ client: clientB, store: b, ...opened, deviceId: 'device-b', onProgress: onProgress('B') }).sync();
    });
    if (pull.value.pulled !== records) throw new Error(`pulled ${pull.value.pulled} of ${records}`);
    const same = JSON.stringify(withoutDerivedFields(a.snapshot())) === JSON.stringify(b.snapshot());
    if (!same) throw new Error('the second device does not hold what the first pushed');

    results.records = records;
    results.push = { ms: Math.round(push.ms), load: push.load };
    results.pull = { ms: Math.round(pull.ms), load: pull.load };
    rows.push([`first push of ${PEOPLE.toLocaleString('en')} people with encounters (${records.toLocaleString('en')} documents)`, seconds(push.ms), seconds(BUDGET_MS), push.load]);
    rows.push(['a second device\'s first pull', seconds(pull.ms), seconds(BUDGET_MS), pull.load]);

    if (args.pouchdb) {
      const pouch = await measurePouchDB(server.url, records);
      results.pouchdb = pouch;
      rows.push([`PouchDB 9 replicate.to, ${records.toLocaleString('en')} encrypted documents`, seconds(pouch.pushMs), '', pouch.pushLoad]);
      rows.push(['PouchDB 9 replicate.from into an empty database', seconds(pouch.pullMs), '', pouch.pullLoad]);
    }
  } finally {
    await server.stop();
  }
  results.loadAfter = load();
  console.log('\n| what | s | budget s | load (1, 5, 15 min) after |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n${results.machine}, Node ${results.node}; load before ${results.loadBefore}, after ${results.loadAfter}`);
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
  const over = rows.slice(0, 2).some((r) => Number(r[1]) > Number(r[2]));
  if (over) process.exitCode = 1;
}

/** The records as another device receives them: each device derives its search fields itself. */
function withoutDerivedFields(snapshot: Record<string, Record<string, unknown>>) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    const [type, ...id] = key.split(':');
    out[key] = withoutDerived({ type: type as RecordType, id: id.join(':'), updatedAt: 0, deviceId: '', value }).value!;
  }
  return out;
}

/** PouchDB 9 (its Node build: leveldb in a temporary folder) against the same server. */
async function measurePouchDB(url: string, count: number) {
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb') as new (name: string, options?: object) => {
    bulkDocs(docs: object[]): Promise<unknown>;
    replicate: { to(target: unknown, options?: object): Promise<{ docs_written: number }>; from(source: unknown, options?: object): Promise<{ docs_written: number }> };
    destroy(): Promise<void>;
  };
  const dir = mkdtempSync(join(os.tmpdir(), 'kith-pouchdb-'));
  try {
    const remote = new PouchDB(new URL('pouch', url).href, { auth: { username: 'bench', password: 'bench-password' } });
    const local = new PouchDB(join(dir, 'a'));
    // The same documents Kith's replicator writes: an opaque id and AES-GCM ciphertext of a small record.
    const keys = (await openSync(new CouchClient({ url, db: 'kith', username: 'bench', password: 'bench-password' }), PASSPHRASE)).keys;
    const docs = [];
    for (let i = 0; i < count; i++) {
      const id = await docId(keys, 'person', `p${i}`);
      docs.push({ _id: id, kith: 1, ...(await encrypt(keys, id, { type: 'person', id: `p${i}`, name: `Person ${i}`, notes: 'Met at Grow Up Start Up', tags: ['vc'] })) });
    }
    for (let i = 0; i < docs.length; i += 5000) await local.bulkDocs(docs.slice(i, i + 5000));
    const push = await timed(() => local.replicate.to(remote, { batch_size: 500 }));
    const second = new PouchDB(join(dir, 'b'));
    const pull = await timed(() => second.replicate.from(remote, { batch_size: 500 }));
    return { pushMs: Math.round(push.ms), pushLoad: push.load, pullMs: Math.round(pull.ms), pullLoad: pull.load, written: [push.value.docs_written, pull.value.docs_written] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
