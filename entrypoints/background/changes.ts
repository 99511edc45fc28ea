import { browser } from '#imports';
import type { ChangedNotice } from '@/utils/messages';
import type { Id } from '@/utils/model/types';
import { DueTotals } from '@/utils/db/due-totals';
import { PeopleSearch } from '@/utils/db/people-search';
import { DrillIndex } from '@/utils/db/drill';

/**
 * The one place a committed write is reported, by the message handlers and the import port alike: it
 * keeps what the background holds from the store current (the network list's table of everyone, the
 * follow-up groups' sizes, the drill's index) and then announces the change to everything that shows people.
 */
export interface Changes {
  readonly listCache: PeopleSearch;
  readonly dueTotals: DueTotals;
  /** Everyone as the drill sees them, and their cards (the due list, capture matching). */
  readonly drill: DrillIndex;
  /**
   * People changed (their ids; none: anyone may have). `by` is the view whose request made the change
   * (none for an import): it has the result in its reply already, so the notice is not announced to it.
   */
  changed(personIds: Id[], by?: Asker): void;
  /** How many changes were reported so far: one reported while a message ran means its write may have landed. */
  readonly count: number;
}

/** The view whose request made a change: a Kith page (or sidebar) by the random id its requests carry (utils/client.ts). */
export interface Asker {
  client?: string;
}

/** Tells every view; the one named in the notice ignores it. */
type Announce = (notice: ChangedNotice) => void;

export function createChanges(deps: {
  announce: Announce;
  listCache?: PeopleSearch;
  dueTotals?: DueTotals;
  drill?: DrillIndex;
  /** Hears every change after it is announced (sync sends local ones a few seconds later). */
  onChanged?: () => void;
}): Changes {
  const listCache = deps.listCache ?? new PeopleSearch();
  const dueTotals = deps.dueTotals ?? new DueTotals();
  const drill = deps.drill ?? new DrillIndex();
  let count = 0;
  return {
    listCache,
    dueTotals,
    drill,
    changed(personIds, by = {}) {
      count++;
      // The caches first: whatever the announcement wakes (the first screen, a view's next request) reads through them.
      listCache.changed(personIds);
      dueTotals.changed();
      drill.changed(personIds);
      deps.announce({ kithChanged: personIds, ...(by.client ? { client: by.client } : {}) });
      deps.onChanged?.();
    },
    get count() {
      return count;
    },
  };
}

/**
 * Announces a change in the browser: the toolbar badge and the popup's first screen are made again,
 * and every open Kith view hears the notice by runtime message: the extension's pages (popup,
 * options, network, the side panel) and the sidebars, which are Kith pages in frames (in Firefox,
 * which does not give those runtime messages, `frames` tells each one by its own address). Content
 * scripts never hear it: nothing of the user's goes to a web page's process.
 */
export function announceInBrowser(deps: {
  refreshBadge: () => unknown;
  firstScreen: { changed: () => unknown };
  frames?: { tell(notice: object): void } | undefined;
}): Announce {
  return (notice) => {
    void deps.refreshBadge();
    void deps.firstScreen.changed();
    browser.runtime.sendMessage(notice).catch(() => undefined);
    deps.frames?.tell(notice);
  };
}
