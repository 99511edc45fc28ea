/**
 * The popup and the background's reminders, in any browser: follow-ups seeded through the protocol,
 * Done, the toolbar badge, the alarms and the daily notification.
 */
import type { Scenario, Target } from './driver';
import { assert, until, untilEqual } from './assert';
import { alarms, badge, fireReminder, kith, notifications, seed, setStorage, today } from './kith';
import { addDays } from '../../utils/dates';

const overdue: Target = { role: 'region', name: 'Overdue' };

const followUps: Scenario = {
  name: 'the popup lists an overdue follow-up as it is saved; Done clears it; the badge follows',
  async run(browser) {
    const popup = await browser.openExtensionPage('popup.html');
    await until('the welcome', () => popup.count({ role: 'heading', name: 'Remember the people you meet' }), (n) => n === 1);
    assert.equal(await badge(popup), '');

    // Saved while the popup is open: the background tells it, and it shows them at once.
    const anna = await seed(popup, { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', place: 'Warsaw', due: addDays(today(), -3) });
    await seed(popup, { slug: 'ewa-zajac', name: 'Ewa Zając', due: addDays(today(), 20) });
    const [row] = await until('Anna in the overdue list', () => popup.texts({ role: 'listitem', within: overdue }), (rows) => rows.length === 1);
    assert.match(row, /Anna Nowak/);
    assert.match(row, /3 days overdue/);
    assert.match(row, /CTO at Acme/);
    assert.match(row, /met in Warsaw/);
    assert.doesNotMatch((await popup.evaluate(() => document.body.textContent)) ?? '', /Ewa Zając/);
    await untilEqual('the badge counting her', () => badge(popup), '1');

    await popup.select({ role: 'combobox', name: 'logged as' }, 'Email');
    await popup.click({ role: 'button', name: 'Done' });
    await until('the confirmation', () => popup.texts({ role: 'status' }), (s) => s.includes('Anna Nowak: done. No follow-up planned.'));
    await untilEqual('no overdue list', () => popup.count(overdue), 0);
    await untilEqual('no badge', () => badge(popup), '');
    const view = await kith<{ person: { followUp: { due?: string }; lastTouch?: string }; encounters: { kind: string }[] }>(popup, 'person.get', { id: anna });
    assert.equal(view.person.followUp.due, undefined);
    assert.equal(view.person.lastTouch, today());
    assert.equal(view.encounters[0].kind, 'email');
  },
};

const reminders: Scenario = {
  name: 'the background keeps its alarms, and the daily reminder notifies who is due; off, it stops',
  async run(browser) {
    const now = new Date();
    const nextMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    const nextAt = (h: number, m: number) => {
      const d = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m);
      return d.getTime() > Date.now() ? d.getTime() : new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, h, m).getTime();
    };
    // Read from a Kith page: Firefox's background page has no automation target of its own.
    const page = await browser.openExtensionPage('popup.html');
    const [daily, midnight] = await until('both alarms', () => alarms(page), (a) => a.length === 2);
    assert.equal(midnight.name, 'kith-midnight');
    assert.ok(midnight.scheduledTime >= nextMidnight && midnight.scheduledTime < nextMidnight + 60_000, `midnight alarm at ${new Date(midnight.scheduledTime).toString()}`);
    assert.equal(daily.name, 'kith-daily-reminder');
    assert.equal(daily.scheduledTime, nextAt(9, 0));

    await seed(page, { slug: 'anna-nowak', name: 'Anna Nowak', due: addDays(today(), -1) });
    await fireReminder(page);
    await untilEqual('the notification', () => notifications(page), ['kith-daily']);
    // Re-armed for the next day.
    await until('the reminder re-armed', () => alarms(page), (a) => (a.find((x) => x.name === 'kith-daily-reminder')?.scheduledTime ?? 0) > Date.now() + 60_000);

    await setStorage(page, { settings: { notifications: { enabled: false, time: '09:00' } } });
    await untilEqual('only the midnight alarm', async () => (await alarms(page)).map((a) => a.name), ['kith-midnight']);
    await untilEqual('the notification gone', () => notifications(page), []);
  },
};

export const popupScenarios: Scenario[] = [followUps, reminders];
