/**
 * Everyday use in any browser: what a user takes back (a deleted encounter, a deleted person, Done in
 * the popup) and a follow-up that says how late it is.
 */
import type { Scenario, Target } from './driver';
import { assert, until, untilEqual } from './assert';
import { kith, seed, today } from './kith';
import { addDays } from '../../utils/dates';

const overdue: Target = { role: 'region', name: 'Overdue' };
const undo: Target = { role: 'button', name: 'Undo' };
const statuses = (texts: string[], text: string) => texts.some((s) => s.includes(text));

const popupUndo: Scenario = {
  name: 'everyday: Done in the popup can be undone, and the follow-up is as it was',
  timeout: 150_000,
  async run(browser) {
    const popup = await browser.openExtensionPage('popup.html');
    const anna = await seed(popup, { slug: 'anna-nowak', name: 'Anna Nowak', due: addDays(today(), -3) });
    await popup.reload();
    await until('Anna overdue', () => popup.texts({ role: 'listitem', within: overdue }), (rows) => rows.length === 1 && rows[0].includes('3 days overdue'));
    await popup.click({ role: 'button', name: 'Done' });
    await untilEqual('no overdue list', () => popup.count(overdue), 0);
    await until('the status', () => popup.texts({ role: 'status' }), (s) => statuses(s, 'Anna Nowak: done.'));
    await popup.click(undo);
    await until('Anna overdue again', () => popup.texts({ role: 'listitem', within: overdue }), (rows) => rows.length === 1 && rows[0].includes('3 days overdue'));
    const view = await kith<{ person: { followUp: { due?: string } }; encounters: unknown[] }>(popup, 'person.get', { id: anna });
    assert.equal(view.person.followUp.due, addDays(today(), -3));
    assert.equal(view.encounters.length, 1);
  },
};

const networkUndo: Scenario = {
  name: 'everyday: on the network page an encounter and a person are deleted and undone; the follow-up says how late it is',
  timeout: 150_000,
  async run(browser) {
    const page = await browser.openExtensionPage('network.html');
    const id = await seed(page, { slug: 'anna-nowak', name: 'Anna Nowak', place: 'Warsaw', due: addDays(today(), -1) });
    await page.evaluate((hash) => (location.hash = hash), `#person/${id}`);
    await page.reload();
    const person: Target = { role: 'heading', name: 'Anna Nowak' };
    await untilEqual('her record', () => page.count(person), 1);
    await until('how late', () => page.texts({ role: 'region', name: 'Person' }), ([t]) => !!t && t.includes('1 day overdue'));

    const met: Target = { role: 'region', name: 'How you met' };
    await untilEqual('how you met', () => page.count(met), 1);
    // Its delete button is named for its day, as the browser's language writes it.
    const label = await page.evaluate(() => document.querySelector('.kith-encounters button[aria-label^="Delete encounter"]')?.getAttribute('aria-label') ?? '');
    assert.match(label, /^Delete encounter of /);
    await page.click({ role: 'button', name: label, within: met });
    await untilEqual('no "How you met" left', () => page.count(met), 0);
    await page.click(undo);
    await untilEqual('the encounter back', () => page.count(met), 1);

    await page.click({ role: 'button', name: 'Delete person…' });
    await page.click({ role: 'button', name: 'Delete', within: { role: 'group', name: 'Delete Anna Nowak?' } });
    await untilEqual('her record gone', () => page.count(person), 0);
    await page.click(undo);
    await untilEqual('her record back', () => page.count(person), 1);
    assert.equal((await kith<{ encounters: unknown[] }>(page, 'person.get', { id })).encounters.length, 1);
  },
};

export const everydayScenarios: Scenario[] = [popupUndo, networkUndo];
