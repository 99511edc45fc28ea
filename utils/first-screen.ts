/**
 * The popup's first screen, kept ready: the background keeps the answer the popup asks for first
 * ('followups.list' with FIRST_SCREEN rows a group) in storage.session, made again after every change
 * and at midnight (entrypoints/background/first-screen.ts). The popup reads it from there, without
 * waiting for the service worker (which may be stopped), paints it, and then asks the worker for the
 * full list as before. storage.session is kept in memory only and only Kith's own pages can read it.
 */
import type { LocalDay } from './model/types';
import type { Responses } from './messages';

/** Rows a group on the popup's first screen: about what it shows before scrolling. */
export const FIRST_SCREEN = 8;
/** Its key in storage.session. */
export const FIRST_SCREEN_KEY = 'popupFirstScreen';
/**
 * After the worker starts, the first screen is made again this much later (entrypoints/background/
 * first-screen.ts, `remake`). Here, not there, so the benchmark can wait for it without loading the
 * background's modules.
 */
export const REMAKE_AFTER_START_MS = 1000;

export interface FirstScreen {
  limit: number;
  list: Responses['followups.list'];
}

/** True when `v` is a kept first screen made today, for the rows the popup shows first. */
export function isFirstScreenOf(v: unknown, today: LocalDay): v is FirstScreen {
  if (!v || typeof v !== 'object') return false;
  const { limit, list } = v as Partial<FirstScreen>;
  return (
    limit === FIRST_SCREEN &&
    !!list &&
    list.today === today &&
    Array.isArray(list.overdue) &&
    Array.isArray(list.dueToday) &&
    Array.isArray(list.week) &&
    typeof list.totals === 'object' &&
    list.totals !== null &&
    typeof list.anyone === 'boolean'
  );
}
