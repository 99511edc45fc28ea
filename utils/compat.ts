/**
 * Where Chromium and Firefox differ, Kith handles it here and nowhere else. Each difference has a unit
 * test (tests/unit/compat.test.ts) and is exercised in both browsers by the shared browser scenarios
 * (tests/scenarios, run by tests/e2e/scenarios.spec.ts and tests/firefox).
 *
 * The differences found so far:
 * - The toolbar button: Chromium's MV3 build has `action`; Firefox's MV2 build has `browserAction`
 *   (WXT does not map one to the other, and webextension-polyfill is a no-op in Firefox).
 * - In-app navigation (history.pushState on LinkedIn): Kith's content-script context
 *   (utils/content-script-context.ts) follows it with the Navigation API, which Firefox 140 (the current
 *   ESR) lacks. There it follows the page's DOM instead (followDomNavigation below): a single-page app
 *   changes the DOM when it shows the new page, so the sidebar follows at once. WXT's own context
 *   would poll the URL every second: up to a second late, against a 50 ms budget.
 * - Content scripts registered at run time (Mastodon, on the instances the user granted): Chromium's
 *   MV3 has `scripting.registerContentScripts` (needs the `scripting` permission; registrations persist
 *   across restarts); Firefox's MV2 build has `contentScripts.register` (no permission; a registration
 *   lasts as long as the background page that made it, so the background registers again at each
 *   start). See runtimeContentScripts below (its test: tests/unit/compat-runtime-scripts.test.ts).
 *
 * - The browser's side panel: Chromium's `sidePanel` (open needs a window id and a user gesture;
 *   the panel closes itself with window.close()); Firefox's `sidebarAction` (the window in front;
 *   sidebarAction.close()). See sidePanel below.
 *
 * - Notices to Kith's sidebar frame (its own page in a frame of a profile page): Chromium delivers
 *   runtime.sendMessage to every Kith page, frames in web pages included; Firefox gives such a frame
 *   content-script messaging only, so it hears tabs.sendMessage and never runtime.sendMessage
 *   (measured, Firefox 153 ESR; w3c/webextensions#35). See framesHearOnlyTabMessages below.
 *
 * Everything else Kith uses measured the same in both (Firefox 140 ESR, Chromium): runtime messaging
 * and the sender's id, url, tab and frameId; tabs.query by URL pattern with host permissions only;
 * alarms; notifications (Firefox keeps contextMessage); fetch, createImageBitmap and OffscreenCanvas
 * in Firefox's MV2 background page; IndexedDB; storage.local; Blob downloads from Kith's pages.
 */
import { browser } from '#imports';

/** The parts of the toolbar button Kith uses. */
export interface ToolbarAction {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  getBadgeText(details: object): Promise<string>;
}

/** The toolbar button's API: `action` (Manifest V3, Chromium) or `browserAction` (Manifest V2, Firefox). */
export function toolbarAction(api: object = browser): ToolbarAction {
  const { action, browserAction } = api as { action?: ToolbarAction; browserAction?: ToolbarAction };
  const found = action ?? browserAction;
  if (!found) throw new Error('This browser has no toolbar button API (action or browserAction).');
  return found;
}

/** True where a content script can see in-app navigation through the Navigation API. */
export function hasNavigationApi(scope: object = globalThis): boolean {
  return typeof (scope as { navigation?: { addEventListener?: unknown } }).navigation?.addEventListener === 'function';
}

/**
 * Notices a URL change when the page next changes its DOM, which a single-page app does to show the
 * new page (and a back or forward step too). No timer: the observer's callback only compares the URL.
 * A change found after the extension went away (updated, removed) is not passed on: asking the
 * context then invalidates it, which stops the observer.
 */
export function followDomNavigation(
  ctx: { readonly isInvalid: boolean; onInvalidated(cb: () => void): unknown },
  onChange: (url: URL) => void,
  doc: Document = document,
): void {
  const win = doc.defaultView!;
  let last = win.location.href;
  const observer = new win.MutationObserver(() => {
    if (win.location.href === last || ctx.isInvalid) return;
    last = win.location.href;
    onChange(new URL(last));
  });
  observer.observe(doc, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}

/** A content script registered at run time, on the pages `matches` names. */
interface RuntimeScript {
  id: string;
  matches: string[];
  /** The built file, relative to the extension's root. */
  js: string;
  runAt: 'document_end';
}

/** Registers content scripts at run time, the same way in both browsers. */
export interface RuntimeContentScripts {
  /** The ids registered now. */
  ids(): Promise<string[]>;
  register(scripts: RuntimeScript[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

type ScriptingApi = {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: string; persistAcrossSessions: boolean }[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
};
type ContentScriptsApi = {
  register(options: { matches: string[]; js: { file: string }[]; runAt: string }): Promise<{ unregister(): Promise<void> }>;
};

/**
 * `scripting` where the browser has it (Chromium MV3), else Firefox MV2's `contentScripts`, whose
 * registrations are handles kept here: one call of this function per background page.
 */
export function runtimeContentScripts(api: object = browser): RuntimeContentScripts {
  const { scripting, contentScripts } = api as { scripting?: ScriptingApi; contentScripts?: ContentScriptsApi };
  if (scripting?.registerContentScripts) {
    return {
      ids: async () => (await scripting.getRegisteredContentScripts()).map((s) => s.id),
      register: (scripts) =>
        scripting.registerContentScripts(scripts.map((s) => ({ id: s.id, matches: s.matches, js: [s.js], runAt: s.runAt, persistAcrossSessions: true }))),
      unregister: (ids) => scripting.unregisterContentScripts({ ids }),
    };
  }
  if (contentScripts?.register) {
    const handles = new Map<string, { unregister(): Promise<void> }>();
    return {
      ids: async () => [...handles.keys()],
      register: async (scripts) => {
        for (const s of scripts) {
          if (handles.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          handles.set(s.id, await contentScripts.register({ matches: s.matches, js: [{ file: `/${s.js}` }], runAt: s.runAt }));
        }
      },
      unregister: async (ids) => {
        for (const id of ids) {
          await handles.get(id)?.unregister();
          handles.delete(id);
        }
      },
    };
  }
  throw new Error('This browser cannot register content scripts at run time (no scripting or contentScripts API).');
}

/**
 * The browser's side panel, where Kith shows instead of on the page when the user chooses (issue 16):
 * Chromium's `sidePanel` (MV3, a panel per window) or Firefox's `sidebarAction` (the sidebar of the
 * window in front). Both open only in answer to a user action (a click, a keyboard shortcut), so
 * `open` must be called before anything else is awaited.
 */
export interface SidePanel {
  open(windowId: number): Promise<void>;
  /** Closes it from inside the panel. */
  closeFromPanel(): Promise<void>;
}

type ChromeSidePanel = { open(o: { windowId: number }): Promise<void> };
type FirefoxSidebarAction = { open(): Promise<void>; close(): Promise<void> };

export function sidePanel(api: object = browser, win: { close(): void } = globalThis as unknown as { close(): void }): SidePanel | undefined {
  const { sidePanel: chromePanel, sidebarAction } = api as { sidePanel?: ChromeSidePanel; sidebarAction?: FirefoxSidebarAction };
  if (chromePanel?.open) {
    return {
      open: (windowId) => chromePanel.open({ windowId }),
      // Chromium's panel closes when its page closes itself.
      closeFromPanel: async () => win.close(),
    };
  }
  if (sidebarAction?.open) {
    return {
      open: () => sidebarAction.open(),
      closeFromPanel: () => sidebarAction.close(),
    };
  }
  return undefined;
}

/**
 * True where Kith's pages in frames of web pages hear only tabs.sendMessage (Firefox), so the
 * background must tell its sidebar frames that way too. Firefox is known by runtime.getBrowserInfo,
 * which only it has.
 */
export function framesHearOnlyTabMessages(api: object = browser): boolean {
  return typeof (api as { runtime?: { getBrowserInfo?: unknown } }).runtime?.getBrowserInfo === 'function';
}
