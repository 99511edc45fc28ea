/**
 * The CouchDB client names every failure with its own code: against a fake fetch for each shape of
 * failure, then against real servers on 127.0.0.1 (PouchDB Server with an admin, and small Node
 * servers that are not CouchDB, hang, or speak plain HTTP where TLS is expected).
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, CouchClient, parseServerUrl } from '../../../utils/sync/couch';
import { SyncError, type SyncErrorCode } from '../../../utils/sync/errors';
import { FakeCouch } from './fake-couch';
import { freePort, HOST, startPouchServer, type PouchServer } from './pouchdb-server';

async function codeOf(p: Promise<unknown>): Promise<SyncErrorCode | string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e instanceof SyncError ? e.code : `not a SyncError: ${String(e)}`;
  }
}

function answering(status: number, body: unknown): typeof fetch {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
}

function throwing(error: unknown): typeof fetch {
  return async () => {
    throw error;
  };
}

const client = (f: typeof fetch, extra: Partial<ConstructorParameters<typeof CouchClient>[0]> = {}) =>
  new CouchClient({ url: 'https://couch.example.org/', db: 'kith', username: 'anna', password: 'pw', fetch: f, ...extra });

describe('server URL and database name', () => {
  it('takes https anywhere and http only on this machine', () => {
    expect(parseServerUrl('https://couch.example.org').href).toBe('https://couch.example.org/');
    expect(parseServerUrl('http://127.0.0.1:5984').href).toBe('http://127.0.0.1:5984/');
    expect(parseServerUrl('http://localhost:5984/couch').href).toBe('http://localhost:5984/couch/');
    for (const bad of ['http://couch.example.org', 'ftp://x', 'nonsense', 'https://anna:pw@couch.example.org/', 'http://192.168.1.2:5984']) {
      expect(() => parseServerUrl(bad), bad).toThrow(expect.objectContaining({ code: 'bad-url' }));
    }
  });

  it('refuses names CouchDB refuses', () => {
    expect(() => client(fetch, { db: 'Kith' })).toThrow(expect.objectContaining({ code: 'bad-database-name' }));
    expect(() => client(fetch, { db: '_users' })).toThrow(expect.objectContaining({ code: 'bad-database-name' }));
    expect(client(fetch, { db: 'kith/anna' }).db).toBe('kith/anna');
  });
});

describe('failures against a fake fetch', () => {
  it('classifies network, TLS, timeout and abort failures', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND couch.example.org'), { code: 'ENOTFOUND' }) });
    const selfSigned = new TypeError('fetch failed', { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) });
    const expired = new TypeError('fetch failed', { cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }) });
    const browser = new TypeError('Failed to fetch');
    expect(await codeOf(client(throwing(refused)).welcome())).toBe('unreachable');
    expect(await codeOf(client(throwing(dns)).welcome())).toBe('unreachable');
    expect(await codeOf(client(throwing(browser)).welcome())).toBe('unreachable');
    expect(await codeOf(client(throwing(selfSigned)).welcome())).toBe('tls');
    expect(await codeOf(client(throwing(expired)).welcome())).toBe('tls');
    const hang: typeof fetch = (_u, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await codeOf(client(hang, { timeoutMs: 50 }).welcome())).toBe('timeout');
    const stop = new AbortController();
    const p = codeOf(client(hang, { signal: stop.signal }).welcome());
    stop.abort();
    expect(await p).toBe('aborted');
  });

  it('classifies answers: not CouchDB, 401, 403, no database, conflict, server error', async () => {
    expect(await codeOf(client(answering(200, '<html>router login</html>')).welcome())).toBe('not-couchdb');
    expect(await codeOf(client(answering(200, { hello: 'world' })).welcome())).toBe('not-couchdb');
    expect(await codeOf(client(answering(404, 'Not Found')).welcome())).toBe('not-couchdb');
    expect(await codeOf(client(answering(200, { couchdb: 'Welcome', version: '3.3.3' })).welcome())).toBe('no error');
    expect(await codeOf(client(answering(200, { 'express-pouchdb': 'Welcome!' })).welcome())).toBe('no error');
    expect(await codeOf(client(answering(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' })).info())).toBe('unauthorized');
    expect(await codeOf(client(answering(403, { error: 'forbidden', reason: 'You are not allowed to access this db.' })).info())).toBe('forbidden');
    expect(await codeOf(client(answering(404, { error: 'not_found', reason: 'Database does not exist.' })).info())).toBe('no-database');
    expect(await codeOf(client(answering(404, { error: 'not_found', reason: 'Database does not exist.' })).getDoc('x'))).toBe('no-database');
    expect(await client(answering(404, { error: 'not_found', reason: 'missing' })).getDoc('x')).toBeUndefined();
    expect(await codeOf(client(answering(409, { error: 'conflict' })).putDoc({ _id: 'x' }))).toBe('conflict');
    expect(await codeOf(client(answering(500, { error: 'unknown_error' })).info())).toBe('server-error');
    expect(await codeOf(client(answering(502, '<html>Bad gateway</html>')).info())).toBe('server-error');
    expect(await codeOf(client(answering(200, 'not json')).info())).toBe('server-error');
  });

  it('sends basic auth in a header and nothing in cookies', async () => {
    let seen: RequestInit | undefined;
    await client(async (_u: RequestInfo | URL, init?: RequestInit) => {
      seen = init;
      return new Response('{"couchdb":"Welcome"}');
    }, { password: 'pąss' }).welcome();
    const auth = (seen!.headers as Record<string, string>).authorization;
    expect(new TextDecoder().decode(Uint8Array.from(atob(auth.slice(6)), (c) => c.charCodeAt(0)))).toBe('anna:pąss');
    expect(seen!.credentials).toBe('omit');
  });

  it('names a user the server knows but the database refuses as forbidden (PouchDB Server says 401)', async () => {
    const f: typeof fetch = async (u) => {
      const path = new URL(String(u)).pathname;
      if (path === '/') return new Response('{"couchdb":"Welcome"}');
      if (path === '/_session') return new Response('{"ok":true,"userCtx":{"name":"anna","roles":[]}}');
      return new Response('{"error":"unauthorized","reason":"You are not authorized to access this db."}', { status: 401 });
    };
    expect(await codeOf(checkConnection(client(f)))).toBe('forbidden');
  });

  it('checks a good connection through the fake CouchDB', async () => {
    const couch = new FakeCouch();
    couch.users.set('anna', 'pw');
    expect(await codeOf(checkConnection(client(couch.fetch)))).toBe('no-database');
    await client(couch.fetch).createDatabase();
    await client(couch.fetch).createDatabase(); // a second device creating it too is not an error
    expect(await checkConnection(client(couch.fetch))).toMatchObject({ user: 'anna', database: { doc_count: 0 } });
    expect(await codeOf(checkConnection(client(couch.fetch, { password: 'wrong' })))).toBe('unauthorized');
    couch.forbidden.add('anna');
    expect(await codeOf(checkConnection(client(couch.fetch)))).toBe('forbidden');
  });
});

describe('failures against real servers on 127.0.0.1', () => {
  const admin = { name: 'admin', password: 'admin-secret' };
  let server: PouchServer;
  const servers: Server[] = [];

  beforeAll(async () => {
    server = await startPouchServer({ admin });
    // A user who is not the admin, and a database only another user may read.
    await server.adminFetch('_users/org.couchdb.user:bob', { method: 'PUT', body: JSON.stringify({ name: 'bob', password: 'bob-pw', roles: [], type: 'user' }) });
    await server.adminFetch('private', { method: 'PUT' });
    await server.adminFetch('private/_security', { method: 'PUT', body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['alice'], roles: [] } }) });
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    for (const s of servers) s.close();
  });

  const real = (db: string, username: string, password: string, extra: Partial<ConstructorParameters<typeof CouchClient>[0]> = {}) =>
    new CouchClient({ url: server.url, db, username, password, ...extra });

  it('PouchDB Server: a wrong password is 401, a missing database 404, then created by the admin', async () => {
    expect(await codeOf(checkConnection(real('kith', 'admin', 'wrong')))).toBe('unauthorized');
    expect(await codeOf(checkConnection(real('kith', 'nobody', 'x')))).toBe('unauthorized');
    expect(await codeOf(checkConnection(real('kith', admin.name, admin.password)))).toBe('no-database');
    await real('kith', admin.name, admin.password).createDatabase();
    expect(await checkConnection(real('kith', admin.name, admin.password))).toMatchObject({
      welcome: { 'express-pouchdb': 'Welcome!' },
      user: 'admin',
      database: { db_name: 'kith', doc_count: 0 },
    });
  });

  it('PouchDB Server: a user outside the database\'s members is forbidden', async () => {
    expect(await codeOf(checkConnection(real('private', 'bob', 'bob-pw')))).toBe('forbidden');
    expect(await codeOf(checkConnection(real('private', 'bob', 'not-bobs')))).toBe('unauthorized');
  });

  it('PouchDB Server: a write the database\'s validation refuses is 403', async () => {
    await server.adminFetch('readonly', { method: 'PUT' });
    await server.adminFetch('readonly/_design/guard', {
      method: 'PUT',
      body: JSON.stringify({ validate_doc_update: 'function (doc, old, user) { if (user.roles.indexOf("_admin") === -1) throw({ forbidden: "read only" }); }' }),
    });
    await server.adminFetch('readonly/_security', { method: 'PUT', body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['bob'], roles: [] } }) });
    const bob = real('readonly', 'bob', 'bob-pw');
    expect((await checkConnection(bob)).database?.db_name).toBe('readonly');
    expect(await codeOf(bob.putDoc({ _id: 'x', a: 1 }))).toBe('forbidden');
    const [result] = await bob.bulkDocs([{ _id: 'y', a: 1 }]);
    expect(result).toMatchObject({ id: 'y', error: 'forbidden' });
  });

  it('nothing listening is unreachable', async () => {
    const port = await freePort();
    expect(await codeOf(new CouchClient({ url: `http://${HOST}:${port}/`, db: 'kith' }).welcome())).toBe('unreachable');
  });

  it('a web server that is not CouchDB is not-couchdb; one that never answers is a timeout', async () => {
    const listen = async (handler: Parameters<typeof createServer>[1]) => {
      const s = createServer(handler);
      servers.push(s);
      await new Promise<void>((r) => s.listen(0, HOST, () => r()));
      return `http://${HOST}:${(s.address() as { port: number }).port}/`;
    };
    const page = await listen((_req, res) => res.end('<html><title>My NAS</title></html>'));
    expect(await codeOf(new CouchClient({ url: page, db: 'kith' }).welcome())).toBe('not-couchdb');
    const silent = await listen(() => {});
    expect(await codeOf(new CouchClient({ url: silent, db: 'kith', timeoutMs: 300 }).welcome())).toBe('timeout');
  });

  it('plain HTTP where the URL says https is a TLS failure', async () => {
    const s = createTcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((r) => s.listen(0, HOST, () => r()));
    const port = (s.address() as { port: number }).port;
    try {
      expect(await codeOf(new CouchClient({ url: `https://localhost:${port}/`, db: 'kith' }).welcome())).toBe('tls');
    } finally {
      s.close();
    }
  });
});
