/**
 * What runs on a profile site's pages, for one site's adapter: follows in-app navigation, reads the
 * person the page shows and tells the background (which tells Kith's frame and side panel), and, when
 * Kith shows on the page, hosts the frame (./frame.ts). Nothing of the user's data ever comes here:
 * the content script only reads the page and sizes a frame.
 *
 * Off profiles it only listens for navigation: no DOM change, no work. In side-panel mode a profile
 * page gets no DOM change either: only the read.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from '#imports';
import type { ExtractedProfile, SiteAdapter } from '../sites/types';
import { mountFrame, OPEN_KEY, OPEN_NOW_KEY, openNow, type FrameHost, type OpenNow } from './frame';

/** How long to wait for the page to show the person of a new URL before working from the URL alone. */
const READ_TIMEOUT_MS = 4000;

/** The two settings read here (directly: the settings validator would not fit the size budget). */
interface StoredSettings {
  sites?: Partial<Record<string, boolean>>;
  presentation?: 'page' | 'panel';
}

export function runKith(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  const instance = crypto.randomUUID();
  let settings: StoredSettings = {};
  let open = false;
  let frame: FrameHost | undefined;
  let onProfile = false;
  let generation = 0;
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The page's element that last had focus: given back when Kith closes with the focus inside it. */
  let lastFocus: Element | null = null;
  /** The name of the person last reported: the previous person, until the page shows the next. */
  let shownName: string | undefined;
  let reported = false;

  const enabled = () => settings.sites?.[adapter.id] !== false;
  const onPage = () => enabled() && settings.presentation !== 'panel';

  /** `url`: the address this read is for (the Navigation API tells of it before location.href has it). */
  const report = (profile: ExtractedProfile | null, reading: boolean, url: URL) => {
    reported = true;
    if (profile?.name) shownName = profile.name;
    browser.runtime.sendMessage({ kith: 'tab.profile', payload: { profile, reading, page: url.href, instance } }).catch(() => undefined);
  };

  const stopWaiting = () => {
    observer?.disconnect();
    observer = undefined;
    clearTimeout(timer);
  };

  const onFocus = (e: Event) => {
    if ((e.target as Element).localName !== 'kith-sidebar') lastFocus = e.target as Element;
  };

  /** The frame exists exactly while a profile is shown and Kith shows on the page. */
  const placeFrame = () => {
    if (onProfile && onPage()) {
      if (frame) return;
      frame = mountFrame(instance);
      frame.setOpen(open);
      document.addEventListener('focusin', onFocus, true);
    } else if (frame) {
      frame.remove();
      frame = undefined;
      document.removeEventListener('focusin', onFocus, true);
    }
  };

  const setOpen = (next: boolean) => {
    open = next;
    if (!frame) return;
    const hadFocus = frame.hasFocus();
    frame.setOpen(open);
    if (open || !hadFocus) return;
    // Closed from inside (Escape, the close button): focus goes back where it was on the page.
    if (lastFocus instanceof HTMLElement && lastFocus.isConnected && lastFocus !== document.body) lastFocus.focus();
    else frame.blur();
  };

  /** The keyboard shortcut: opens Kith and moves focus into it, from anywhere on the page; closes it from inside. */
  const shortcut = () => {
    if (!frame) return;
    if (open && frame.hasFocus()) return void browser.storage.local.set(openNow(instance, false));
    if (!open) {
      setOpen(true);
      void browser.storage.local.set(openNow(instance, true));
    }
    frame.focus();
  };

  /** Called at start and after every in-app navigation. */
  const route = (url: URL) => {
    const previousName = shownName;
    // A page load's first read has no one before it: any name the page shows is this URL's person's.
    const first = !reported;
    const gen = ++generation;
    stopWaiting();
    onProfile = adapter.isProfileUrl(url) && enabled();
    placeFrame();
    // Left the profiles (or the user turned Kith off here): no one, so nothing stale can show later.
    if (!onProfile) {
      if (reported || !enabled()) report(null, false, url);
      return;
    }
    // After an in-app navigation the URL changes before the page does. The person of the new URL is
    // on screen once the adapter says so, or once the page shows a name other than the one it showed
    // when the URL changed (some transitions change only the URL and the h1, and leave the links that
    // pageShows compares stale): never the previous person.
    const ready = () => {
      if (adapter.pageShows(document, url)) return true;
      const name = adapter.extract(document, url).name;
      return !!name && (first || (!!previousName && name !== previousName));
    };
    const read = () => {
      stopWaiting();
      if (gen === generation) report(adapter.extract(document, url), false, url);
    };
    /** Reads the person once the page shows them. `told`: the background knows already that Kith is reading. */
    const watch = (told: boolean) => {
      if (ready()) return read();
      if (!told) report(null, true, url);
      observer = new MutationObserver(() => {
        if (ready()) read();
      });
      observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true });
      timer = setTimeout(() => {
        // The page never showed a readable profile: work from the URL's key alone.
        stopWaiting();
        if (gen !== generation) return;
        // A page that says it is no person's (a GitHub organisation shares the URL shape of a user): nothing to show.
        if (!adapter.extract(document, url).keys.length) {
          onProfile = false;
          placeFrame();
          return report(null, false, url);
        }
        const key = adapter.profileKey(url);
        const fromUrl = adapter.extract(document.implementation.createHTMLDocument(''), url);
        report({ ...fromUrl, keys: key ? [key] : fromUrl.keys, readable: false }, false, url);
      }, READ_TIMEOUT_MS);
    };
    if (document.readyState !== 'loading') return watch(false);
    // Still parsing (the script starts at document_start, so the frame placed above loads alongside the
    // page): read once the document is parsed, not on each of the thousands of nodes the parser adds.
    report(null, true, url);
    document.addEventListener('DOMContentLoaded', () => gen === generation && watch(true), { once: true });
  };

  let current = new URL(location.href);
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || ctx.isInvalid) return;
    const now = changes[OPEN_NOW_KEY]?.newValue as OpenNow | undefined;
    if (now?.instance === instance) setOpen(now.open === true);
    // Another tab's choice: remembered for a frame placed here later, never applied to the one shown.
    else if (OPEN_KEY in changes && !frame) open = changes[OPEN_KEY].newValue === true;
    if ('settings' in changes) {
      settings = (changes.settings.newValue ?? {}) as StoredSettings;
      route(current);
    }
  };
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background (this extension, not from a tab) sends the shortcut.
    if (sender.id === browser.runtime.id && !sender.tab && (message as { kithToggleSidebar?: boolean } | null)?.kithToggleSidebar) shortcut();
    return undefined;
  };

  void browser.storage.local.get([OPEN_KEY, 'settings']).then((stored) => {
    if (ctx.isInvalid) return;
    settings = (stored.settings ?? {}) as StoredSettings;
    open = stored[OPEN_KEY] === true;
    route(current);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }: { newUrl: URL }) => {
      current = newUrl;
      route(newUrl);
    });
    browser.storage.onChanged.addListener(onStorage);
    browser.runtime.onMessage.addListener(onMessage);
  });
  ctx.onInvalidated(() => {
    stopWaiting();
    browser.storage.onChanged.removeListener(onStorage);
    browser.runtime.onMessage.removeListener(onMessage);
    onProfile = false;
    placeFrame();
  });
}
