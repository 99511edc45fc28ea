/**
 * Kith's frame on a profile page (issue 16; DESIGN.md, "Rules that protect users").
 *
 * The page gets one element, `<kith-sidebar>`, with a *closed* shadow root holding an iframe of
 * Kith's own page (sidebar.html, web-accessible with a dynamic URL in Chromium). Everything the user
 * reads or types lives in that frame, a document of the extension's origin: the page's scripts
 * cannot reach into it, not through the DOM, a shadow root, key or input events, postMessage or
 * synthetic clicks. This module only places, sizes and focuses the frame.
 */
import { browser } from 'wxt/browser';

/** Open or closed, remembered in storage.local: how the next page load's sidebar starts. */
export const OPEN_KEY = 'sidebarOpen';
/**
 * One page's sidebar opened or closed just now, by its frame or its content script (named by the
 * page load's instance). The two keep in step through it; every other tab ignores it, so opening or
 * closing Kith in one tab does not open or close it over all the others.
 */
export const OPEN_NOW_KEY = 'sidebarOpenNow';
export interface OpenNow {
  instance: string;
  open: boolean;
  /** Makes every request a change, so storage tells of it. */
  n: number;
}

/** The storage.local items that open or close `instance`'s sidebar now and remember it. */
export const openNow = (instance: string, open: boolean): Record<string, unknown> => ({
  [OPEN_KEY]: open,
  [OPEN_NOW_KEY]: { instance, open, n: Math.random() } satisfies OpenNow,
});

const CLOSED = 'top:40%;right:0;width:40px;height:96px;';
const OPEN = 'top:0;right:0;width:min(320px,100vw);height:100vh;';
// !important inside the shadow root wins over the page's own !important on the host (CSS Cascade 4,
// encapsulation contexts); the page may still hide or remove the host, which only hides Kith.
const HOST_CSS = ':host{all:initial!important;display:block!important}';
const FRAME_CSS =
  'position:fixed!important;z-index:2147483000!important;border:0!important;margin:0!important;padding:0!important;background:transparent!important;color-scheme:normal;display:block!important;visibility:visible!important;';

export interface FrameHost {
  setOpen(open: boolean): void;
  /** Moves focus into the frame (the frame then focuses its panel). */
  focus(): void;
  /** Takes focus out of the frame, to the page's body. */
  blur(): void;
  /** True when the focus is inside Kith's frame. */
  hasFocus(): boolean;
  remove(): void;
}

/** `instance`: the content script's id, so the frame takes only what this page load read. */
export function mountFrame(instance: string): FrameHost {
  const host = document.createElement('kith-sidebar');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = HOST_CSS;
  const frame = document.createElement('iframe');
  // In Chromium this is the dynamic URL (a per-session id), so nothing of Kith's answers at a fixed URL.
  frame.src = browser.runtime.getURL(`/sidebar.html#${instance}`);
  frame.title = 'Kith';
  const size = (open: boolean) => frame.setAttribute('style', FRAME_CSS + (open ? OPEN : CLOSED));
  size(false);
  shadow.append(style, frame);
  // Placed while the page may still be parsing (a document_start script): the frame loads alongside it.
  // A document that has no root element yet (Firefox at document_start) gets the host with its root.
  const place = () => {
    if (!document.documentElement) return;
    root.disconnect();
    document.documentElement.append(host);
  };
  const root = new MutationObserver(place);
  if (document.documentElement) place();
  else root.observe(document, { childList: true });
  return {
    setOpen: size,
    focus: () => frame.focus(),
    blur: () => frame.blur(),
    hasFocus: () => document.activeElement === host,
    remove: () => {
      root.disconnect();
      host.remove();
    },
  };
}
