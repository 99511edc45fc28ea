/**
 * A Chromium with no automation library attached to its pages: launched here, driven through the DevTools
 * protocol over a WebSocket, and attached only to the pages this module opens, with nothing enabled but
 * what a measurement reads afterwards.
 *
 * Why: Playwright attaches to every page of its browser and prepares it as it loads. Traced on the popup
 * (2026-11-27), that put about 20 ms in front of the popup's script (a second JavaScript world with the
 * extension's API bindings, and resource requests routed through the driver), and the first evaluation
 * after load ran 7 ms of script in the page while its first frame was due. A popup the user opens has
 * none of that, so the popup's first paint is measured here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError, controlPage, FLAGS, requireChromium } from './browser.ts';

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message: string }; sessionId?: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class BareBrowser {
  private id = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Set<(m: Message) => void>();
  extensionId = '';

  private constructor(private readonly proc: ChildProcess, private readonly ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      const m = JSON.parse(String(e.data)) as Message;
      if (m.id !== undefined) {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) p?.reject(new BenchError(m.error.message));
        else p?.resolve(m.result);
      } else for (const l of this.listeners) l(m);
    });
  }

  /** Starts Chromium (headless) on `userDataDir` with the unpacked extension at `extensionDir`. */
  static async launch(userDataDir: string, extensionDir: string): Promise<BareBrowser> {
    const portFile = join(userDataDir, 'DevToolsActivePort');
    rmSync(portFile, { force: true });
    const args = ['--headless=new', `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...FLAGS, 'about:blank'];
    const proc = spawn(requireChromium(), args, { stdio: 'ignore' });
    const deadline = Date.now() + 20_000;
    while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
      if (Date.now() > deadline || proc.exitCode !== null) {
        proc.kill();
        throw new BenchError('Chromium did not open its DevTools port');
      }
      await sleep(50);
    }
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new BenchError('could not connect to Chromium\'s DevTools port')));
    });
    const b = new BareBrowser(proc, ws);
    while (!b.extensionId) {
      const { targetInfos } = await b.send<{ targetInfos: { type: string; url: string }[] }>('Target.getTargets');
      const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
      if (sw) b.extensionId = new URL(sw.url).host;
      else if (Date.now() > deadline) throw new BenchError('the extension\'s service worker did not start');
      else await sleep(100);
    }
    return b;
  }

  send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.id;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /** Calls `listener` with every protocol event until the returned function is called. */
  on(listener: (m: Message) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Opens one of the extension's pages in a new window of `viewport`'s size. The page is attached before
   * it navigates (so `initScript`, if any, runs first in its main world), but nothing else is enabled.
   */
  async open(path: string, viewport: { width: number; height: number }, initScript?: string): Promise<BarePage> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', newWindow: true, ...viewport });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    if (initScript) {
      await this.send('Page.enable', {}, sessionId);
      await this.send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
    }
    await this.send('Page.navigate', { url: `chrome-extension://${this.extensionId}/${path}` }, sessionId);
    return new BarePage(this, targetId, sessionId);
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.proc.exitCode !== null ? resolve() : this.proc.once('exit', () => resolve())));
    await Promise.race([this.send('Browser.close').catch(() => undefined), sleep(5_000)]);
    this.ws.close();
    await Promise.race([exited, sleep(5_000)]);
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

export class BarePage {
  constructor(private readonly b: BareBrowser, readonly targetId: string, readonly sessionId: string) {}

  /** Evaluates `expression` in the page (awaiting a promise) and returns its value, as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.b.send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      this.sessionId,
    );
    if (r.exceptionDetails) throw new BenchError(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }

  /** Waits until `condition` (an expression) is true, checking first after `firstAfterMs`, then every 100 ms. */
  async until(condition: string, what: string, firstAfterMs: number, timeoutMs = 30_000): Promise<void> {
    await sleep(firstAfterMs);
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${condition})`))) {
      if (Date.now() > deadline) throw new BenchError(`${what} within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    await this.b.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
  }
}

/**
 * The extension's service worker in a bare browser: woken by a message from an extension page, stopped
 * through the ServiceWorker domain of that page's session (as the browser stops it when idle).
 */
export class BareWorkerControl {
  private status = new Map<string, string>();

  private constructor(private readonly b: BareBrowser, readonly page: BarePage) {}

  static async open(b: BareBrowser, extensionDir: string): Promise<BareWorkerControl> {
    const page = await b.open(controlPage(extensionDir), { width: 800, height: 600 });
    const control = new BareWorkerControl(b, page);
    b.on((m) => {
      if (m.method !== 'ServiceWorker.workerVersionUpdated' || m.sessionId !== page.sessionId) return;
      for (const v of (m.params as { versions: { versionId: string; runningStatus: string }[] }).versions) control.status.set(v.versionId, v.runningStatus);
    });
    await b.send('ServiceWorker.enable', {}, page.sessionId);
    await page.until('document.readyState === "complete"', 'the options page did not load', 0);
    return control;
  }

  private async until(ok: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new BenchError(`the service worker did not become ${what} within 10 s`);
      await sleep(20);
    }
  }

  /** Sends one protocol message from the control page; returns its value (throws on a refusal). */
  async kith<T = unknown>(name: string, payload: unknown): Promise<T> {
    const reply = await this.page.evaluate<{ ok: boolean; value?: T; error?: string }>(`chrome.runtime.sendMessage(${JSON.stringify({ kith: name, payload })})`);
    if (!reply?.ok) throw new BenchError(`${name}: ${reply?.error ?? 'no reply'}`);
    return reply.value as T;
  }

  async warm(): Promise<void> {
    await this.kith('events.list', {});
    await this.until(() => [...this.status.values()].some((s) => s === 'running'), 'running');
  }

  async stop(): Promise<void> {
    await this.b.send('ServiceWorker.stopAllWorkers', {}, this.page.sessionId);
    await this.until(() => [...this.status.values()].every((s) => s === 'stopped'), 'stopped');
  }
}
