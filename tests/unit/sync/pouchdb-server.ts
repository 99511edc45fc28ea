/**
 * A real CouchDB-protocol server for the sync tests and the benchmark: PouchDB Server 4.2 (npm
 * `pouchdb-server`), in memory, on 127.0.0.1 at a free port, in a temporary folder of its own (it
 * writes its config and log into the working folder). Never bound to any other address.
 *
 * With `admin`, the config file names a server admin, which ends PouchDB Server's "admin party":
 * wrong credentials then get 401, and users other than the admin exist only in `_users`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../../node_modules/pouchdb-server/bin/pouchdb-server');
export const HOST = '127.0.0.1';

export interface PouchServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  port: number;
  admin?: { name: string; password: string };
  /** A fetch that sends the admin's credentials (for setting things up behind the test's back). */
  adminFetch(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the server; its data goes with it (in memory). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited: ${output()}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`pouchdb-server did not start: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `cors: false` turns off PouchDB Server's CORS (on by default, for every origin): a browser extension
 * then reaches it only with the host permission for its origin.
 */
export async function startPouchServer(options: { admin?: { name: string; password: string }; cors?: boolean } = {}): Promise<PouchServer> {
  const port = await freePort();
  const url = `http://${HOST}:${port}/`;
  const dir = mkdtempSync(join(tmpdir(), 'kith-pouchdb-server-'));
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    // A fresh config each start: PouchDB Server rewrites it (hashing the admin's password).
    writeFileSync(join(dir, 'config.json'), JSON.stringify({
      ...(options.admin ? { admins: { [options.admin.name]: options.admin.password } } : {}),
      ...(options.cors === false ? { httpd: { enable_cors: false } } : {}),
      log: { file: join(dir, 'log.txt'), level: 'warning' },
    }));
    output = '';
    child = spawn(process.execPath, [BIN, '--in-memory', '--host', HOST, '--port', String(port), '--config', join(dir, 'config.json'), '--no-stdout-logs', '--no-color'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitUntilUp(url, child, () => output);
  };

  const halt = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((done) => {
      c.once('exit', () => done());
      c.kill('SIGTERM');
    });
  };

  await launch();
  const auth = options.admin ? 'Basic ' + Buffer.from(`${options.admin.name}:${options.admin.password}`).toString('base64') : undefined;
  return {
    url,
    port,
    admin: options.admin,
    adminFetch: (path, init = {}) =>
      fetch(new URL(path, url), { ...init, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...(init.headers as Record<string, string>) } }),
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await halt();
      await launch();
    },
  };
}
