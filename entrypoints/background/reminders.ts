import { browser } from '#imports';
import type { KithDb } from '@/utils/db';
import { countDueBy, peopleDueBy } from '@/utils/db/people';
import { localDay, msUntilNextLocalMidnight, nextLocalTime } from '@/utils/dates';
import { byDueThenName } from '@/utils/followups';
import type { Settings } from '@/utils/settings';
import type { Person } from '@/utils/model/types';
import { t } from '@/utils/i18n';
import { plural } from '@/utils/phrases';
import { toolbarAction } from '@/utils/compat';

export const MIDNIGHT_ALARM = 'kith-midnight';
export const DAILY_ALARM = 'kith-daily-reminder';
export const DAILY_NOTIFICATION = 'kith-daily';

/** Names the daily notification lists before "+N more". */
const NOTIFICATION_NAMES = 3;

/** The toolbar badge: how many follow-ups are overdue or due today; none when there are none. */
export async function updateBadge(db: KithDb, now = new Date()): Promise<number> {
  const count = await countDueBy(db, localDay(now));
  const action = toolbarAction();
  await action.setBadgeText({ text: count > 0 ? (count > 999 ? '999+' : String(count)) : '' });
  if (count > 0) await action.setBadgeBackgroundColor({ color: '#b3261e' });
  return count;
}

/**
 * Alarms at the next local midnight (the day rolls over, so the badge must follow) and at the
 * user's reminder time. Both are one-shot and re-armed when they fire, so a DST change or a new
 * time zone is picked up each day. A daily alarm whose time has passed but which has not fired yet
 * (the browser was closed at reminder time and fires it on start) is left to fire, unless it is the
 * alarm that just `fired`. Turning the notifications off removes the alarm and any notification on
 * screen.
 */
export async function scheduleAlarms(settings: Settings, now = new Date(), fired?: string): Promise<void> {
  await browser.alarms.create(MIDNIGHT_ALARM, { when: now.getTime() + msUntilNextLocalMidnight(now) + 1000 });
  if (settings.notifications.enabled) {
    const pending = fired === DAILY_ALARM ? undefined : await browser.alarms.get(DAILY_ALARM);
    const when = nextLocalTime(now, settings.notifications.time).getTime();
    if (!pending || (pending.scheduledTime > now.getTime() && pending.scheduledTime !== when)) {
      await browser.alarms.create(DAILY_ALARM, { when });
    }
  } else {
    await browser.alarms.clear(DAILY_ALARM);
    await browser.notifications.clear(DAILY_NOTIFICATION);
  }
}

/**
 * The words of the daily notification: the first names of these people (due on or before today) and
 * how many are due in all (`total`, when `due` holds only the first of them), or undefined for nobody.
 */
export function dueNotification(
  due: Pick<Person, 'name' | 'sortName' | 'followUp'>[],
  total = due.length,
): { title: string; message: string } | undefined {
  if (due.length === 0 || total === 0) return undefined;
  const sorted = [...due].sort(byDueThenName);
  const names = sorted.slice(0, NOTIFICATION_NAMES).map((p) => p.name);
  const more = Math.max(total, sorted.length) - names.length;
  return {
    title: plural('popupNotifyTitle', Math.max(total, sorted.length)),
    message: names.join(', ') + (more > 0 ? ` ${t('notificationMore', more)}` : ''),
  };
}

/**
 * The daily notification: who is due today or overdue, a few names and "+N more"; clicking it opens
 * the follow-ups. Nothing is shown when nobody is due (and yesterday's notification is cleared).
 * Returns the message shown.
 */
export async function notifyDue(db: KithDb, now = new Date()): Promise<string | undefined> {
  // The most overdue from the due index (a few more than the names shown, so ties on a day are put in
  // name order) and a key count for the rest: never everyone who is due.
  const day = localDay(now);
  const [first, total] = await Promise.all([peopleDueBy(db, day, NOTIFICATION_NAMES * 10), countDueBy(db, day)]);
  const text = dueNotification(first, total);
  if (!text) {
    await browser.notifications.clear(DAILY_NOTIFICATION);
    return undefined;
  }
  await browser.notifications.create(DAILY_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: text.title,
    message: text.message,
    contextMessage: t('popupNotifyClick'),
  });
  return text.message;
}
