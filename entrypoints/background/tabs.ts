/**
 * What each tab's content script last read off its page (issue 16): the profile on screen, that the
 * tab is still reading one, or nothing. Kith's frame in that tab and the side panel ask here and are
 * told of every change, so neither ever talks to the page's world, and the content script never
 * hears anything of the user's.
 *
 * Kept in memory and mirrored in storage.session (only Kith's own pages and the background can read
 * it), so a worker that was stopped still knows the tabs it was told about.
 */
import type { TabState } from '@/utils/messages';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const sessionKey = (tabId: number) => `kith-tab:${tabId}`;

export interface TabStates {
  /** A content script's report, for the tab the browser stamped on its message. */
  report(tabId: number, state: Pick<TabState, 'profile' | 'reading' | 'page' | 'instance'>): Promise<void>;
  /**
   * The tab starts loading `url` (undefined: a page Kith may not read). Until its content script
   * reports, the tab shows no one: never the person of the page before.
   */
  loading(tabId: number, url: string | undefined): Promise<void>;
  get(tabId: number): Promise<TabState>;
  /** The tab closed, or loads another page (its new content script, if any, reports again). */
  forget(tabId: number): Promise<void>;
}

export function tabStates(session: SessionArea | undefined, broadcast: (state: TabState) => void): TabStates {
  const states = new Map<number, TabState>();
  const none = (tabId: number): TabState => ({ tabId, profile: null, reading: false, site: false });
  const set = async (next: TabState) => {
    states.set(next.tabId, next);
    broadcast(next);
    await session?.set({ [sessionKey(next.tabId)]: next }).catch(() => undefined);
  };
  return {
    async report(tabId, { profile, reading, page, instance }) {
      await set({ tabId, profile, reading, site: true, page, instance });
    },
    async loading(tabId, url) {
      const known = await this.get(tabId);
      if (url === undefined) return this.forget(tabId);
      // Already reported for this address (an in-app navigation reports before the browser says so).
      if (!known.site || known.page === url) return;
      await set({ tabId, profile: null, reading: true, site: true, page: url });
    },
    async get(tabId) {
      const known = states.get(tabId);
      if (known) return known;
      const stored = (await session?.get(sessionKey(tabId)).catch(() => undefined))?.[sessionKey(tabId)] as TabState | undefined;
      if (stored && stored.tabId === tabId && !states.has(tabId)) states.set(tabId, stored);
      return states.get(tabId) ?? none(tabId);
    },
    async forget(tabId) {
      const had = states.get(tabId)?.site;
      states.set(tabId, none(tabId));
      if (had) broadcast(none(tabId));
      await session?.remove(sessionKey(tabId)).catch(() => undefined);
      states.delete(tabId);
    },
  };
}

/**
 * Kith's sidebar frames in the tabs, for a browser that delivers runtime messages to none of them
 * (Firefox: utils/compat.ts, framesHearOnlyTabMessages). Each frame is remembered when it first asks
 * the background something, and is told each notice by tabs.sendMessage addressed to that frame
 * alone, so the page's own content script (frame 0) never hears it.
 */
export interface SidebarFrames {
  /** A Kith page in frame `frameId` of the tab asked something. */
  asked(tabId: number, frameId: number): void;
  /** The tab closed. */
  forget(tabId: number): void;
  /** Tells the frames (only this tab's, when given). A frame that is gone is forgotten. */
  tell(notice: object, tabId?: number): void;
}

export type SendToFrame = (tabId: number, message: object, frameId: number) => Promise<unknown>;

/**
 * Kept in memory only: Firefox's MV2 background page is persistent (no `persistent: false`), so it
 * lives as long as the frames it knows.
 */
export function sidebarFrames(send: SendToFrame): SidebarFrames {
  const frames = new Map<number, Set<number>>();
  const tellOne = (tabId: number, frameId: number, notice: object) =>
    send(tabId, notice, frameId).catch(() => {
      // Reloaded, navigated away or removed from the page: a new frame asks again.
      frames.get(tabId)?.delete(frameId);
    });
  return {
    asked(tabId, frameId) {
      const known = frames.get(tabId) ?? new Set<number>();
      known.add(frameId);
      frames.set(tabId, known);
    },
    forget(tabId) {
      frames.delete(tabId);
    },
    tell(notice, tabId) {
      for (const [tab, ids] of frames) {
        if (tabId === undefined || tab === tabId) for (const frameId of ids) void tellOne(tab, frameId, notice);
      }
    },
  };
}
