/**
 * The scenario driver for Firefox: puppeteer-core over WebDriver BiDi, driving Debian's firefox-esr
 * (or $FIREFOX_PATH) with Kith's MV2 build installed as a temporary add-on. Measured facts behind the
 * choices here: ../shared/notes/firefox-e2e.md.
 *
 * - Requests from tabs are answered by one browser-wide BiDi network intercept: routes, else failure.
 * - Firefox's background page has no BiDi target, so it is reached through a "harness" tab on one of
 *   Kith's own files, which holds the background window (runtime.getBackgroundPage): it collects the
 *   background's console errors and serves the photo routes to the background's fetch. The harness
 *   stays open: functions it gave the background die with it ("can't access dead object").
 * - `page.goto` to a moz-extension: page never resolves (no load events for extension documents),
 *   so extension pages are opened and reloaded by polling `location.href` and `document.readyState`.
 * - Temporary add-ons are removed when Firefox quits; two prefs keep their uuid and storage, so a
 *   restart on the same profile (with the add-on installed again) sees the same data, as a user's
 *   Firefox would.
 */
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { KithBrowser, Route, Tab, Target } from '../scenarios/driver';

export const EXTENSION_DIR = resolve(process.env.KITH_OUT_DIR ?? '.output', 'firefox-mv2');
/** Any fixed uuid: pinning it gives stable moz-extension:// URLs. */
const UUID = '6a1f3c55-8f2e-4c1b-9d7a-2b3c4d5e6f70';
const WAIT = 10_000;
/** The address of Kith's sidebar page, in the frame its content script puts on a profile page. */
const SIDEBAR = /^moz-extension:\/\/[^/]+\/sidebar\.html/;

/** Where Firefox is: $FIREFOX_PATH, else Debian's firefox-esr, else a `firefox` on the usual paths. */
export function firefoxPath(): string | undefined {
  const candidates = [process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.filter(Boolean).find((p) => existsSync(p!));
}

export const HOW_TO_GET_FIREFOX =
  'No Firefox found. Install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH to a Firefox binary (140 or newer).';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until it returns something other than undefined. */
async function poll<T>(what: string, read: () => Promise<T | undefined>, timeout = WAIT): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const v = await read();
      if (v !== undefined) return v;
    } catch {
      // Not ready yet (a page between documents, an element going away).
    }
    if (Date.now() > end) throw new Error(`Firefox: timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

const describe = (t: Target): string => `${t.role}${t.name !== undefined ? ` "${t.name}"` : ''}${t.within ? ` in ${describe(t.within)}` : ''}`;

/**
 * The elements under `scope` with this role and exact accessible name, from Firefox's accessibility
 * tree (BiDi browsingContext.locateNodes). Puppeteer's `::-p-aria(...)` selector asks the same, but
 * moves handles between worlds on the way, which costs about 100 ms a query here against about 10 ms;
 * its handle method does not, so it is used when there, and the selector otherwise.
 */
async function byRole(scope: ElementHandle<Node>, t: Target): Promise<ElementHandle<Element>[]> {
  type Direct = { queryAXTree?: (name?: string, role?: string) => AsyncIterable<ElementHandle<Element>> };
  const direct = (scope as unknown as Direct).queryAXTree;
  if (!direct) {
    const q = t.name?.includes('"') ? "'" : '"';
    const name = t.name === undefined ? '' : `[name=${q}${t.name}${q}]`;
    return (await scope.$$(`::-p-aria(${name}[role="${t.role}"])`)) as ElementHandle<Element>[];
  }
  const found: ElementHandle<Element>[] = [];
  for await (const el of direct.call(scope, t.name, t.role)) found.push(el);
  return found;
}

/** What a tab asks of its browser. */
interface TabHost {
  /** Brings the tab to the front unless it is there. */
  front(tab: FirefoxTab): Promise<void>;
  pressShortcut(tab: FirefoxTab, command: string): Promise<void>;
  closed(tab: FirefoxTab): void;
}

/**
 * One tab. A user acts only in the tab in front, and Firefox treats a tab behind others as a user
 * would not see it (hidden, no focus events: a listbox focused there never learns it), so every action
 * first brings its tab to the front. Reads do not.
 */
class FirefoxTab implements Tab {
  readonly dialogs: string[] = [];
  constructor(
    readonly page: Page,
    private readonly downloads: string,
    private readonly host: TabHost,
  ) {
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.dismiss().catch(() => undefined);
    });
  }

  async goto(url: string): Promise<void> {
    if (url.startsWith('moz-extension:')) {
      this.page.goto(url).catch(() => undefined);
      await this.loaded((href) => href === url);
    } else {
      await this.page.goto(url, { waitUntil: 'load' });
    }
  }

  async reload(): Promise<void> {
    if (!(await this.url()).startsWith('moz-extension:')) {
      await this.page.reload({ waitUntil: 'load' });
      return;
    }
    await this.page.evaluate(() => {
      (window as unknown as { kithBeforeReload?: boolean }).kithBeforeReload = true;
      location.reload();
    });
    await poll('the page to load again', async () =>
      (await this.page.evaluate(() => !(window as unknown as { kithBeforeReload?: boolean }).kithBeforeReload && document.readyState === 'complete'))
        ? true
        : undefined,
    );
  }

  /** Waits for an extension document to load: its URL is right and it is complete. */
  async loaded(isUrl: (href: string) => boolean): Promise<void> {
    await poll('the extension page to load', async () => {
      const [href, state] = await this.page.evaluate(() => [location.href, document.readyState]);
      return isUrl(href) && state === 'complete' ? true : undefined;
    });
  }

  url(): Promise<string> {
    return this.page.evaluate(() => location.href);
  }

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  /** The frame last found holding Kith's sidebar page (kept while it is attached and still Kith's). */
  private known: Frame | undefined;

  /**
   * Kith's sidebar frame on a web page, if there is one now. Puppeteer may report its URL as
   * about:blank, so each frame is asked its own address.
   */
  private async sidebarFrame(): Promise<Frame | undefined> {
    const isKith = async (f: Frame) => SIDEBAR.test(await f.evaluate(() => location.href).catch(() => ''));
    if (this.known && !this.known.detached && (await isKith(this.known))) return this.known;
    this.known = undefined;
    for (const f of this.page.frames()) {
      if (f === this.page.mainFrame() || f.detached) continue;
      if (await isKith(f)) return (this.known = f);
    }
    return undefined;
  }

  /** Kith's own document: on a web page its sidebar's frame (undefined while there is none); on Kith's pages, the page's. */
  private async kith(): Promise<Frame | undefined> {
    const onWeb = await this.page.evaluate(() => /^https?:$/.test(location.protocol));
    return onWeb ? this.sidebarFrame() : this.page.mainFrame();
  }

  async evaluateInKith<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const frame = await poll("Kith's sidebar frame", () => this.kith());
    return frame.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  /**
   * Where to look: Kith's own UI. On a web page that is the document of Kith's sidebar frame (the
   * site's own elements are not Kith's, and searching a whole LinkedIn page's accessibility tree is
   * slow); on Kith's pages, the document.
   */
  private async root(): Promise<ElementHandle<Node> | null> {
    const frame = await this.kith();
    if (!frame) return null;
    return (await frame.evaluateHandle(() => document)).asElement() as ElementHandle<Node> | null;
  }

  async all(t: Target): Promise<ElementHandle<Element>[]> {
    const scope = t.within ? (await this.all(t.within))[0] : await this.root();
    return scope ? byRole(scope, t) : [];
  }

  private async one(t: Target): Promise<ElementHandle<Element>> {
    return poll(describe(t), async () => (await this.all(t))[0]);
  }

  /**
   * Finds the element, brings its tab to the front, and starts acting on it. An element that left its
   * document before the action reached it (Kith's frame loading its next document after a reload or
   * a navigation, when the search found the one before) is found again.
   */
  private async act<R>(t: Target, action: (el: ElementHandle<Element>) => Promise<R>): Promise<R> {
    const end = Date.now() + WAIT;
    for (;;) {
      const el = await this.one(t);
      await this.host.front(this);
      try {
        return await action(el);
      } catch (e) {
        if (Date.now() > end || !/detached|destroyed|no such (node|frame)|discarded/i.test((e as Error).message)) throw e;
        await sleep(50);
      }
    }
  }

  async click(t: Target): Promise<void> {
    await this.act(t, (el) => el.click());
  }

  async fill(t: Target, value: string): Promise<void> {
    await this.act(t, (el) =>
      el.evaluate((e) => {
        (e as HTMLElement).focus();
        (e as HTMLInputElement).select?.();
      }),
    );
    if (value === '') await this.page.keyboard.press('Backspace');
    else await this.page.keyboard.type(value);
  }

  async type(t: Target, text: string): Promise<void> {
    await this.act(t, (el) => el.focus());
    await this.page.keyboard.type(text, { delay: 5 });
  }

  async press(t: Target, key: string): Promise<void> {
    await this.act(t, (el) => el.focus());
    await this.page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
  }

  async select(t: Target, label: string): Promise<void> {
    await this.act(t, async (el) => {
      const value = await el.evaluate((s, l) => [...(s as HTMLSelectElement).options].find((o) => o.label === l || o.text === l)?.value, label);
      if (value === undefined) throw new Error(`${describe(t)} has no option "${label}"`);
      await el.select(value);
    });
  }

  async upload(selector: string, path: string): Promise<void> {
    const input = await poll(selector, async () => (await this.page.$(selector)) ?? undefined);
    await this.host.front(this);
    await (input as ElementHandle<HTMLInputElement>).uploadFile(path);
  }

  async download(t: Target): Promise<{ filename: string; text: string }> {
    const before = new Set(readdirSync(this.downloads));
    await this.click(t);
    // Firefox writes `name.part` and renames it when the download is complete.
    const filename = await poll('the download', async () => {
      const now = readdirSync(this.downloads).filter((f) => !before.has(f));
      if (now.length === 0 || now.some((f) => f.endsWith('.part'))) return undefined;
      return now[0];
    });
    return { filename, text: readFileSync(join(this.downloads, filename), 'utf8') };
  }

  shortcut(command: string): Promise<void> {
    return this.host.pressShortcut(this, command);
  }

  async count(t: Target): Promise<number> {
    return (await this.all(t)).length;
  }

  async texts(t: Target): Promise<string[]> {
    const els = await this.all(t);
    return Promise.all(els.map((e) => e.evaluate((n) => (n.textContent ?? '').trim())));
  }

  async value(t: Target): Promise<string | null> {
    const el = (await this.all(t))[0];
    return el ? el.evaluate((n) => ((n as HTMLInputElement).type === 'checkbox' ? String((n as HTMLInputElement).checked) : (n as HTMLInputElement).value)) : null;
  }

  async attribute(t: Target, name: string): Promise<string | null> {
    const el = (await this.all(t))[0];
    return el ? el.evaluate((n, a) => n.getAttribute(a), name) : null;
  }

  async close(): Promise<void> {
    this.host.closed(this);
    await this.page.close().catch(() => undefined);
  }
}

type Bidi = { send(method: string, params: object): Promise<unknown>; on(event: string, handler: (params: never) => void): void };
type BlockedRequest = { isBlocked: boolean; request: { request: string; url: string } };

export class FirefoxKith implements KithBrowser {
  readonly name = 'firefox' as const;
  private browser!: Browser;
  private harness!: FirefoxTab;
  private readonly routes: Route[] = [];
  private readonly profile = mkdtempSync(join(tmpdir(), 'kith-firefox-'));
  private readonly downloads = mkdtempSync(join(tmpdir(), 'kith-firefox-downloads-'));
  private readonly geckoId: string;

  private constructor() {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    this.geckoId = manifest.browser_specific_settings.gecko.id;
  }

  static async launch(): Promise<FirefoxKith> {
    const kith = new FirefoxKith();
    try {
      await kith.start();
    } catch (e) {
      await kith.close();
      throw e;
    }
    return kith;
  }

  get base(): string {
    return `moz-extension://${UUID}/`;
  }

  private async start(): Promise<void> {
    const executablePath = firefoxPath();
    if (!executablePath) throw new Error(HOW_TO_GET_FIREFOX);
    this.browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: this.profile,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [this.geckoId]: UUID }),
        // A temporary add-on is uninstalled when Firefox quits: keep what a real install would keep.
        'extensions.webextensions.keepUuidOnUninstall': true,
        'extensions.webextensions.keepStorageOnUninstall': true,
        'browser.download.dir': this.downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        // Firefox on Linux shows notifications through libnotify (D-Bus) by default. A headless machine
        // has no notification daemon on the session bus: Firefox 153.8 then closes each notification at
        // once (onClosed with byUser true) and getAll() stays empty, so the daily reminder would look
        // as if it never fired. Firefox's own alert windows need no daemon.
        'alerts.useSystemBackend': false,
      },
    });
    await this.intercept();
    await this.browser.installExtension(EXTENSION_DIR);
    this.harness = await this.openExtensionPage('icon/128.png');
    await this.harness.evaluate(async () => {
      const g = globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } };
      const bg = (await g.browser.runtime.getBackgroundPage()) as Window & typeof globalThis & { kithErrors?: string[] };
      bg.kithErrors = [];
      const original = bg.console.error;
      bg.console.error = (...args: unknown[]) => {
        bg.kithErrors!.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' '));
        original.apply(bg.console, args);
      };
    });
    await this.syncBackgroundRoutes();
  }

  /** One intercept for every request of every tab: a route's response, else a network error. */
  private async intercept(): Promise<void> {
    // The BiDi connection itself: puppeteer's per-page interception cannot cover every tab at once.
    const bidi = (this.browser as unknown as { connection: Bidi }).connection;
    bidi.on('network.beforeRequestSent', (event: BlockedRequest) => {
      if (!event.isBlocked) return;
      const { request, url } = event.request;
      const route = this.routes.findLast((r) => r.url.test(url));
      const sent = route
        ? bidi.send('network.provideResponse', {
            request,
            statusCode: 200,
            reasonPhrase: 'OK',
            headers: [{ name: 'Content-Type', value: { type: 'string', value: route.contentType ?? 'text/html; charset=utf-8' } }],
            body: { type: 'base64', value: Buffer.from(route.body).toString('base64') },
          })
        : bidi.send('network.failRequest', { request });
      // The tab may be gone by now; nothing to answer then.
      sent.catch(() => undefined);
    });
    await bidi.send('network.addIntercept', {
      phases: ['beforeRequestSent'],
      urlPatterns: [
        { type: 'pattern', protocol: 'https' },
        { type: 'pattern', protocol: 'http' },
      ],
    });
  }

  /**
   * BiDi does not see the background page's requests: the background fetches only photos, so routes
   * serving images are handed to its fetch (through the harness, which keeps the functions alive).
   */
  private async syncBackgroundRoutes(): Promise<void> {
    const images = this.routes
      .filter((r) => (r.contentType ?? '').startsWith('image/'))
      .map((r) => ({ source: r.url.source, flags: r.url.flags, type: r.contentType!, body: Buffer.from(r.body).toString('base64') }));
    await this.harness.evaluate(async (routes) => {
      const g = globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } };
      const bg = (await g.browser.runtime.getBackgroundPage()) as Window & typeof globalThis & { kithFetch?: typeof fetch };
      bg.kithFetch ??= bg.fetch;
      const served = routes.map((r) => ({ re: new RegExp(r.source, r.flags), type: r.type, bytes: Uint8Array.from(atob(r.body), (c) => c.charCodeAt(0)) }));
      bg.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        const route = served.findLast((r) => r.re.test(url));
        if (route) return Promise.resolve(new bg.Response(route.bytes, { status: 200, headers: { 'Content-Type': route.type } }));
        return bg.kithFetch!(input, init);
      };
    }, images);
  }

  async serve(route: Route): Promise<void> {
    this.routes.push(route);
    if ((route.contentType ?? '').startsWith('image/')) await this.syncBackgroundRoutes();
  }

  /** The tab in front, as far as this driver moved it (a new tab opens in front). */
  private inFront: FirefoxTab | undefined;
  private readonly host: TabHost = {
    front: async (tab) => {
      if (this.inFront === tab) return;
      await tab.page.bringToFront();
      this.inFront = tab;
    },
    pressShortcut: (tab, command) => this.pressShortcut(tab, command),
    closed: (tab) => {
      if (this.inFront === tab) this.inFront = undefined;
    },
  };

  private async newTab(): Promise<FirefoxTab> {
    const tab = new FirefoxTab(await this.browser.newPage(), this.downloads, this.host);
    this.inFront = tab;
    return tab;
  }

  async open(url: string): Promise<Tab> {
    const tab = await this.newTab();
    await tab.goto(url);
    return tab;
  }

  async openExtensionPage(path: string): Promise<FirefoxTab> {
    const tab = await this.newTab();
    await tab.goto(this.base + path);
    return tab;
  }

  /**
   * Presses the keys Firefox has for one of Kith's commands, with `tab` in front. BiDi's key input
   * reaches only the page, and extension shortcuts live in the browser window, so the keys are sent
   * to that window from a privileged page (about:addons, reachable with system access) through
   * nsITextInputProcessor, as Firefox's own tests press shortcuts. Firefox then does the rest: its
   * shortcut handling fires commands.onCommand in Kith's background.
   */
  private async pressShortcut(tab: FirefoxTab, command: string): Promise<void> {
    const keys = await this.harness.evaluate(async (name) => {
      const g = globalThis as unknown as { browser: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } } };
      return (await g.browser.commands.getAll()).find((c) => c.name === name)?.shortcut ?? '';
    }, command);
    if (!keys) throw new Error(`Firefox: no keys for Kith's command "${command}"`);
    const privileged = await this.newTab();
    try {
      privileged.page.goto('about:addons').catch(() => undefined);
      await poll('about:addons', async () =>
        (await privileged.page.evaluate(
          () => location.href === 'about:addons' && document.readyState === 'complete' && !!(window as unknown as { browsingContext?: { topChromeWindow?: Window } }).browsingContext?.topChromeWindow,
        ))
          ? true
          : undefined,
      );
      await this.host.front(tab);
      await privileged.page.evaluate((shortcut) => {
        type KeyInit = { key: string; code: string; keyCode: number };
        type Tip = { beginInputTransactionForTests(w: Window): boolean; keydown(e: KeyboardEvent): void; keyup(e: KeyboardEvent): void };
        const chrome = globalThis as unknown as {
          Cc: Record<string, { createInstance(i: unknown): Tip }>;
          Ci: { nsITextInputProcessor: unknown };
        };
        type ChromeWindow = Window & { KeyboardEvent: typeof KeyboardEvent; KeyEvent: Record<string, number> };
        const win = (window as unknown as { browsingContext: { topChromeWindow: ChromeWindow } }).browsingContext.topChromeWindow;
        const modifiers: Record<string, KeyInit> = {
          Alt: { key: 'Alt', code: 'AltLeft', keyCode: win.KeyEvent.DOM_VK_ALT },
          Shift: { key: 'Shift', code: 'ShiftLeft', keyCode: win.KeyEvent.DOM_VK_SHIFT },
          Ctrl: { key: 'Control', code: 'ControlLeft', keyCode: win.KeyEvent.DOM_VK_CONTROL },
          MacCtrl: { key: 'Control', code: 'ControlLeft', keyCode: win.KeyEvent.DOM_VK_CONTROL },
          Command: { key: 'Meta', code: 'MetaLeft', keyCode: win.KeyEvent.DOM_VK_META },
        };
        const parts = shortcut.split('+');
        const last = parts.pop()!;
        if (!/^[A-Z0-9]$/.test(last)) throw new Error(`unsupported key ${last} in ${shortcut}`);
        const main: KeyInit = { key: last, code: /\d/.test(last) ? `Digit${last}` : `Key${last}`, keyCode: win.KeyEvent[`DOM_VK_${last}`] };
        const held = parts.map((m) => {
          if (!modifiers[m]) throw new Error(`unsupported modifier ${m} in ${shortcut}`);
          return modifiers[m];
        });
        const tip = chrome.Cc['@mozilla.org/text-input-processor;1'].createInstance(chrome.Ci.nsITextInputProcessor);
        if (!tip.beginInputTransactionForTests(win)) throw new Error('no input transaction on the browser window');
        const event = (k: KeyInit) => new win.KeyboardEvent('', k);
        for (const k of held) tip.keydown(event(k));
        tip.keydown(event(main));
        tip.keyup(event(main));
        for (const k of held.reverse()) tip.keyup(event(k));
      }, keys);
    } finally {
      await privileged.close();
    }
  }

  async restart(): Promise<void> {
    this.inFront = undefined;
    await this.browser.close();
    await this.start();
  }

  /**
   * Lets Firefox grant optional permissions without its prompt (the pref
   * extensions.webextOptionalPermissionPrompts), set at run time from about:addons, a privileged page,
   * so no other test runs without the prompt.
   */
  async grantOptionalPermissionsWithoutPrompt(): Promise<void> {
    const tab = await this.newTab();
    try {
      tab.page.goto('about:addons').catch(() => undefined);
      await poll('about:addons', async () => ((await tab.page.evaluate(() => location.href === 'about:addons' && document.readyState === 'complete')) ? true : undefined));
      await tab.page.evaluate(() => {
        const { Services } = globalThis as unknown as { Services: { prefs: { setBoolPref(name: string, value: boolean): void } } };
        Services.prefs.setBoolPref('extensions.webextOptionalPermissionPrompts', false);
      });
    } finally {
      await tab.close();
    }
  }

  backgroundErrors(): Promise<string[]> {
    return this.harness.evaluate(async () => {
      const g = globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } };
      const bg = (await g.browser.runtime.getBackgroundPage()) as Window & typeof globalThis & { kithErrors?: string[] };
      return [...(bg.kithErrors ?? [])];
    });
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    for (const dir of [this.profile, this.downloads]) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
      } catch {
        // A temporary directory left behind is harmless.
      }
    }
  }
}
