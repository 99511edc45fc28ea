import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The targets Chromium has of Kith's side panel page (Playwright does not attach the side panel, CDP lists it). */
async function sidePanelTargets(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
  await cdp.detach();
  return targetInfos.map((t) => t.url).filter((u) => /^chrome-extension:\/\/[^/]+\/sidepanel\.html/.test(u));
}

test('the toolbar popup opens Kith in the browser\'s side panel, and closes itself', async ({ openExtensionPage, page }) => {
  const popup = await openExtensionPage('popup.html');
  expect(await sidePanelTargets(page)).toEqual([]);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Side panel' }).click();
  await expect.poll(() => sidePanelTargets(page)).toHaveLength(1);
  await closed;
});
