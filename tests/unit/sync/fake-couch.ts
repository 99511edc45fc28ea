/**
 * An in-memory CouchDB behind a fetch function: the endpoints sync uses, with CouchDB's revision
 * rules (a write needs the current `_rev`, else 409) and a sequence-ordered changes feed. Fast enough
 * for property tests with thousands of syncs; the real server (pouchdb-server.ts) checks the same
 * behaviour in the integration tests.
 *
 * `faulty()` wraps any fetch (this one or Node's, to the real server) to inject failures.
 */
interface StoredDoc {
  doc: Record<string, unknown> & { _id: string; _rev: string };
  seq: number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export class FakeCouch {
  private readonly dbs = new Map<string, { docs: Map<string, StoredDoc>; local: Map<string, Record<string, unknown>>; seq: number }>();
  private revCounter = 0;
  /** Basic-auth users; empty means everyone is let in (CouchDB's old "admin party"). */
  readonly users = new Map<string, string>();
  /** Users who may not touch these databases (403). */
  readonly forbidden = new Set<string>();
  requests = 0;

  readonly fetch: typeof fetch = async (input, init) => {
    this.requests++;
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const user = this.user(init?.headers as Record<string, string> | undefined);
    if (user === false) return json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
    return this.route(url, method, body, user);
  };

  private user(headers: Record<string, string> | undefined): string | null | false {
    const h = headers?.authorization;
    if (!h) return this.users.size ? null : null;
    const [name, password] = atob(h.replace(/^Basic /, '')).split(':');
    if (!this.users.size) return name;
    return this.users.get(name) === password ? name : false;
  }

  database(name: string) {
    return this.dbs.get(name);
  }

  /** Every stored document's raw JSON, for the tests that look for plain text on the server. */
  rawDocuments(db: string): string[] {
    return [...(this.dbs.get(db)?.docs.values() ?? [])].map((d) => JSON.stringify(d.doc));
  }

  createDatabase(name: string): void {
    if (!this.dbs.has(name)) this.dbs.set(name, { docs: new Map(), local: new Map(), seq: 0 });
  }

  private nextRev(previous?: string): string {
    const gen = previous ? Number.parseInt(previous, 10) + 1 : 1;
    return `${gen}-${(++this.revCounter).toString(16).padStart(8, '0')}`;
  }

  private route(url: URL, method: string, body: unknown, user: string | null): Response {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.length === 0) return json(200, { couchdb: 'Welcome', version: '3.3.3' });
    if (parts[0] === '_session') return json(200, { ok: true, userCtx: { name: user, roles: [] } });
    const [dbName, ...rest] = parts;
    if (this.users.size && user === null) return json(401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' });
    if (user && this.forbidden.has(user)) return json(403, { error: 'forbidden', reason: 'You are not allowed to access this db.' });
    const db = this.dbs.get(dbName);
    if (rest.length === 0) {
      if (method === 'PUT') {
        if (db) return json(412, { error: 'file_exists', reason: 'The database could not be created, the file already exists.' });
        this.createDatabase(dbName);
        return json(201, { ok: true });
      }
      if (!db) return json(404, { error: 'not_found', reason: 'Database does not exist.' });
      return json(200, { db_name: dbName, doc_count: db.docs.size, update_seq: db.seq });
    }
    if (!db) return json(404, { error: 'not_found', reason: 'Database does not exist.' });
    const [first, ...more] = rest;
    if (first === '_local') {
      const id = more.join('/');
      if (method === 'GET') return db.local.has(id) ? json(200, db.local.get(id)) : json(404, { error: 'not_found', reason: 'missing' });
      db.local.set(id, { ...(body as object), _id: `_local/${id}`, _rev: '0-1' });
      return json(201, { ok: true, id: `_local/${id}`, rev: '0-1' });
    }
    if (first === '_bulk_docs' && method === 'POST') {
      const docs = (body as { docs: Record<string, unknown>[] }).docs;
      return json(201, docs.map((d) => this.write(db, d as Record<string, unknown> & { _id: string })));
    }
    if (first === '_all_docs' && method === 'POST') {
      const keys = (body as { keys: string[] }).keys;
      return json(200, {
        rows: keys.map((k) => {
          const s = db.docs.get(k);
          return s ? { id: k, key: k, value: { rev: s.doc._rev }, doc: s.doc } : { key: k, error: 'not_found' };
        }),
      });
    }
    if (first === '_changes') {
      const since = Number(url.searchParams.get('since') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? Infinity);
      const all = [...db.docs.values()].filter((s) => s.seq > since).sort((a, b) => a.seq - b.seq);
      const page = all.slice(0, limit);
      return json(200, {
        results: page.map((s) => ({ id: s.doc._id, seq: s.seq, changes: [{ rev: s.doc._rev }], doc: s.doc })),
        last_seq: page.length ? page[page.length - 1].seq : since,
        pending: all.length - page.length,
      });
    }
    const id = rest.join('/');
    if (method === 'GET') {
      const s = db.docs.get(id);
      return s ? json(200, s.doc) : json(404, { error: 'not_found', reason: 'missing' });
    }
    if (method === 'PUT') {
      const r = this.write(db, { ...(body as object), _id: id });
      return 'error' in r ? json(409, r) : json(201, r);
    }
    return json(405, { error: 'method_not_allowed', reason: method });
  }

  private write(db: { docs: Map<string, StoredDoc>; seq: number }, doc: Record<string, unknown> & { _id: string }) {
    const current = db.docs.get(doc._id);
    if ((current?.doc._rev ?? undefined) !== (doc._rev ?? undefined)) return { id: doc._id, error: 'conflict', reason: 'Document update conflict.' };
    const rev = this.nextRev(current?.doc._rev);
    db.docs.set(doc._id, { doc: { ...doc, _rev: rev }, seq: ++db.seq });
    return { id: doc._id, ok: true as const, rev };
  }
}

/** What a fault plan answers for one request: let it through, or fail it in one of these ways. */
export type Fault =
  | 'pass'
  /** The network is gone before the request reaches the server. */
  | 'drop'
  /** The server does the work but the answer never arrives (the connection drops on the way back). */
  | 'lose-answer'
  /** No answer until the client's timeout aborts it. */
  | 'hang'
  | { status: number; body?: unknown };

export interface FaultyRequest {
  url: URL;
  method: string;
  /** Counts every request through this wrapper, from 0. */
  index: number;
}

export function faulty(inner: typeof fetch, plan: (r: FaultyRequest) => Fault): typeof fetch & { calls: FaultyRequest[] } {
  const calls: FaultyRequest[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const r: FaultyRequest = { url, method: init?.method ?? 'GET', index: calls.length };
    calls.push(r);
    const fault = plan(r);
    if (fault === 'pass') return inner(input, init);
    if (fault === 'drop') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    if (fault === 'lose-answer') {
      const response = await inner(input, init);
      await response.text();
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    }
    if (fault === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    return json(fault.status, fault.body ?? { error: 'fault', reason: `injected ${fault.status}` });
  }) as typeof fetch & { calls: FaultyRequest[] };
  f.calls = calls;
  return f;
}
