/**
 * A small typed client for the CouchDB endpoints sync uses, over an injectable `fetch` (the background
 * passes the browser's; tests pass a fake one, or Node's against pouchdb-server on 127.0.0.1).
 * Every failure becomes a SyncError whose code the UI translates.
 */
import { SyncError } from './errors';

export interface CouchOptions {
  /** The server's base URL, e.g. https://couch.example.org:6984/ (a path prefix is kept). */
  url: string;
  db: string;
  username?: string;
  password?: string;
  fetch?: typeof fetch;
  /** Per request; a long pull is many short requests, so this can stay small. */
  timeoutMs?: number;
  /** Pausing or disconnecting aborts whatever request is under way. */
  signal?: AbortSignal;
}

/** What `GET /` says. CouchDB and Cloudant: `{"couchdb":"Welcome"}`; PouchDB Server: `{"express-pouchdb":"Welcome!"}`. */
export interface Welcome {
  couchdb?: string;
  'express-pouchdb'?: string;
  version?: string;
  vendor?: { name?: string; version?: string };
}

export interface DatabaseInfo {
  db_name: string;
  doc_count: number;
  update_seq: string | number;
}

/** A document as the server stores it. */
export interface CouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

export type BulkResult = { id: string; ok: true; rev: string } | { id: string; error: string; reason?: string };

export interface Change {
  id: string;
  seq: string | number;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: CouchDoc;
}

export interface ChangesPage {
  results: Change[];
  last_seq: string | number;
  /** Changes left after this page (CouchDB 2+; PouchDB Server leaves it out). */
  pending?: number;
}

/** A 404's reason when the database itself is missing: CouchDB 2+ / 1.x and PouchDB Server. */
const NO_DATABASE = new Set(['Database does not exist.', 'no_db_file']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;
/** Node's (undici's) codes for a failed handshake or certificate; browsers say only "Failed to fetch". */
const TLS_CAUSE = /CERT|TLS|SSL|EPROTO|HANDSHAKE/i;

/** The server URL as given, if sync may use it: https anywhere, http only on this machine itself. */
export function parseServerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SyncError('bad-url', `Not a URL: ${text}`);
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!ok || url.username || url.password || url.search || url.hash) {
    throw new SyncError('bad-url', 'The server URL must be https (or http on localhost), without credentials');
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function checkDatabaseName(name: string): string {
  if (!DB_NAME.test(name)) throw new SyncError('bad-database-name', `Not a CouchDB database name: ${name}`);
  return name;
}

function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

function causeText(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    const err = c as { code?: unknown; message?: unknown };
    parts.push(String(err.code ?? ''), String(err.message ?? ''));
  }
  return parts.join(' ');
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Leave the root of the server, not the database ('/' and '/_session'). */
  server?: boolean;
  /** A 404 means "no such document" (undefined) rather than "no such database". */
  missingOk?: boolean;
}

export class CouchClient {
  readonly base: URL;
  readonly db: string;
  private readonly auth?: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly signal?: AbortSignal;

  constructor(options: CouchOptions) {
    this.base = parseServerUrl(options.url);
    this.db = checkDatabaseName(options.db);
    if (options.username) this.auth = basicAuth(options.username, options.password ?? '');
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.signal = options.signal;
  }

  /** The same server and credentials, with another abort signal (one per sync run). */
  withSignal(signal: AbortSignal | undefined): CouchClient {
    const copy = Object.create(CouchClient.prototype) as CouchClient;
    Object.assign(copy, this, { signal });
    return copy;
  }

  private url(path: string, options: RequestOptions): URL {
    const prefix = options.server ? '' : encodeURIComponent(this.db) + (path ? '/' : '');
    const url = new URL(prefix + path, this.base);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** One request, its failure classified. Returns undefined only for a missing document with missingOk. */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T | undefined> {
    if (this.signal?.aborted) throw new SyncError('aborted', 'Sync was stopped');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    this.signal?.addEventListener('abort', onAbort);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.auth) headers.authorization = this.auth;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const url = this.url(path, options);
    try {
      let response: Response;
      try {
        response = await this.doFetch(url, {
          method: options.method ?? 'GET',
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: controller.signal,
          // Credentials go in the Authorization header, never in cookies shared with a web page.
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (e) {
        throw this.networkError(e, timedOut, url);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (e) {
        throw this.networkError(e, timedOut, url);
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (response.ok) {
        if (json === undefined) throw new SyncError(options.server ? 'not-couchdb' : 'server-error', `${url.pathname}: the answer is not JSON`, { status: response.status });
        return json as T;
      }
      const reason = (json as { reason?: string } | undefined)?.reason ?? response.statusText;
      const status = response.status;
      if (status === 404 && options.missingOk && !NO_DATABASE.has(reason)) return undefined;
      if (status === 401) throw new SyncError('unauthorized', reason, { status });
      if (status === 403) throw new SyncError('forbidden', reason, { status });
      if (status === 404) throw new SyncError(options.server ? 'not-couchdb' : 'no-database', reason, { status });
      if (status === 409) throw new SyncError('conflict', reason, { status });
      throw new SyncError('server-error', `${status} ${reason}`, { status });
    } finally {
      clearTimeout(timer);
      this.signal?.removeEventListener('abort', onAbort);
    }
  }

  private networkError(e: unknown, timedOut: boolean, url: URL): SyncError {
    if (e instanceof SyncError) return e;
    if (timedOut) return new SyncError('timeout', `${url.origin} took longer than ${this.timeoutMs} ms`, { cause: e });
    if (this.signal?.aborted) return new SyncError('aborted', 'Sync was stopped', { cause: e });
    if (TLS_CAUSE.test(causeText(e))) return new SyncError('tls', `${url.origin}: ${causeText(e).trim()}`, { cause: e });
    return new SyncError('unreachable', `${url.origin} did not answer`, { cause: e });
  }

  private async must<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.request<T>(path, options)) as T;
  }

  async welcome(): Promise<Welcome> {
    const w = await this.must<Welcome>('', { server: true });
    if (!isWelcome(w)) throw new SyncError('not-couchdb', `${this.base.origin} does not greet as CouchDB`);
    return w;
  }

  /** Who the server takes us for: CouchDB answers 401 to a wrong password here, and null to no password. */
  async session(): Promise<{ name: string | null; roles: string[] }> {
    const s = await this.must<{ userCtx?: { name: string | null; roles: string[] } }>('_session', { server: true });
    return s.userCtx ?? { name: null, roles: [] };
  }

  info(): Promise<DatabaseInfo> {
    return this.must<DatabaseInfo>('');
  }

  async createDatabase(): Promise<void> {
    try {
      await this.must('', { method: 'PUT', server: false });
    } catch (e) {
      // 412: it was created meanwhile (another device connecting at the same moment).
      if (!(e instanceof SyncError && e.status === 412)) throw e;
    }
  }

  getDoc<T extends CouchDoc>(id: string): Promise<T | undefined> {
    return this.request<T>(encodeURIComponent(id), { missingOk: true });
  }

  async putDoc(doc: CouchDoc): Promise<string> {
    const r = await this.must<{ rev: string }>(encodeURIComponent(doc._id), { method: 'PUT', body: doc });
    return r.rev;
  }

  bulkDocs(docs: CouchDoc[]): Promise<BulkResult[]> {
    return this.must<BulkResult[]>('_bulk_docs', { method: 'POST', body: { docs } });
  }

  /** The current versions of these documents (missing ones are left out). */
  async getDocs(ids: string[]): Promise<CouchDoc[]> {
    const r = await this.must<{ rows: { key: string; doc?: CouchDoc | null; error?: string }[] }>('_all_docs', {
      method: 'POST',
      query: { include_docs: true },
      body: { keys: ids },
    });
    return r.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  changes(since: string | number, limit: number): Promise<ChangesPage> {
    return this.must<ChangesPage>('_changes', { query: { since, limit, include_docs: true } });
  }

  /**
   * Waits (up to `timeoutMs`, on the server) for anything after `since`: the live feed while a Kith
   * page is open. Returns the sequence to wait from next and whether something changed.
   */
  async waitForChanges(since: string | number, timeoutMs = 25_000): Promise<{ changed: boolean; lastSeq: string | number }> {
    // PouchDB Server ignores `timeout` on a longpoll and waits for a change: our own timeout, a little
    // later than the server's, ends a quiet wait as "nothing changed".
    const waiting = Object.create(CouchClient.prototype) as CouchClient;
    Object.assign(waiting, this, { timeoutMs: timeoutMs + Math.min(timeoutMs, 5_000) });
    try {
      const page = await waiting.must<ChangesPage>('_changes', { query: { feed: 'longpoll', since, timeout: timeoutMs, limit: 1 } });
      return { changed: page.results.length > 0, lastSeq: page.last_seq };
    } catch (e) {
      if (e instanceof SyncError && e.code === 'timeout') return { changed: false, lastSeq: since };
      throw e;
    }
  }

  getLocal<T extends object>(name: string): Promise<(T & CouchDoc) | undefined> {
    return this.request<T & CouchDoc>(`_local/${encodeURIComponent(name)}`, { missingOk: true });
  }

  async putLocal(name: string, body: object): Promise<void> {
    const current = await this.getLocal(name);
    await this.must(`_local/${encodeURIComponent(name)}`, { method: 'PUT', body: { ...body, _rev: current?._rev } });
  }
}

function isWelcome(w: unknown): w is Welcome {
  const o = w as Welcome | undefined;
  return !!o && typeof o === 'object' && (typeof o.couchdb === 'string' || typeof o['express-pouchdb'] === 'string');
}

export interface ConnectionCheck {
  welcome: Welcome;
  user: string | null;
  /** Undefined when the database does not exist yet (then `error` is 'no-database'). */
  database?: DatabaseInfo;
}

/**
 * Everything "Connect" checks, in the order that names the failure best: is it there, is it CouchDB,
 * are the credentials right, may this user use the database, does the database exist.
 */
export async function checkConnection(client: CouchClient): Promise<ConnectionCheck> {
  const welcome = await client.welcome();
  const session = await client.session();
  try {
    return { welcome, user: session.name, database: await client.info() };
  } catch (e) {
    // PouchDB Server answers 401 (CouchDB 3 answers 403) to a user it accepted but who is not a member.
    if (e instanceof SyncError && e.code === 'unauthorized' && session.name !== null) {
      throw new SyncError('forbidden', e.message, { status: e.status, cause: e });
    }
    throw e;
  }
}
