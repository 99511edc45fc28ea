/**
 * Follow-up rules (DESIGN.md, "Follow-ups"). Pure functions on FollowUp values and LocalDays; the
 * caller passes `today = localDay()` so every rule is about the user's local calendar and tests can
 * pin the day. Functions return new objects and never put `undefined` into a key (absent stays absent,
 * so stored records and JSON backups stay byte-stable).
 */
import { addDays, daysBetween, isLocalDay } from './dates';
import type { EncounterKind, FollowUp, LocalDay } from './model/types';
import { MAX_DAYS } from './model/caps';

/** How far ahead "this week" looks: due on today+1 .. today+WEEK_DAYS. */
export const WEEK_DAYS = 7;

/** Cadences offered in the UI; `messageKey` is an i18n message name the UI translates. */
export const CADENCE_PRESETS = [
  { days: 14, messageKey: 'cadence2Weeks' },
  { days: 30, messageKey: 'cadence1Month' },
  { days: 91, messageKey: 'cadence3Months' },
  { days: 182, messageKey: 'cadence6Months' },
  { days: 365, messageKey: 'cadence1Year' },
] as const;


function isDayCount(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_DAYS;
}

function checkDayCount(n: number, what: string): void {
  if (!isDayCount(n)) throw new RangeError(`${what} must be a whole number of days from 1 to ${MAX_DAYS}: ${n}`);
}

/** A valid cadence in days, or undefined (0, negative, fractional or absent means no cadence). */
function cadenceOf(f: FollowUp): number | undefined {
  return isDayCount(f.cadenceDays) ? f.cadenceDays : undefined;
}

/** Builds a FollowUp without undefined keys. */
function followUp(due: LocalDay | undefined, cadenceDays: number | undefined, note: string | undefined): FollowUp {
  const f: FollowUp = {};
  if (due !== undefined) f.due = due;
  if (cadenceDays !== undefined) f.cadenceDays = cadenceDays;
  if (note !== undefined) f.note = note;
  return f;
}

/** Days past due (today - due), 0 when not overdue or without a due date. */
export function overdueBy(f: FollowUp, today: LocalDay): number {
  return f.due && f.due < today ? daysBetween(f.due, today) : 0;
}

/**
 * The follow-up after logging a touch (an encounter, or Done in the popup) dated `touchDay`.
 * - With a cadence: due = touchDay + cadence, always (a touch resets the clock even when the due date
 *   was further ahead); the note is kept. A back-dated touch resets from its own day, so an old
 *   encounter logged today can leave the person overdue at once (e.g. cadence 30, touch 60 days ago:
 *   due was 30 days ago). That is the truth: nobody has been in touch for 60 days.
 * - Without a cadence: a due date on or before today counts as done and is cleared with its note; a
 *   due date still in the future stays (the user planned it), and so does everything else.
 * For an encounter with a partial date, pass partialDateLastDay(date) as touchDay.
 */
export function applyTouch(f: FollowUp, touchDay: LocalDay, today: LocalDay): FollowUp {
  const cadence = cadenceOf(f);
  if (cadence !== undefined) return followUp(addDays(touchDay, cadence), cadence, f.note);
  if (f.due && f.due <= today) return {};
  return { ...f };
}

/** The person's last touch after a touch on touchDay: the later of the two (back-dating never moves it back). */
export function lastTouchAfter(previous: LocalDay | undefined, touchDay: LocalDay): LocalDay {
  return previous && previous > touchDay ? previous : touchDay;
}

/**
 * Moves the due date; cadence and note are kept.
 * - `{ days }`: from today when the follow-up is due today, overdue or has no due date (snoozing an
 *   overdue item by 1 day makes it due tomorrow), else from the due date (a follow-up due in 3 days,
 *   snoozed a week, is due in 10). days: whole number 1..MAX_DAYS, else RangeError.
 * - `{ until }`: that day; it must be a valid day, today or later, else RangeError.
 */
export function snooze(f: FollowUp, by: { days: number } | { until: LocalDay }, today: LocalDay): FollowUp {
  let due: LocalDay;
  if ('until' in by) {
    if (!isLocalDay(by.until)) throw new RangeError(`Not a day: ${by.until}`);
    if (by.until < today) throw new RangeError(`Cannot snooze into the past: ${by.until} is before ${today}`);
    due = by.until;
  } else {
    checkDayCount(by.days, 'Snooze');
    due = addDays(f.due && f.due > today ? f.due : today, by.days);
  }
  return followUp(due, f.cadenceDays, f.note);
}

/**
 * After the first in-person or event meeting with someone, the follow-up day to suggest:
 * encounterDay + days, or today + days when that has already passed (a meeting logged late).
 * null when the meeting is not a first in-person/event one, when `days` is not a positive whole
 * number (0 turns the suggestion off), or when the person already has a due date on or before the
 * suggestion (nothing to suggest: they are already due sooner).
 */
export function suggestFollowUpAfterMeeting(opts: {
  kind: EncounterKind;
  isFirstInPerson: boolean;
  encounterDay: LocalDay;
  today: LocalDay;
  current: FollowUp;
  days: number;
}): LocalDay | null {
  const { kind, isFirstInPerson, encounterDay, today, current, days } = opts;
  if ((kind !== 'in-person' && kind !== 'event') || !isFirstInPerson || !isDayCount(days)) return null;
  let day = addDays(encounterDay, days);
  if (day < today) day = addDays(today, days);
  if (current.due && current.due <= day) return null;
  return day;
}

/** Most overdue first, then by name (the popup's order, and the daily notification's). */
export function byDueThenName<T extends { followUp: FollowUp; sortName?: string; name?: string }>(a: T, b: T): number {
  const da = a.followUp.due!;
  const db = b.followUp.due!;
  if (da !== db) return da < db ? -1 : 1;
  const na = a.sortName ?? a.name?.toLowerCase() ?? '';
  const nb = b.sortName ?? b.name?.toLowerCase() ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
