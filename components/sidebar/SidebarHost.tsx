import { browser, type ContentScriptContext } from '#imports';
import { render } from 'preact';
import type { ExtractedProfile, SiteAdapter } from '@/utils/sites/types';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { Sidebar } from './Sidebar';
import css from './sidebar.css?inline';

const OPEN_KEY = 'sidebarOpen';
/** How long to wait for the page to show the person of a new URL before working from the URL alone. */
const READ_TIMEOUT_MS = 4000;

/**
 * The sidebar on one site, for its content script: watches in-app navigation, and on the site's profile
 * pages shows the sidebar for the person the page shows. Each site's content script passes only its own
 * adapter, so a page never carries the other sites' code. Off profiles it only listens for navigation:
 * no DOM changes, no work.
 */
export function runSidebar(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  const kith = createSidebarController(ctx, adapter);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }: { newUrl: URL }) => void kith.route(newUrl));
  void kith.route(new URL(location.href));
}

function createSidebarController(ctx: ContentScriptContext, adapter: SiteAdapter) {
  let ui: { host: HTMLElement; container: HTMLElement } | undefined;
  let profile: ExtractedProfile | null = null;
  let visible = false;
  let open = false;
  let postMeetingDays = 2;
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let mounted: Promise<void> | undefined;

  const stopWaiting = () => {
    observer?.disconnect();
    observer = undefined;
    clearTimeout(timer);
  };

  const paint = () => {
    if (!ui) return;
    render(
      visible ? (
        <Sidebar key={profile?.keys[0] ?? ''} profile={profile} open={open} onToggle={toggle} postMeetingDays={postMeetingDays} />
      ) : null,
      ui.container,
    );
  };

  const toggle = () => {
    open = !open;
    paint();
    void browser.storage.local.set({ [OPEN_KEY]: open });
  };

  const mount = async () => {
    // Two settings matter here; reading them directly keeps the settings validator (1 KB) out of the
    // page. Anything unexpected falls back to the default, as parseSettings would.
    const stored = await browser.storage.local.get([OPEN_KEY, 'settings']);
    const settings = (stored.settings ?? {}) as Partial<Settings>;
    open = stored[OPEN_KEY] === true;
    const days = settings.postMeetingFollowUpDays;
    postMeetingDays = Number.isInteger(days) && days! >= 0 && days! <= 365 ? days! : DEFAULT_SETTINGS.postMeetingFollowUpDays;
    if (settings.sites?.[adapter.id] === false) return;
    ui = mountShadowHost();
    paint();
    browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id === browser.runtime.id && !sender.tab && (message as { kithToggleSidebar?: boolean })?.kithToggleSidebar) toggle();
      return undefined;
    });
    ctx.onInvalidated(() => {
      stopWaiting();
      if (ui) render(null, ui.container);
      ui?.host.remove();
    });
  };

  const hide = () => {
    profile = null;
    visible = false;
    paint();
  };

  const show = (next: ExtractedProfile | null) => {
    profile = next;
    visible = true;
    paint();
  };

  /** Called at start and after every in-app navigation. */
  const route = async (url: URL) => {
    const gen = ++generation;
    stopWaiting();
    // Left the profiles: hide the sidebar and drop the person, so nothing stale can show later.
    if (!adapter.isProfileUrl(url)) return hide();
    mounted ??= mount();
    await mounted;
    if (gen !== generation || !ui) return;
    const ready = () => adapter.pageShows(document, url);
    const read = () => {
      stopWaiting();
      if (gen === generation) show(adapter.extract(document, url));
    };
    if (ready()) return read();
    // The URL changed before the page did: never show the previous person. Wait for the new name.
    show(null);
    observer = new MutationObserver(() => {
      if (ready()) read();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    timer = setTimeout(() => {
      // The page never showed a readable profile: work from the URL's key alone.
      stopWaiting();
      if (gen !== generation) return;
      // A page that says it is no person's (a GitHub organisation shares the URL shape of a user): nothing to show.
      if (!adapter.extract(document, url).keys.length) return hide();
      const key = adapter.profileKey(url);
      const fromUrl = adapter.extract(document.implementation.createHTMLDocument(''), url);
      show({ ...fromUrl, keys: key ? [key] : fromUrl.keys, readable: false });
    }, READ_TIMEOUT_MS);
  };

  return { route };
}

/**
 * The sidebar's host: `<kith-sidebar>` with an open shadow root holding its own styles, so the page's
 * CSS cannot touch it and it cannot touch the page. (Done by hand rather than with WXT's
 * createShadowRootUi, which costs ~3 KB gzipped of the 15 KB content-script budget.)
 */
function mountShadowHost(): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement('kith-sidebar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  // Keys typed in Kith's fields are Kith's: the site's keyboard shortcuts must not see them.
  for (const type of ['keydown', 'keyup', 'keypress']) container.addEventListener(type, (e) => e.stopPropagation());
  shadow.append(style, container);
  document.documentElement.append(host);
  return { host, container };
}
