/**
 * The options page, in any browser: an import of LinkedIn's Connections.csv with its report, a JSON
 * backup downloaded, and settings that persist.
 */
import type { Scenario, Tab } from './driver';
import { assert, until, untilEqual } from './assert';
import { file, getStorage, kith, stats } from './kith';

async function openOptions(browser: Parameters<Scenario['run']>[0]): Promise<Tab> {
  const tab = await browser.openExtensionPage('options.html');
  await until('the options page', () => tab.count({ role: 'heading', name: 'Kith' }), (n) => n === 1);
  return tab;
}

const bodyText = (tab: Tab) => tab.evaluate(() => (document.body.textContent ?? '').replace(/\s+/g, ' '));

/** The import report: each table row's cells, and the names under "Who is this?". */
const report = (tab: Tab) =>
  tab.evaluate(() => {
    const el = document.querySelector('.kith-report');
    if (!el) return null;
    const rows = [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()));
    const label = (l: Element) => (l.getAttribute('aria-labelledby') ? document.getElementById(l.getAttribute('aria-labelledby')!)?.textContent : l.getAttribute('aria-label')) ?? '';
    const lists = [...el.querySelectorAll('ul, ol')].map((l) => ({ label: label(l).trim(), items: [...l.querySelectorAll('li')].map((li) => (li.textContent ?? '').trim()) }));
    return { rows, lists };
  });

const importAndExport: Scenario = {
  name: 'the options page imports Connections.csv with a report, and exports a JSON backup as a download',
  async run(browser) {
    const tab = await openOptions(browser);
    await kith(tab, 'encounter.record', {
      profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' },
      encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } },
    });
    await tab.reload();
    await until('the stats', () => bodyText(tab), (t) => t.includes('Stored on this computer: 1 person, 1 encounter and 1 event.'));

    await tab.upload('#kith-import-connections-file', file('Connections.csv'));
    await until('the report', () => tab.count({ role: 'heading', name: 'Imported Connections.csv' }), (n) => n === 1);
    const shown = (await report(tab))!;
    const people = shown.rows.find((r) => r[0] === 'People');
    // Anna was updated in place; five people were added.
    assert.deepEqual(people?.slice(1).map((c) => Number(c.replace(/\D/g, ''))), [5, 1, 0]);
    const who = shown.lists.find((l) => l.label.startsWith('Who is this?'));
    assert.deepEqual(who?.items, ['Bartosz Wiśniewski', 'Carla Mendes', 'Dawid Kowalski', "Emma O'Brien", 'Zoë Ångström']);
    await until('the stats after the import', () => bodyText(tab), (t) => t.includes('Stored on this computer: 6 people, 1 encounter and 1 event.'));
    assert.deepEqual(await stats(tab), { people: 6, encounters: 1, events: 1 });

    const { filename, text } = await tab.download({ role: 'button', name: 'Export JSON backup' });
    assert.match(filename, /^kith-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(text) as { format: string; version: number; people: { name: string }[]; encounters: unknown[]; events: unknown[] };
    assert.equal(backup.format, 'kith-backup');
    assert.equal(backup.version, 1);
    assert.deepEqual(
      backup.people.map((p) => p.name).sort(),
      ['Anna Nowak', 'Bartosz Wiśniewski', 'Carla Mendes', 'Dawid Kowalski', "Emma O'Brien", 'Zoë Ångström'].sort(),
    );
    assert.equal(backup.encounters.length, 1);
    assert.equal(backup.events.length, 1);
    await until('"Downloaded …"', () => tab.texts({ role: 'status' }), (s) => s.some((x) => x.includes(`Downloaded ${filename}.`)));
    // The background's own answer is the same file (but for its time stamp).
    const reply = await kith<{ filename: string; text: string }>(tab, 'data.export', { format: 'json' });
    const body = (s: string) => s.replace(/"exportedAt":"[^"]*"/, '');
    assert.equal(body(reply.text), body(text));
  },
};

const settings: Scenario = {
  name: 'settings are saved on change, refused when invalid, and persist',
  async run(browser) {
    const tab = await openOptions(browser);
    const saved = async () => (await tab.texts({ role: 'status' })).filter((s) => s.startsWith('Saved: '));
    const cadence = { role: 'combobox', name: 'Default follow-up cadence for newly saved people' } as const;
    const postMeeting = { role: 'spinbutton', name: 'Suggest a follow-up this many days after a first meeting in person' } as const;
    const reminder = { role: 'checkbox', name: 'Daily reminder of due follow-ups' } as const;

    await until('the settings', () => tab.count(cadence), (n) => n === 1);
    await tab.select(cadence, 'Every 3 months');
    await untilEqual('saved', saved, ['Saved: Default follow-up cadence for newly saved people']);

    await tab.fill(postMeeting, '400');
    await tab.press(postMeeting, 'Tab');
    await untilEqual('the refusal', () => tab.texts({ role: 'alert' }), ['Enter a whole number of days from 0 (off) to 365.']);
    await tab.fill(postMeeting, '5');
    await tab.press(postMeeting, 'Tab');
    await untilEqual('saved', saved, ['Saved: Suggest a follow-up this many days after a first meeting in person']);
    await untilEqual('no alert', () => tab.count({ role: 'alert' }), 0);

    assert.equal(await tab.value(reminder), 'true');
    await tab.click(reminder);
    await untilEqual('saved', saved, ['Saved: Daily reminder of due follow-ups']);

    await tab.reload();
    await untilEqual('the cadence after a reload', () => tab.value(cadence), '91');
    await untilEqual('the days after a reload', () => tab.value(postMeeting), '5');
    await untilEqual('the reminder after a reload', () => tab.value(reminder), 'false');
    const stored = (await getStorage(tab, 'settings')).settings as { defaultCadenceDays: number; postMeetingFollowUpDays: number; notifications: { enabled: boolean } };
    assert.equal(stored.defaultCadenceDays, 91);
    assert.equal(stored.postMeetingFollowUpDays, 5);
    assert.equal(stored.notifications.enabled, false);
  },
};

export const optionsScenarios: Scenario[] = [importAndExport, settings];
