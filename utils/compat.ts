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
 *   changes the DOM when it shows the new page (measured: ~1 ms after the new name). WXT's own context
 *   would poll the URL every second (measured: the sidebar followed ~700 ms late, against a 50 ms budget).
 *
 * Everything else Kith uses measured the same in both (Firefox 140 ESR, Chromium): runtime messaging
 * and the sender's id, url, tab and frameId; tabs.query by URL pattern with host permissions only;
 * alarms; notifications (Firefox keeps contextMessage); fetch, createImageBitmap and OffscreenCanvas
 * in Firefox's MV2 background page; IndexedDB; storage.local; Blob downloads from Kith's pages.
 */
import { browser, type ContentScriptContext } from '#imports';

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
  ctx: Pick<ContentScriptContext, 'onInvalidated' | 'isInvalid'>,
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
