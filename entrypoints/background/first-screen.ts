import type { Storage } from 'webextension-polyfill';
import type { KithDb } from '@/utils/db';
import type { DueTotals } from '@/utils/db/due-totals';
import { localDay } from '@/utils/dates';
import { FIRST_SCREEN, FIRST_SCREEN_KEY, type FirstScreen } from '@/utils/first-screen';
import { followUpsList } from './views';

/** How long changes must pause before the first screen is made again (a burst of edits makes it once). */
const FIRST_SCREEN_DELAY_MS = 100;

/**
 * Keeps the popup's first screen (utils/first-screen.ts) in `area` (storage.session). Every step runs
 * in order, one at a time, so a screen made from data read before a change is always followed by the
 * change's removal: the popup never finds a screen older than the last change it was told of for
 * long. Without storage.session (an older browser) it does nothing and the popup asks the worker.
 */
export function firstScreenKeeper(
  db: () => Promise<KithDb>,
  area: Storage.StorageArea | undefined,
  now: () => Date = () => new Date(),
  delayMs = FIRST_SCREEN_DELAY_MS,
  dueTotals?: DueTotals,
) {
  let queue: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (step: (area: Storage.StorageArea) => Promise<void>): Promise<void> => {
    if (!area) return Promise.resolve();
    queue = queue.then(() => step(area)).catch((e) => console.error('Kith: the popup\'s first screen', e));
    return queue;
  };
  const make = async (area: Storage.StorageArea) => {
    const value: FirstScreen = { limit: FIRST_SCREEN, list: await followUpsList(await db(), localDay(now()), FIRST_SCREEN, true, dueTotals) };
    await area.set({ [FIRST_SCREEN_KEY]: value });
  };
  return {
    /** People changed: the kept screen goes at once, and is made again once the changes pause. */
    changed(): Promise<void> {
      const removed = run((a) => a.remove(FIRST_SCREEN_KEY));
      clearTimeout(timer);
      timer = setTimeout(() => void run(make), delayMs);
      return removed;
    },
    /**
     * Makes it now: when the worker starts (a worker stopped between a write and that write's removal
     * of the screen must not leave the old one behind) and at midnight (the groups move by a day).
     */
    remake(): Promise<void> {
      return run(make);
    },
    /** Waits for every step asked for so far, including a pending remake (for tests). */
    async settled(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, delayMs + 1));
      await queue;
    },
  };
}
