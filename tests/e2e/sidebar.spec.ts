import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openSidebar, OWN_PAGES, PHOTO_PNG, serve, SHARED_PAGES, sidebarFrame, test } from './fixtures';
import { spaPage, type SpaPerson } from './spa-page';

const ANNA: SpaPerson = { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', company: 'Acme', photo: 'https://media.licdn.com/dms/image/anna/profile-displayphoto-shrink_400_400/0/1' };
const BOB: SpaPerson = { slug: 'bob-stone', name: 'Bob Stone', headline: 'Founder of Stone Labs' };
const LUKASZ: SpaPerson = { slug: 'łukasz-żółć', name: 'Łukasz Żółć', headline: 'Inżynier' };
const PEOPLE = [ANNA, BOB, LUKASZ];

/** Kith's sidebar in the tab now (in its frame), named for `name`. */
const sidebarIn = async (page: Page, name: string) => (await sidebarFrame(page)).getByRole('complementary', { name: `Kith: ${name}` });

test.describe('on profile pages', () => {
  test.beforeEach(async ({ context }) => {
    await serve(context, /^https:\/\/([a-z]+\.)?linkedin\.com\/(in|feed|search)\//, spaPage(PEOPLE));
    await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
  });

  test('a frame of Kith’s own page in a closed shadow root, styled apart from the page, opens from a tab and remembers it', async ({ page }) => {
    await page.goto('https://www.linkedin.com/in/anna-nowak/');
    const host = page.locator('kith-sidebar');
    await expect(host).toHaveCount(1);
    // The page sees the element, never what it holds: its shadow root is closed.
    expect(await host.evaluate((el) => el.shadowRoot)).toBeNull();
    let kith = await sidebarFrame(page);
    const tab = kith.getByRole('button', { name: 'Open Kith' });
    await expect(tab).toHaveAttribute('aria-expanded', 'false');
    await expect(kith.getByRole('complementary', { name: /Kith/ })).toBeHidden();
    await tab.click();
    const sidebar = kith.getByRole('complementary', { name: 'Kith: Anna Nowak' });
    await expect(sidebar).toBeVisible();
    // The page's `* { color: red !important }` does not reach into Kith's document.
    const color = await sidebar.getByRole('heading', { name: 'Anna Nowak' }).evaluate((el) => getComputedStyle(el).color);
    expect(color).not.toBe('rgb(255, 0, 0)');
    await expect(sidebar.getByText('CTO at Acme')).toBeVisible();
    await page.reload();
    kith = await sidebarFrame(page);
    await expect(kith.getByRole('complementary', { name: 'Kith: Anna Nowak' })).toBeVisible();
    await expect(kith.getByRole('button', { name: 'Open Kith' })).toBeHidden();
    // The visible close button at the top of the panel.
    await kith.getByRole('complementary', { name: 'Kith: Anna Nowak' }).getByRole('button', { name: 'Close Kith' }).click();
    await expect(kith.getByRole('button', { name: 'Open Kith' })).toBeVisible();
    await page.reload();
    kith = await sidebarFrame(page);
    await expect(kith.getByRole('button', { name: 'Open Kith' })).toBeVisible();
    await expect(kith.getByRole('complementary', { name: /Kith/ })).toBeHidden();
  });

  test('the shortcut message from the background toggles the sidebar', async ({ page, worker }) => {
    await page.goto('https://www.linkedin.com/in/anna-nowak/');
    const kith = await sidebarFrame(page);
    await expect(kith.getByRole('button', { name: 'Open Kith' })).toBeVisible();
    await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://www.linkedin.com/*' });
      await chrome.tabs.sendMessage(tab.id!, { kithToggleSidebar: true });
    });
    await expect(kith.getByRole('complementary', { name: 'Kith: Anna Nowak' })).toBeVisible();
  });

  test('record an encounter with every field; the person is saved with a photo and a follow-up suggestion', async ({ page, context }) => {
    // Someone to be "introduced by".
    let sidebar = await openSidebar(page, 'https://www.linkedin.com/in/bob-stone/', 'Bob Stone');
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByLabel('Date').fill('June 2014');
    await sidebar.getByLabel('Kind').selectOption({ label: 'Call' });
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('June 2014');

    sidebar = await openSidebar(page, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
    await expect(sidebar.getByText('You have not recorded meeting this person yet.')).toBeVisible();
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    const date = sidebar.getByLabel('Date');
    await expect(date).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await sidebar.getByLabel('Kind').selectOption({ label: 'In person' });
    await sidebar.getByLabel('Place').fill('Warsaw, Pałac Kultury');
    await sidebar.getByLabel('Event', { exact: true }).fill('Grow Up Start Up');
    await sidebar.getByLabel('Introduced by').fill('Bob St');
    await expect(sidebar.locator('datalist#kith-people option')).toHaveCount(1);
    await sidebar.getByLabel('Introduced by').fill('Bob Stone');
    await sidebar.getByLabel('Note').fill('Talked about <b>sailing</b> & pilots');
    const follow = sidebar.getByRole('checkbox', { name: /Follow up on/ });
    await expect(follow).toBeChecked();
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();

    const list = sidebar.getByRole('list', { name: 'Encounters' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('In person');
    await expect(list).toContainText('Warsaw, Pałac Kultury');
    await expect(list).toContainText('at Grow Up Start Up');
    await expect(list).toContainText('introduced by Bob Stone');
    await expect(list).toContainText('Talked about <b>sailing</b> & pilots');
    // The suggested follow-up was accepted: a due date two days after today.
    const due = new Date();
    due.setDate(due.getDate() + 2);
    const dueDay = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}`;
    await expect(sidebar.getByLabel('Next follow-up')).toHaveValue(dueDay);
    // A thumbnail of the face was stored (a data: URL, not the page's photo URL).
    await expect(sidebar.locator('header img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);

    // Bob's sidebar shows whom he introduced.
    sidebar = await openSidebar(page, 'https://www.linkedin.com/in/bob-stone/', 'Bob Stone');
    await expect(sidebar.getByRole('region', { name: 'Introduced you to' })).toContainText('Anna Nowak');
    void context;
  });

  test('everything works from the keyboard', async ({ page }) => {
    await page.goto('https://www.linkedin.com/in/bob-stone/');
    const kith = await sidebarFrame(page);
    const tab = kith.getByRole('button', { name: 'Open Kith' });
    await tab.focus();
    await page.keyboard.press('Enter');
    const sidebar = kith.getByRole('complementary', { name: 'Kith: Bob Stone' });
    await expect(sidebar).toBeVisible();
    /** Presses Tab until `target` has the focus (as a person would), failing after 40 presses. */
    const tabTo = async (target: ReturnType<typeof sidebar.getByRole>) => {
      for (let i = 0; i < 40; i++) {
        if (await target.evaluate((el) => el === document.activeElement && document.hasFocus())) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('could not reach the control with Tab');
    };
    await tabTo(sidebar.getByRole('button', { name: 'Record encounter' }));
    await page.keyboard.press('Enter');
    await tabTo(sidebar.getByLabel('Place'));
    await page.keyboard.type('Poznań');
    await tabTo(sidebar.getByLabel('Note'));
    await page.keyboard.type('Met over coffee');
    await tabTo(sidebar.getByRole('button', { name: 'Save encounter' }));
    await page.keyboard.press('Enter');
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Poznań');
    await tabTo(sidebar.getByLabel('Add tag'));
    await page.keyboard.type('coffee');
    await page.keyboard.press('Enter');
    await expect(sidebar.getByRole('list', { name: 'Tags' })).toContainText('coffee');
    // Keys typed into Kith do not reach the page's own keyboard shortcuts.
    const pageKeys = await page.evaluate(() => (window as unknown as { keysSeen?: number }).keysSeen ?? 0);
    expect(pageKeys).toBe(0);
  });

  test('an encounter can be edited and the list keeps newest first', async ({ page }) => {
    const sidebar = await openSidebar(page, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
    for (const [date, place] of [['2025-03-01', 'Berlin'], ['2024-01-15', 'Warsaw']]) {
      await sidebar.getByRole('button', { name: 'Record encounter' }).click();
      await sidebar.getByLabel('Date').fill(date);
      await sidebar.getByLabel('Place').fill(place);
      await sidebar.getByRole('button', { name: 'Save encounter' }).click();
      await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText(place);
    }
    const items = sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem');
    await expect(items.first()).toContainText('Berlin');
    await sidebar.getByRole('button', { name: 'Edit encounter of Jan 15, 2024' }).click();
    await expect(sidebar.getByLabel('Place')).toHaveValue('Warsaw');
    await sidebar.getByLabel('Date').fill('June 2026');
    await sidebar.getByLabel('Place').fill('Gdańsk');
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText('June 2026');
    await expect(items.first()).toContainText('Gdańsk');
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).not.toContainText('Warsaw');
  });

  test('tags with autocomplete, notes that save as you type, follow-up cadence', async ({ page }) => {
    let sidebar = await openSidebar(page, 'https://www.linkedin.com/in/bob-stone/', 'Bob Stone');
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await sidebar.getByLabel('Add tag').fill('investor');
    await sidebar.getByLabel('Add tag').press('Enter');
    await sidebar.getByLabel('Add tag').fill('sailing');
    await sidebar.getByLabel('Add tag').press('Enter');
    await expect(sidebar.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(2);
    await sidebar.getByRole('button', { name: 'Remove tag sailing' }).click();
    await expect(sidebar.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(1);

    const notes = sidebar.getByLabel('Notes');
    await notes.pressSequentially('Met at the bar; wants the pilot deck.', { delay: 5 });
    await expect(sidebar.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await sidebar.getByLabel('Cadence').selectOption({ label: 'Every month' });
    await expect(sidebar.getByLabel('Next follow-up')).not.toHaveValue('');
    await sidebar.getByLabel('Promised').fill('send the pilot deck');
    await sidebar.getByLabel('Promised').press('Tab');

    // Another person's sidebar suggests existing tags.
    sidebar = await openSidebar(page, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(sidebar.locator('datalist#kith-known-tags option[value="investor"]')).toHaveCount(1);

    await page.reload();
    sidebar = await openSidebar(page, 'https://www.linkedin.com/in/bob-stone/', 'Bob Stone');
    await expect(sidebar.getByLabel('Notes')).toHaveValue('Met at the bar; wants the pilot deck.');
    await expect(sidebar.getByLabel('Cadence')).toHaveValue('30');
    await expect(sidebar.getByLabel('Promised')).toHaveValue('send the pilot deck');
    await expect(sidebar.getByRole('list', { name: 'Tags' })).toContainText('investor');
  });

  test('in-app navigation shows the new person, never the previous one, and hides off profiles', async ({ page }) => {
    await serve(page.context(), 'https://www.linkedin.com/feed/', spaPage(PEOPLE));
    await page.goto('https://www.linkedin.com/feed/');
    await page.waitForTimeout(300);
    // Off profiles: the watcher only, no DOM of ours.
    await expect(page.locator('kith-sidebar')).toHaveCount(0);

    const go = (path: string, delay: number) =>
      page.evaluate(([p, d]) => {
        const at = Date.now();
        (window as unknown as { go: (p: string, d?: number) => void }).go(p, d);
        return at;
      }, [path, delay] as const);
    await go('/in/anna-nowak/', 50);
    const kith = await sidebarFrame(page);
    const tab = kith.getByRole('button', { name: 'Open Kith' });
    const anna = kith.getByRole('complementary', { name: 'Kith: Anna Nowak' });
    await expect(tab.or(anna)).toBeVisible();
    if (await tab.isVisible()) await tab.click();
    await expect(anna).toBeVisible();

    // Record the names the sidebar shows, inside its frame, while the page moves to Bob slowly.
    await kith.evaluate(() => {
      const seen: { at: number; label: string }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const label = document.querySelector('aside')?.getAttribute('aria-label');
        if (label) seen.push({ at: Date.now(), label });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // One machine, one clock: what the frame showed from the moment the page's URL was Bob's.
    const movedAt = await go('/in/bob-stone/', 400);
    await expect(kith.getByRole('complementary', { name: 'Kith: Bob Stone' })).toBeVisible();
    const seen = await kith.evaluate(() => (window as unknown as { seen: { at: number; label: string }[] }).seen);
    expect(seen.map((s) => s.label)).toContain('Kith: Bob Stone');
    expect(seen.filter((s) => s.at >= movedAt && s.label.includes('Anna'))).toEqual([]);

    // Off profiles: no frame, no element of ours.
    await go('/search/results/?q=x', 10);
    await expect(page.locator('kith-sidebar')).toHaveCount(0);
    await expect.poll(() => page.frames().filter((f) => f.url().includes('/sidebar.html')).length).toBe(0);

    await go('/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87/', 10);
    await expect(await sidebarIn(page, 'Łukasz Żółć')).toBeVisible();
  });

  test('two tabs on one person: a change in one shows in the other, and saving at once loses nothing', async ({ context }) => {
    const a = await context.newPage();
    const b = await context.newPage();
    const sa = await openSidebar(a, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
    const sb = await openSidebar(b, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
    await sa.getByRole('button', { name: 'Record encounter' }).click();
    await sb.getByRole('button', { name: 'Record encounter' }).click();
    await sa.getByLabel('Note').fill('from tab A');
    await sb.getByLabel('Note').fill('from tab B');
    await Promise.all([sa.getByRole('button', { name: 'Save encounter' }).click(), sb.getByRole('button', { name: 'Save encounter' }).click()]);
    for (const s of [sa, sb]) {
      await expect(s.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(2);
    }
    await sa.getByLabel('Add tag').fill('vc');
    await sa.getByLabel('Add tag').press('Enter');
    await expect(sb.getByRole('list', { name: 'Tags' })).toContainText('vc');

    // Different fields edited at once in the two tabs: each edit lands, neither clobbers the other.
    await Promise.all([
      sa.getByLabel('Notes').fill('Notes typed in tab A'),
      (async () => {
        await sb.getByLabel('Add tag').fill('angel');
        await sb.getByLabel('Add tag').press('Enter');
      })(),
    ]);
    await sa.getByLabel('Notes').blur();
    await expect(sa.getByRole('list', { name: 'Tags' })).toContainText('angel');
    await expect(sb.getByLabel('Notes')).toHaveValue('Notes typed in tab A');
    await a.reload();
    const again = await sidebarIn(a, 'Anna Nowak');
    await expect(again.getByLabel('Notes')).toHaveValue('Notes typed in tab A');
    await expect(again.getByRole('list', { name: 'Tags' })).toContainText('vc');
    await expect(again.getByRole('list', { name: 'Tags' })).toContainText('angel');
  });
});

for (const [title, dir] of [
  ['real saved LinkedIn pages', SHARED_PAGES],
  ['our own LinkedIn fixture pages', OWN_PAGES],
] as const) {
  test.describe(title, () => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
      string,
      { served_at: string; name: string | null; headline: string | null; readable?: boolean }
    >;
    for (const [file, want] of Object.entries(expected)) {
      if (want.readable === false) continue;
      test(`${file}: the sidebar shows the person, as text`, async ({ context, page }) => {
        const html = readFileSync(join(dir, file), 'utf8');
        const served = want.served_at.replace(/\/$/, '');
        await serve(context, (url) => url.href === served || url.href === `${served}/`, html);
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        const sidebar = await openSidebar(page, want.served_at, want.name!.replace(/\s+/g, ' ').slice(0, 200));
        if (want.headline) await expect(sidebar.getByText(want.headline.slice(0, 100))).toBeVisible();
        // Markup in the page's text stays text inside Kith: no element of it exists in the sidebar's
        // document (Kith's own scripts are in its head).
        const kith = await sidebarFrame(page);
        expect(await kith.evaluate(() => document.body.querySelectorAll('script, b, a[href^="javascript"], img[src="x"]').length)).toBe(0);
        expect(dialogs).toEqual([]);
      });
    }
  });
}

test('when the page cannot be read, Kith works from the URL and asks for the name', async ({ context, page }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\/zofia-wojcik-77/, readFileSync(join(OWN_PAGES, 'f_unreadable_markup_changed.html'), 'utf8'));
  await page.goto('https://www.linkedin.com/in/zofia-wojcik-77/');
  const kith = await sidebarFrame(page);
  const tab = kith.getByRole('button', { name: 'Open Kith' });
  const sidebar = kith.getByRole('complementary', { name: /Kith/ });
  await expect(tab.or(sidebar)).toBeVisible();
  if (await tab.isVisible()) await tab.click();
  await expect(sidebar.getByText(/Kith could not read this page/)).toBeVisible();
  const record = sidebar.getByRole('button', { name: 'Record encounter' });
  await expect(record).toBeDisabled();
  await sidebar.getByLabel('Name').fill('Zofia Wójcik');
  await record.click();
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(kith.getByRole('complementary', { name: 'Kith: Zofia Wójcik' }).getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(await sidebarIn(page, 'Zofia Wójcik')).toBeVisible();
});
