/**
 * Words and dates of the popup, the network page, the sidebar's shared parts and the background's
 * daily notification, from the i18n messages. Plurals follow the language of the messages in use
 * (message `popupDateLocale`); dates follow the browser's UI language (dateLocale).
 */
import { addDays, formatPartialDate } from '@/utils/dates';
import { browser } from '#imports';
import { countedMessage, t } from '@/utils/i18n';
import type { FollowUpRow } from '@/utils/messages';
import type { LocalDay, PartialDate } from '@/utils/model/types';
import { KIND_MESSAGE } from './encounter-kinds';

let cachedLocale: string | undefined;
let cachedDateLocale: string | undefined;

/** A language tag as Intl takes it, or undefined for a broken one. */
function canonical(tag: string | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

/** The messages' language ('en'), for plural rules. */
export function messagesLocale(): string {
  return (cachedLocale ??= canonical(t('popupDateLocale')) ?? 'en');
}

/**
 * The locale Kith writes dates in: the browser's UI language ('en-US': "Dec 3, 2026", as its native
 * date and time fields show 12/03/2026 and 09:00 AM), when that is the language of the messages in use;
 * otherwise the messages' own language, so a month never reads in a language the sentence around it is
 * not in (a German browser shows the English messages, with English months). A bare 'en' means day
 * month year (en-GB), as formatPartialDate says.
 */
function dateLocale(): string {
  if (cachedDateLocale) return cachedDateLocale;
  const messages = messagesLocale();
  let ui: string | undefined;
  try {
    ui = canonical(browser.i18n.getUILanguage());
  } catch {
    // No i18n API (unit tests without a browser)
  }
  const picked = ui && ui.split('-')[0] === messages.split('-')[0] ? ui : messages;
  return (cachedDateLocale = picked === 'en' ? 'en-GB' : picked);
}

/** A partial date in the user's language: '19 Jun 2024' (en-GB), 'Jun 19, 2024' (en-US), '19 cze 2024', 'June 2014'. */
export function formatDate(d: PartialDate): string {
  return formatPartialDate(d, dateLocale());
}

/** Whether the user's language writes a date's month before its day (en-US: 12/03/2026), for reading typed dates. */
export function monthFirst(): boolean {
  const parts = new Intl.DateTimeFormat(dateLocale(), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).formatToParts(0);
  return parts.findIndex((p) => p.type === 'month') < parts.findIndex((p) => p.type === 'day');
}

/** A counted message in the messages' language, with the count as $1 (see countedMessage). */
export function plural(base: string, n: number): string {
  return countedMessage(base, n, messagesLocale());
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(dateLocale(), { ...options, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}
const utc = (day: LocalDay) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/**
 * An event's days: '19–20 Jun 2026', '30 Jun – 1 Jul 2026', '19 Jun 2026' (en-GB), or '' for an undated
 * event.
 */
export function formatDays(start: LocalDay | undefined, end: LocalDay | undefined): string {
  if (start && end && end !== start) return fmt({ day: 'numeric', month: 'short', year: 'numeric' }).formatRange(utc(start), utc(end));
  const day = start ?? end;
  return day ? formatDate(day) : '';
}

/** A follow-up day: 'today', 'tomorrow', 'Fri 27 Nov', 'Fri 27 Nov 2027' (another year). */
export function formatDueDay(day: LocalDay, today: LocalDay): string {
  if (day === today) return t('popupToday');
  if (day === addDays(today, 1)) return t('popupTomorrow');
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return fmt(sameYear ? { weekday: 'short', day: 'numeric', month: 'short' } : { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(utc(day));
}

/** A day something happened: '19 Jun' this year, '19 Jun 2024' before, 'June 2014' for a partial date. */
export function formatPastDay(date: string, today: LocalDay): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date.slice(0, 4) === today.slice(0, 4)) {
    return fmt({ day: 'numeric', month: 'short' }).format(utc(date));
  }
  return formatDate(date);
}

/** How the follow-up stands: '3 days overdue', 'Due today', 'Due tomorrow', 'Due Fri 27 Nov'. */
export function dueText(row: Pick<FollowUpRow, 'due' | 'overdueDays'>, today: LocalDay): string {
  if (row.overdueDays > 0) return plural('popupOverdueDays', row.overdueDays);
  if (row.due === today) return t('popupDueToday');
  if (row.due === addDays(today, 1)) return t('popupDueTomorrow');
  return t('popupDueOn', formatDueDay(row.due, today));
}

/** What makes them recognisable: 'met at Grow Up Start Up, Warsaw, 19 Jun', 'Call on 3 Mar'. */
export function contextText(context: FollowUpRow['context'], today: LocalDay): string | undefined {
  if (!context) return undefined;
  const when = formatPastDay(context.date, today);
  if (context.kind === 'in-person' || context.kind === 'event') {
    if (context.eventName) return t('popupMetAt', [context.eventName, context.place, when].filter(Boolean).join(', '));
    if (context.place) return t('popupMetIn', `${context.place}, ${when}`);
    return t('popupMetOn', when);
  }
  const kind = t(KIND_MESSAGE[context.kind]);
  const where = [context.eventName, context.place].filter(Boolean).join(', ');
  return t('popupTouchOn', kind, where ? `${when} (${where})` : when);
}
