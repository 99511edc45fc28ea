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

type Handler = (event: { newUrl: URL; oldUrl: URL }) => void;

export class ContentScriptContext {
  private readonly controller = new AbortController();
  private lastUrl = location.href;
  private watching = false;
  private readonly handlers: Handler[] = [];

  constructor(
    readonly contentScriptName: string,
    readonly options?: object,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isInvalid(): boolean {
    if (!browser.runtime?.id) this.controller.abort('Content script context invalidated');
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  addEventListener(target: EventTarget, type: string, handler: unknown, options?: AddEventListenerOptions): void {
    if (type === 'wxt:locationchange') {
      this.handlers.push(handler as Handler);
      this.watch();
      return;
    }
    target.addEventListener(type, handler as EventListener, { ...options, signal: this.signal });
  }

  private changed(to: string): void {
    if (to === this.lastUrl || this.isInvalid) return;
    const event = { newUrl: new URL(to), oldUrl: new URL(this.lastUrl) };
    this.lastUrl = to;
    for (const h of this.handlers) h(event);
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const signal = this.signal;
    if (hasNavigationApi()) {
      (globalThis as unknown as { navigation: EventTarget }).navigation.addEventListener('navigate', (e) => this.changed((e as unknown as { destination: { url: string } }).destination.url), { signal });
      return;
    }
    followDomNavigation(this, (url) => this.changed(url.href));
  }
}
