/**
 * Chromium for the benchmark: launched like the browser tests launch it (tests/e2e/fixtures.ts), with or
 * without the built extension, with every request answered locally. Plus the DevTools-protocol pieces
 * the measurements need: stopping the service worker, page metrics, traces.
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, HOW_TO_GET_CHROMIUM } from '../../tests/e2e/browsers.ts';
import type { TraceEvent } from './trace.ts';

/** The flags tests/e2e/fixtures.ts launches with, minus the extension ones. */
export const FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export class BenchError extends Error {}

export function requireChromium(): string {
  const path = chromiumPath();
  if (!path) throw new BenchError(HOW_TO_GET_CHROMIUM);
  return path;
}

export interface Browser {
  context: BrowserContext;
  /** The extension's id (undefined for the baseline browser). */
  extensionId?: string;
  close(): Promise<void>;
}

export function tempProfile(label: string): string {
  return mkdtempSync(join(tmpdir(), `kith-bench-${label}-`));
}

export function removeProfile(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch {
    // A temporary directory left behind is harmless.
  }
}

/**
 * Launches Chromium on a profile directory (reuse the directory to keep IndexedDB between launches),
 * with the extension at `extensionDir` or none. Requests are refused unless a route serves them.
 */
export async function launch(userDataDir: string, extensionDir?: string): Promise<Browser> {
  const executablePath = requireChromium();
  const args = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...FLAGS] : FLAGS;
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args, viewport: { width: 1280, height: 800 } });
  await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
  let extensionId: string | undefined;
  if (extensionDir) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    close: async () => {
      await context.close().catch(() => undefined);
    },
  };
}

/** Serves `body` for every request `match` accepts (later routes win over the refuse-all one). */
export async function serve(context: BrowserContext, match: string | RegExp | ((url: URL) => boolean), body: string | Buffer, contentType = 'text/html; charset=utf-8'): Promise<void> {
  await context.route(match, (route) => route.fulfill({ status: 200, contentType, body, headers: { 'access-control-allow-origin': '*' } }));
}

/**
 * A local HTTP server for big bodies (a 100 MB backup): routes pass every byte through the DevTools
 * pipe, which Chromium does not survive at that size. Pass `files.let(context)` so the browser may reach it.
 */
export async function fileServer(): Promise<{ url: (name: string) => string; put: (name: string, body: string) => void; drop: (name: string) => void; let: (context: BrowserContext) => Promise<void>; close: () => Promise<void> }> {
  const files = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8', 'access-control-allow-origin': '*' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (name) => `${origin}/${name}`,
    put: (name, body) => void files.set(`/${name}`, Buffer.from(body, 'utf8')),
    drop: (name) => void files.delete(`/${name}`),
    let: async (context) => {
      await context.route((url) => url.origin === origin, (route) => route.continue());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Opens one of the extension's pages in a new tab. */
export async function extensionPage(b: Browser, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  if (!b.extensionId) throw new BenchError('this browser has no extension');
  const page = await b.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

/** The running service worker, waiting for it to start if it is not running. */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
}

/**
 * A blank page of the extension to send messages from (written into the unpacked extension at
 * `extensionDir`): Kith's own pages answer every change with requests of their own (the options page
 * counts everyone, 300 ms at 100,000 people), which would land in the middle of what is measured.
 */
export function controlPage(extensionDir: string): string {
  writeFileSync(join(extensionDir, 'bench-control.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kith benchmark</title></head><body></body></html>');
  return 'bench-control.html';
}

/**
 * Controls the extension's service worker through the DevTools protocol (the ServiceWorker domain of an
 * extension page's session: same storage partition as the worker). `stop()` resolves once the worker
 * reports "stopped"; the next message or event starts it again, as after the browser stopped it idle.
 */
export class WorkerControl {
  private status = new Map<string, string>();
  private waiters: Array<() => void> = [];

  private constructor(private readonly cdp: CDPSession, readonly page: Page) {}

  static async open(b: Browser, extensionDir: string): Promise<WorkerControl> {
    const page = await extensionPage(b, controlPage(extensionDir));
    const cdp = await b.context.newCDPSession(page);
    const control = new WorkerControl(cdp, page);
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) control.status.set(v.versionId, v.runningStatus);
      for (const w of control.waiters.splice(0)) w();
    });
    await cdp.send('ServiceWorker.enable');
    return control;
  }

  get running(): boolean {
    return [...this.status.values()].some((s) => s === 'running' || s === 'starting');
  }

  private async until(ok: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > deadline) throw new BenchError(`the service worker did not become ${what} within ${ms} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async stop(): Promise<void> {
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    await this.until(() => [...this.status.values()].every((s) => s === 'stopped'), 'stopped');
  }

  /** Wakes the worker with a cheap message (it opens the database too) and waits until it answers. */
  async warm(): Promise<void> {
    await kith(this.page, 'events.list', {});
    await this.until(() => this.running, 'running');
  }

  async dispose(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }
}

/** Sends one protocol message from an extension page and returns its value (throws on a refusal). */
export async function kith<T = unknown>(page: Page, name: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([n, p]) => chrome.runtime.sendMessage({ kith: n, payload: p }), [name, payload] as const)) as
    | { ok: true; value: T }
    | { ok: false; error: string }
    | undefined;
  if (!reply || !reply.ok) throw new BenchError(`${name}: ${reply ? reply.error : 'no reply'}`);
  return reply.value;
}

/** `Performance.getMetrics` as a name -> value map. */
export async function pageMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Records a DevTools trace of what `run` does (the Performance panel's categories). */
export async function trace(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'v8'],
      excludedCategories: ['*'],
    },
  });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/**
 * A DevTools session on a target Playwright does not attach (the extension's service worker, the
 * browser's side panel), through an extension page's session: Target.attachToTarget +
 * sendMessageToTarget.
 */
export class TargetSession {
  private id = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly cdp: CDPSession, private readonly sessionId: string) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new BenchError(m.error.message));
      else p.resolve(m.result);
    });
  }

  /** The first target `match` accepts (`what` names it when there is none). */
  static async attach(b: Browser, page: Page, match: (t: { type: string; url: string }) => boolean, what: string): Promise<TargetSession> {
    const cdp = await b.context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find(match);
    if (!target) {
      await cdp.detach().catch(() => undefined);
      throw new BenchError(`no ${what}`);
    }
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    return new TargetSession(cdp, sessionId);
  }

  /** The extension's running service worker. */
  static worker(b: Browser, page: Page): Promise<TargetSession> {
    return TargetSession.attach(b, page, (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`), 'running service worker to profile');
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = ++this.id;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  /** Evaluates `expression` in the target (awaiting a promise) and returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new BenchError(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }

  async detach(): Promise<void> {
    await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
    await this.cdp.detach().catch(() => undefined);
  }
}
