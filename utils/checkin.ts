/**
 * Event check-in (DESIGN.md, "Event check-in"): the event the user is at, kept in extension storage so
 * every profile's sidebar can offer "Met here" with one storage read and no message. The check-in ends
 * by itself after the event's last day: nothing has to wake up to clear it, every reader asks
 * `activeCheckIn(stored, today)`.
 */
import { browser } from '#imports';
import type { Id, KithEvent, LocalDay } from './model/types';

export const CHECKIN_KEY = 'activeEvent';

export interface CheckIn {
  id: Id;
  /**
   * The event's name and place when the user checked in. Named as the encounter form's prefill, so the
   * sidebar hands the check-in to the form as it is.
   */
  eventName: string;
  place?: string;
  /** The last day the check-in holds: the event's last day, or the day of the check-in for an undated event. */
  until: LocalDay;
}

/**
 * The check-in that holds on `today`, or null: nothing stored, or a check-in whose last day is past.
 * Days compare as strings ('YYYY-MM-DD' order is calendar order). Only `checkIn` below writes the
 * value, always whole (from checkInFor), so this trusts its shape: it runs in the content script,
 * where every byte counts.
 */
export function activeCheckIn(stored: unknown, today: LocalDay): CheckIn | null {
  const c = stored as CheckIn | undefined;
  return c && c.until >= today ? c : null;
}

/**
 * What checking in to `event` on `today` stores. It lasts to the event's last day (its end, else its
 * start), and at least to the end of today: checking in to an undated or already finished event still
 * lets the user record today's meetings.
 */
export function checkInFor(event: Pick<KithEvent, 'id' | 'name' | 'place' | 'start' | 'end'>, today: LocalDay): CheckIn {
  const last = event.end ?? event.start;
  const c: CheckIn = { id: event.id, eventName: event.name, until: last && last > today ? last : today };
  if (event.place) c.place = event.place;
  return c;
}

/** The check-in that holds today (extension pages). */
export async function readCheckIn(today: LocalDay): Promise<CheckIn | null> {
  const stored = await browser.storage.local.get(CHECKIN_KEY);
  return activeCheckIn(stored[CHECKIN_KEY], today);
}

export async function checkIn(event: Pick<KithEvent, 'id' | 'name' | 'place' | 'start' | 'end'>, today: LocalDay): Promise<CheckIn> {
  const c = checkInFor(event, today);
  await browser.storage.local.set({ [CHECKIN_KEY]: c });
  return c;
}

export function checkOut(): Promise<void> {
  return browser.storage.local.remove(CHECKIN_KEY);
}

/**
 * Keeps a stored check-in in step with its event: after an edit (new name, place or dates) or a merge
 * (`replacedBy`: the event it was merged into). Does nothing when the user is not checked in to it.
 */
export async function followEvent(
  eventId: Id,
  now: Pick<KithEvent, 'id' | 'name' | 'place' | 'start' | 'end'>,
  today: LocalDay,
): Promise<void> {
  const current = await readCheckIn(today);
  if (current && (current.id === eventId || current.id === now.id)) await checkIn(now, today);
}

/** Calls back whenever the check-in changes in any context (another tab, the popup). */
export function watchCheckIn(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && CHECKIN_KEY in changes) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
