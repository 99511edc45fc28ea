/**
 * Kith's ContentScriptContext: what its content scripts use of WXT's (wxt/utils/content-script-context,
 * aliased to this file for content-script builds in wxt.config.ts), and nothing more.
 *
 * Why not WXT's own: it costs ~0.9 KB gzipped of the 15 KB content-script budget, and it announces every
 * start with `window.postMessage` under a name containing the extension's id, which any page can read:
 * a free fingerprint of Kith for the site. This one says nothing to the page.
 *
 * - `wxt:locationchange` comes from the Navigation API's `navigate` event (Chromium); where there is
 *   none (Firefox 140 ESR), from the page's DOM changing (utils/compat.ts followDomNavigation). Never
 *   from polling the URL.
 * - The context is invalid once the extension is gone (updated, reloaded, removed): `runtime.id` is then
 *   undefined. It is checked whenever a navigation arrives.
 */
import { browser } from 'wxt/browser';
import { followDomNavigation, hasNavigationApi } from './compat';

type Handler = (event: { newUrl: URL }) => void;

export class ContentScriptContext {
  private readonly controller = new AbortController();

  get isInvalid(): boolean {
    if (!browser.runtime?.id) this.controller.abort();
    return this.controller.signal.aborted;
  }

  onInvalidated(cb: () => void): void {
    this.controller.signal.addEventListener('abort', cb);
  }

  /** Only what Kith listens to: `wxt:locationchange` (each call follows navigation on its own). */
  addEventListener(_target: EventTarget, _type: 'wxt:locationchange', handler: unknown): void {
    let last = location.href;
    const changed = (to: string) => {
      if (to === last || this.isInvalid) return;
      last = to;
      (handler as Handler)({ newUrl: new URL(to) });
    };
    if (hasNavigationApi()) {
      (globalThis as unknown as { navigation: EventTarget }).navigation.addEventListener('navigate', (e) => changed((e as unknown as { destination: { url: string } }).destination.url), {
        signal: this.controller.signal,
      });
    } else followDomNavigation(this, (url) => changed(url.href));
  }
}
