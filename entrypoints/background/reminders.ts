import { browser } from '#imports';
import type { KithDb } from '@/utils/db';
import { countDueBy, peopleDueBy } from '@/utils/db/people';
import { localDay, msUntilNextLocalMidnight, nextLocalTime } from '@/utils/dates';
import type { Settings } from '@/utils/settings';
import { t } from '@/utils/i18n';

export const MIDNIGHT_ALARM = 'kith-midnight';
export const DAILY_ALARM = 'kith-daily-reminder';
export const DAILY_NOTIFICATION = 'kith-daily';

/** The toolbar badge: how many follow-ups are overdue or due today; none when there are none. */
export async function updateBadge(db: KithDb, now = new Date()): Promise<number> {
  const count = await countDueBy(db, localDay(now));
  await browser.action.setBadgeText({ text: count > 0 ? (count > 999 ? '999+' : String(count)) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  return count;
}

/**
 * Alarms at the next local midnight (the day rolls over, so the badge must follow) and at the
 * user's reminder time. Both are one-shot and re-armed when they fire, so a DST change or a new
 * time zone is picked up each day.
 */
export async function scheduleAlarms(settings: Settings, now = new Date()): Promise<void> {
  await browser.alarms.create(MIDNIGHT_ALARM, { when: now.getTime() + msUntilNextLocalMidnight(now) + 1000 });
  if (settings.notifications.enabled) {
    await browser.alarms.create(DAILY_ALARM, { when: nextLocalTime(now, settings.notifications.time).getTime() });
  } else {
    await browser.alarms.clear(DAILY_ALARM);
  }
}

/** The daily notification: a few names and "+N more"; nothing when nobody is due. */
export async function notifyDue(db: KithDb, now = new Date()): Promise<string | undefined> {
  const due = await peopleDueBy(db, localDay(now));
  if (due.length === 0) return undefined;
  due.sort((a, b) => (a.followUp.due! < b.followUp.due! ? -1 : 1));
  const names = due.slice(0, 3).map((p) => p.name);
  const more = due.length - names.length;
  const message = names.join(', ') + (more > 0 ? ` ${t('notificationMore', more)}` : '');
  await browser.notifications.create(DAILY_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('notificationTitle', due.length),
    message,
  });
  return message;
}
