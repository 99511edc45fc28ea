/**
 * Pure date logic: local days ('YYYY-MM-DD' in the user's own time zone) and partial dates ('YYYY',
 * 'YYYY-MM', 'YYYY-MM-DD'). No dependencies; every export is a plain function so a bundler keeps only
 * what a surface uses (the content script imports a few of these).
 *
 * Rules:
 * - A LocalDay is a calendar label, not an instant. Arithmetic on it is done on the UTC midnight of
 *   its Y/M/D, where every day is exactly 24 h long, so DST never shifts a day.
 * - Only `localDay`, `msUntilNextLocalMidnight` and `nextLocalTime` look at the machine's time zone.
 * - Normalized LocalDays and PartialDates compare correctly as plain strings (see comparePartialDates).
 */
import type { LocalDay, PartialDate } from './model/types';

const DAY_MS = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

function ymd(y: number, m: number, d: number): LocalDay {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Days in month m (1-12) of year y, leap years included. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function validParts(y: number, m?: number, d?: number): boolean {
  if (!(y >= MIN_YEAR && y <= MAX_YEAR)) return false;
  if (m === undefined) return d === undefined;
  if (!(m >= 1 && m <= 12)) return false;
  return d === undefined || (d >= 1 && d <= daysInMonth(y, m));
}

const PARTIAL_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Splits a valid PartialDate into numbers, or returns null. */
function partialParts(s: string): [number, number | undefined, number | undefined] | null {
  const m = typeof s === 'string' ? PARTIAL_RE.exec(s) : null;
  if (!m) return null;
  const y = +m[1]!;
  const mo = m[2] === undefined ? undefined : +m[2];
  const d = m[3] === undefined ? undefined : +m[3];
  return validParts(y, mo, d) ? [y, mo, d] : null;
}

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (zero-padded), a real calendar date, year 1900-2200. */
export function isPartialDate(s: string): boolean {
  return partialParts(s) !== null;
}

/** A full, valid 'YYYY-MM-DD' day, year 1900-2200. */
export function isLocalDay(s: string): boolean {
  const p = partialParts(s);
  return p !== null && p[2] !== undefined;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Milliseconds of the UTC midnight of a day. Arithmetic accepts any real 'YYYY-MM-DD' (years
 * 0001-9999), not only the 1900-2200 that isLocalDay asks of input, so that adding and subtracting
 * always round-trips; anything else throws RangeError.
 */
function dayToUtc(day: LocalDay): number {
  const m = typeof day === 'string' ? DAY_RE.exec(day) : null;
  const y = m ? +m[1]! : 0;
  const mo = m ? +m[2]! : 0;
  const d = m ? +m[3]! : 0;
  if (!(y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) throw new RangeError(`Not a day: ${String(day)}`);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  return new Date(0).setUTCFullYear(y, mo - 1, d);
}

function utcToDay(ms: number): LocalDay {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!(y >= 1 && y <= 9999)) throw new RangeError('Day out of range');
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Today (or the day of `now`) in the machine's local time zone, 'YYYY-MM-DD'. */
export function localDay(now: Date = new Date()): LocalDay {
  return ymd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** day + n calendar days (n may be negative). Throws RangeError if `day` is not a real 'YYYY-MM-DD'. */
export function addDays(day: LocalDay, n: number): LocalDay {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return utcToDay(dayToUtc(day) + n * DAY_MS);
}

/** b - a in whole days (positive when b is later). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((dayToUtc(b) - dayToUtc(a)) / DAY_MS);
}

/**
 * Chronological comparator for PartialDates (negative when a is earlier). A partial date sorts as
 * "day 0" of its period: before every full date inside it, after everything in the period before it:
 *   '2014' < '2014-01' < '2014-01-01' < ... < '2014-06' < '2014-06-01' < '2014-06-30' < '2014-07'.
 * So in a newest-first list (comparePartialDates(b, a)) the vague "June 2014" comes after every dated
 * day of June 2014 and before May: the exact entries we know are newer stay on top. For normalized
 * values this is exactly string order, which is also what an IndexedDB index on the field gives.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


function partialOrThrow(d: PartialDate): [number, number | undefined, number | undefined] {
  const p = partialParts(d);
  if (!p) throw new RangeError(`Not a partial date: ${String(d)}`);
  return p;
}

/** The last day a partial date covers: '2014' -> '2014-12-31', '2024-02' -> '2024-02-29'. */
export function partialDateLastDay(d: PartialDate): LocalDay {
  const [y, m = 12, day] = partialOrThrow(d);
  return ymd(y, m, day ?? daysInMonth(y, m));
}

// Month names a person may type: English and Polish (the next locale), matched on diacritic-free,
// lower-cased words. A word matches when it is at least 3 letters long and a prefix of one of these
// forms ('jun', 'june', 'sept', 'czerwca', 'paz', 'pazdziernika').
const MONTH_WORDS: readonly string[][] = [
  ['january', 'styczen', 'stycznia'],
  ['february', 'luty', 'lutego'],
  ['march', 'marzec', 'marca'],
  ['april', 'kwiecien', 'kwietnia'],
  ['may', 'maj', 'maja'],
  ['june', 'czerwiec', 'czerwca'],
  ['july', 'lipiec', 'lipca'],
  ['august', 'sierpien', 'sierpnia'],
  ['september', 'wrzesien', 'wrzesnia'],
  ['october', 'pazdziernik', 'pazdziernika'],
  ['november', 'listopad', 'listopada'],
  ['december', 'grudzien', 'grudnia'],
];

function monthFromWord(word: string): number | undefined {
  const w = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (w.length < 3) return undefined;
  for (let i = 0; i < 12; i++) if (MONTH_WORDS[i]!.some((form) => form.startsWith(w))) return i + 1;
  return undefined;
}

function build(y: number, m?: number, d?: number): PartialDate | null {
  if (!validParts(y, m, d)) return null;
  return m === undefined ? String(y) : d === undefined ? `${y}-${pad2(m)}` : ymd(y, m, d);
}

/**
 * What a person types into a date field, normalized to a PartialDate, or null when it is not a real
 * date (in 1900-2200). Accepted, case-insensitive, surrounding spaces ignored:
 * - ISO-like, year first, '-' or '/' or '.': '2024-06-19', '2024-6-19', '2024/6/19', '2024-06', '2024'
 * - day first with dots (European): '19.06.2024', '19.6.2024', '06.2024'
 * - day/month/year with slashes when unambiguous (a part above 12, or both equal): '19/06/2024';
 *   '03/04/2024' could be March or April: `monthFirst` says which the user's language writes first
 *   (en-US: month), and without it the answer is null rather than a guess
 * - month names in English or Polish, full or abbreviated, with an optional ordinal and comma:
 *   'June 2014', 'Jun 2014', 'Sept. 2014', '19 Jun 2024', '19th June 2024', 'Jun 19, 2024',
 *   'czerwiec 2014', '19 czerwca 2024'
 * Two-digit years are not accepted (which century is a guess).
 */
export function parseDateInput(input: string, monthFirst?: boolean): PartialDate | null {
  if (typeof input !== 'string') return null;
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s || s.length > 40) return null;
  let m: RegExpExecArray | null;
  // Year first: 2024, 2024-06, 2024-06-19, 2024/6/19, 2024.06.19
  if ((m = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?$/.exec(s))) {
    return build(+m[1]!, m[3] === undefined ? undefined : +m[3], m[4] === undefined ? undefined : +m[4]);
  }
  // Day first with dots: 19.06.2024, or month.year: 06.2024
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) return build(+m[3]!, +m[2]!, +m[1]!);
  if ((m = /^(\d{1,2})[./](\d{4})$/.exec(s))) return build(+m[2]!, +m[1]!);
  // Slashes or dashes with the year last: only when day and month cannot be confused.
  if ((m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(s))) {
    const a = +m[1]!;
    const b = +m[3]!;
    const y = +m[4]!;
    if (a === b || b > 12) return build(y, a, b); // month/day (US) when the second part cannot be a month
    if (a > 12) return build(y, b, a); // day/month
    if (monthFirst !== undefined) return monthFirst ? build(y, a, b) : build(y, b, a);
    return null;
  }
  // Words: tokens of letters or digits; commas, dots and ordinals are decoration.
  const tokens = s.replace(/(\d)(st|nd|rd|th)\b/g, '$1').match(/[\p{L}]+|\d+/gu);
  if (!tokens || tokens.length < 2 || tokens.length > 3) return null;
  if (/[^\p{L}\d\s,.]/u.test(s.replace(/(\d)(st|nd|rd|th)\b/g, '$1'))) return null;
  const year = tokens[tokens.length - 1]!;
  if (!/^\d{4}$/.test(year)) return null;
  if (tokens.length === 2) {
    const month = monthFromWord(tokens[0]!);
    return month ? build(+year, month) : null;
  }
  const [t0, t1] = tokens as [string, string];
  const dayFirst = /^\d{1,2}$/.test(t0);
  const day = dayFirst ? t0 : t1;
  const month = monthFromWord(dayFirst ? t1 : t0);
  if (!month || !/^\d{1,2}$/.test(day)) return null;
  return build(+year, month, +day);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, kind: 0 | 1 | 2): Intl.DateTimeFormat {
  const key = `${kind}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 2
        ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
        : kind === 1
          ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
          : { year: 'numeric', timeZone: 'UTC' };
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * A partial date for people: '19 Jun 2024', 'June 2014', '2014' in English; '19 cze 2024',
 * 'czerwiec 2014' in Polish. Formats the UTC midnight of the date in UTC, so the viewer's time zone
 * never shifts the day. A bare 'en' means 'en-GB' (day month year, unambiguous); any explicit region
 * ('en-US') is respected. Something that is not a valid partial date is returned unchanged, so a
 * display never throws on odd stored data.
 */
export function formatPartialDate(d: PartialDate, locale = 'en'): string {
  const p = partialParts(d);
  if (!p) return String(d);
  const [y, m, day] = p;
  const loc = locale === 'en' ? 'en-GB' : locale;
  const kind = day !== undefined ? 2 : m !== undefined ? 1 : 0;
  return formatter(loc, kind).format(new Date(Date.UTC(y, (m ?? 1) - 1, day ?? 1)));
}

/** Milliseconds from `now` to the next local midnight (the start of tomorrow), always > 0. */
export function msUntilNextLocalMidnight(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
}

/**
 * The next time the local clock shows hh:mm ('HH:MM', 24 h): today if that is still strictly ahead
 * of `now`, else tomorrow. Built from local Y/M/D/h/m, so it stays at the wall-clock time across DST.
 * On a spring-forward day a time inside the gap (02:30 in Warsaw) comes out as the engine moves it
 * (03:30 local); on a fall-back day a repeated time is its first occurrence.
 * Throws RangeError for a malformed time.
 */
export function nextLocalTime(now: Date, hhmm: string): Date {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const h = m ? +m[1]! : NaN;
  const min = m ? +m[2]! : NaN;
  if (!(h >= 0 && h <= 23 && min >= 0 && min <= 59)) throw new RangeError(`Not a time: ${hhmm}`);
  const y = now.getFullYear();
  const mo = now.getMonth();
  const d = now.getDate();
  const today = new Date(y, mo, d, h, min);
  return today.getTime() > now.getTime() ? today : new Date(y, mo, d + 1, h, min);
}
