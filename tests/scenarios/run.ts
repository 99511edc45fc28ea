import type { KithBrowser, Scenario } from './driver';
import { assert } from './assert';

/** Runs one scenario; then nothing may have gone wrong in Kith's background along the way. */
export async function runScenario(scenario: Scenario, browser: KithBrowser): Promise<void> {
  await scenario.run(browser);
  assert.deepEqual(await browser.backgroundErrors(), [], `${browser.name}: errors in Kith's background`);
}
