import { browser } from '#imports';
import type { ChangedNotice } from '@/utils/messages';
import type { Id } from '@/utils/types';
import { DueTotals } from '@/utils/db/due-totals';
import { PeopleListCache } from '@/utils/db/people-list';

/**
 * The one place a committed write is reported, by the message handlers and the import port alike: it
 * keeps what the background holds from the store current (the network list's table of everyone, the
 * follow-up groups' sizes) and then announces the change to everything that shows people.
 */
export interface Changes {
  readonly listCache: PeopleListCache;
  readonly dueTotals: DueTotals;
  /**
   * People changed (their ids; none: anyone may have). `client` names the view whose request made the
   * change, which already has the result in its reply: the notice says so and that view ignores it.
   */
  changed(personIds: Id[], client?: string): void;
  /** How many changes were reported so far: one reported while a message ran means its write may have landed. */
  readonly count: number;
}

export function createChanges(deps: {
  announce: (notice: ChangedNotice) => void;
  listCache?: PeopleListCache;
  dueTotals?: DueTotals;
}): Changes {
  const listCache = deps.listCache ?? new PeopleListCache();
  const dueTotals = deps.dueTotals ?? new DueTotals();
  let count = 0;
  return {
    listCache,
    dueTotals,
    changed(personIds, client) {
      count++;
      // The caches first: whatever the announcement wakes (the first screen, a view's next request) reads through them.
      listCache.changed(personIds);
      dueTotals.changed();
      deps.announce({ kithChanged: personIds, ...(client ? { client } : {}) });
    },
    get count() {
      return count;
    },
  };
}

/**
 * Announces a change in the browser: the toolbar badge and the popup's first screen are made again,
 * and every open Kith view hears the notice: the extension's pages (popup, options, network) by
 * runtime message, the sidebars by a message to each tab Kith's content script may be in.
 */
export function announceInBrowser(deps: {
  refreshBadge: () => unknown;
  firstScreen: { changed: () => unknown };
  /** The match patterns of every tab the sidebar may be in (the profile sites, the granted Mastodon instances). */
  sidebarTabs: () => string[];
}): (notice: ChangedNotice) => void {
  return (notice) => {
    void deps.refreshBadge();
    void deps.firstScreen.changed();
    browser.runtime.sendMessage(notice).catch(() => undefined);
    void browser.tabs.query({ url: deps.sidebarTabs() }).then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, notice).catch(() => undefined);
    });
  };
}
