/**
 * Words and dates of the popup, the network page and the background's daily notification, from the
 * i18n messages. The language of dates and plurals is the language of the messages in use (message
 * `popupDateLocale`), so a Polish translation formats its dates in Polish.
 */
import { addDays, formatPartialDate } from '@/utils/dates';
import { countedMessage, t } from '@/utils/i18n';
import type { FollowUpRow } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { KIND_MESSAGE } from './encounter-kinds';

let cachedLocale: string | undefined;

/** The messages' language ('en'), for Intl. */
export function messagesLocale(): string {
  if (cachedLocale) return cachedLocale;
  const l = t('popupDateLocale');
  let ok = 'en';
  try {
    ok = Intl.getCanonicalLocales(l)[0] ?? 'en';
  } catch {
    // a broken translation: fall back to English
  }
  cachedLocale = ok;
  return ok;
}

/** 'en' alone means day-month-year (en-GB), like formatPartialDate. */
const intlLocale = () => (messagesLocale() === 'en' ? 'en-GB' : messagesLocale());

/** A counted message in the messages' language, with the count as $1 (see countedMessage). */
export function plural(base: string, n: number): string {
  return countedMessage(base, n, messagesLocale());
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}
const utc = (day: LocalDay) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

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
  return formatPartialDate(date, messagesLocale());
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
