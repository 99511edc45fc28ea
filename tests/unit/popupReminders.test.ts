import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeKithDb, openKithDb } from '../../utils/db';
import { recordEncounter } from '../../utils/db/writes';
import { addDays, localDay } from '../../utils/dates';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import {
  DAILY_ALARM,
  DAILY_NOTIFICATION,
  MIDNIGHT_ALARM,
  dueNotification,
  notifyDue,
  scheduleAlarms,
  updateBadge,
} from '../../entrypoints/background/reminders';
import { contextText, dueText, formatDueDay } from '../../utils/phrases';
import { safeUrl } from '../../components/shared/safeUrl';

// The English messages the build ships (only the files these modules use, so other surfaces' work in
// progress cannot break this test).
const messages: Record<string, { message: string }> = {
  ...JSON.parse(readFileSync(resolve('locales/en/common.json'), 'utf8')),
  ...JSON.parse(readFileSync(resolve('locales/en/popup.json'), 'utf8')),
};
function getMessage(name: string, subs?: string | string[]): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return messages[name]?.message.replace(/\$(\d)/g, (_m, i: string) => list[Number(i) - 1] ?? '') ?? '';
}

let dbs = 0;
const freshDb = async () => {
  const name = `kith-popup-${++dbs}-${Math.random()}`;
  return { name, db: await openKithDb(name) };
};

const person = (name: string, due: string) => ({ name, sortName: name.toLowerCase(), followUp: { due } });

async function seed(db: Awaited<ReturnType<typeof openKithDb>>, name: string, due: string | undefined) {
  const slug = name.toLowerCase().replace(/\s+/g, '-');
  await recordEncounter(
    db,
    {
      profile: { site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name },
      encounter: { date: '2026-01-10', kind: 'in-person' },
      ...(due ? { followUpDue: due } : {}),
    },
    Date.now(),
    localDay(),
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = getMessage;
});

describe('daily notification text', () => {
  it('says nothing when nobody is due', () => {
    expect(dueNotification([])).toBeUndefined();
  });

  it('names one person with a singular title', () => {
    expect(dueNotification([person('Anna Nowak', '2026-01-01')])).toEqual({
      title: 'Kith: 1 follow-up due',
      message: 'Anna Nowak',
    });
  });

  it('lists three names, most overdue first then by name, and "+N more"', () => {
    const due = [
      person('Zofia Zielińska', '2026-01-05'),
      person('Bartek Kowalski', '2026-01-03'),
      person('Anna Nowak', '2026-01-05'),
      person('Celina Lis', '2026-01-01'),
      person('Dawid Wolny', '2026-01-06'),
    ];
    expect(dueNotification(due)).toEqual({
      title: 'Kith: 5 follow-ups due',
      message: 'Celina Lis, Bartek Kowalski, Anna Nowak +2 more',
    });
  });
});

describe('daily notification text from the first of many', () => {
  it('counts everyone due when only the first were read', () => {
    expect(dueNotification([person('Anna Nowak', '2026-01-01'), person('Bartek Kowalski', '2026-01-02')], 1200)).toEqual({
      title: 'Kith: 1200 follow-ups due',
      message: 'Anna Nowak, Bartek Kowalski +1198 more',
    });
  });
});

describe('notifyDue', () => {
  it('names the most overdue of many, and counts everyone due', async () => {
    const { name, db } = await freshDb();
    const today = localDay();
    // More people due than it reads (10 per name shown): the count still covers everyone.
    for (let i = 0; i < 40; i++) await seed(db, `Person ${String(i).padStart(2, '0')}`, addDays(today, -1 - (i % 5)));
    await seed(db, 'Anna Nowak', addDays(today, -30));
    expect(await notifyDue(db)).toBe('Anna Nowak, Person 04, Person 09 +38 more');
    expect(fakeBrowser.notifications.getAllCreateOptions()[DAILY_NOTIFICATION]).toMatchObject({ title: 'Kith: 41 follow-ups due' });
    await closeKithDb(name);
  });

  it('shows who is overdue or due today, not who is due later', async () => {
    const { name, db } = await freshDb();
    const today = localDay();
    await seed(db, 'Anna Nowak', addDays(today, -3));
    await seed(db, 'Bartek Kowalski', today);
    await seed(db, 'Celina Lis', addDays(today, 2));
    await seed(db, 'Dawid Wolny', undefined);
    expect(await notifyDue(db)).toBe('Anna Nowak, Bartek Kowalski');
    const shown = fakeBrowser.notifications.getAllCreateOptions()[DAILY_NOTIFICATION];
    expect(shown).toMatchObject({ type: 'basic', title: 'Kith: 2 follow-ups due', message: 'Anna Nowak, Bartek Kowalski' });
    expect(shown.iconUrl).toMatch(/\/icon\/128\.png$/);
    await closeKithDb(name);
  });

  it('shows nothing when nobody is due, and clears an older notification', async () => {
    const { name, db } = await freshDb();
    await fakeBrowser.notifications.create(DAILY_NOTIFICATION, { type: 'basic', title: 'old', message: 'old', iconUrl: 'x' });
    await seed(db, 'Celina Lis', addDays(localDay(), 2));
    expect(await notifyDue(db)).toBeUndefined();
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
    await closeKithDb(name);
  });
});

describe('badge', () => {
  it('counts overdue and due today, and is empty when none', async () => {
    const { name, db } = await freshDb();
    expect(await updateBadge(db)).toBe(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    const today = localDay();
    await seed(db, 'Anna Nowak', addDays(today, -3));
    await seed(db, 'Bartek Kowalski', today);
    await seed(db, 'Celina Lis', addDays(today, 1));
    expect(await updateBadge(db)).toBe(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    // The next day, tomorrow's person is due too.
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    expect(await updateBadge(db, tomorrow)).toBe(3);
    await closeKithDb(name);
  });
});

describe('alarms', () => {
  const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);

  it('arms the midnight alarm and the daily one at the chosen time', async () => {
    const now = at(2026, 3, 10, 14, 30);
    await scheduleAlarms({ ...DEFAULT_SETTINGS, notifications: { enabled: true, time: '09:15' } }, now);
    const midnight = await fakeBrowser.alarms.get(MIDNIGHT_ALARM);
    const daily = await fakeBrowser.alarms.get(DAILY_ALARM);
    expect(midnight!.scheduledTime).toBeGreaterThan(at(2026, 3, 11, 0, 0).getTime());
    expect(midnight!.scheduledTime).toBeLessThan(at(2026, 3, 11, 0, 1).getTime());
    expect(daily!.scheduledTime).toBe(at(2026, 3, 11, 9, 15).getTime());
    // Still ahead today: today.
    await scheduleAlarms({ ...DEFAULT_SETTINGS, notifications: { enabled: true, time: '18:00' } }, now);
    expect((await fakeBrowser.alarms.get(DAILY_ALARM))!.scheduledTime).toBe(at(2026, 3, 10, 18, 0).getTime());
  });

  it('removes the daily alarm and any notification when notifications are turned off', async () => {
    const now = at(2026, 3, 10, 14, 30);
    await scheduleAlarms(DEFAULT_SETTINGS, now);
    await fakeBrowser.notifications.create(DAILY_NOTIFICATION, { type: 'basic', title: 't', message: 'm', iconUrl: 'x' });
    await scheduleAlarms({ ...DEFAULT_SETTINGS, notifications: { enabled: false, time: '09:00' } }, now);
    expect(await fakeBrowser.alarms.get(DAILY_ALARM)).toBeUndefined();
    expect(await fakeBrowser.alarms.get(MIDNIGHT_ALARM)).toBeDefined();
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('leaves a missed reminder to fire, and re-arms for tomorrow once it fired', async () => {
    const missed = at(2026, 3, 10, 9, 0).getTime();
    await fakeBrowser.alarms.create(DAILY_ALARM, { when: missed });
    const now = at(2026, 3, 10, 11, 0);
    await scheduleAlarms(DEFAULT_SETTINGS, now);
    expect((await fakeBrowser.alarms.get(DAILY_ALARM))!.scheduledTime).toBe(missed);
    await scheduleAlarms(DEFAULT_SETTINGS, now, DAILY_ALARM);
    expect((await fakeBrowser.alarms.get(DAILY_ALARM))!.scheduledTime).toBe(at(2026, 3, 11, 9, 0).getTime());
  });
});

describe('popup words', () => {
  const today = '2026-11-23';

  it('says how late or when', () => {
    expect(dueText({ due: '2026-11-20', overdueDays: 3 }, today)).toBe('3 days overdue');
    expect(dueText({ due: '2026-11-22', overdueDays: 1 }, today)).toBe('1 day overdue');
    expect(dueText({ due: today, overdueDays: 0 }, today)).toBe('Due today');
    expect(dueText({ due: '2026-11-24', overdueDays: 0 }, today)).toBe('Due tomorrow');
    expect(dueText({ due: '2026-11-27', overdueDays: 0 }, today)).toBe('Due Fri 27 Nov');
    expect(formatDueDay('2027-01-08', today)).toBe('Fri, 8 Jan 2027');
  });

  it('says where they met', () => {
    expect(contextText({ date: '2026-06-19', kind: 'event', place: 'Warsaw', eventName: 'Grow Up Start Up' }, today)).toBe(
      'met at Grow Up Start Up, Warsaw, 19 Jun',
    );
    expect(contextText({ date: '2024-06-19', kind: 'in-person', place: 'Warsaw' }, today)).toBe('met in Warsaw, 19 Jun 2024');
    expect(contextText({ date: '2014-06', kind: 'in-person' }, today)).toBe('met on June 2014');
    expect(contextText({ date: '2026-03-03', kind: 'call' }, today)).toBe('Call on 3 Mar');
    expect(contextText(undefined, today)).toBeUndefined();
  });

  it('opens only web links', () => {
    expect(safeUrl('https://www.linkedin.com/in/anna/')).toBe('https://www.linkedin.com/in/anna/');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
