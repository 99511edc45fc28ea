/**
 * `--profile` during a run: a source-mapped build to read the profiles with, the CPU profiles the phases
 * record (the service worker's, and the content script's on a page load), and the notes summarising
 * their hottest functions, written to DIR/profiles/summary.txt at the end.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { TargetSession, type Browser } from './browser.ts';
import { MAPS_BUILD, PROFILES, ROOT } from './config.ts';
import { cpuProfile, describeHot, hottest, saveProfile, sourceMapper } from './profile.ts';
import { sidebarFrame } from './pages.ts';
import { build } from './session.ts';

export const profileNotes: string[] = [];

let mapper: Awaited<ReturnType<typeof sourceMapper>> = () => undefined;

/** Builds the source-mapped copy the profiles are read with, and makes their folder. */
export async function startProfiling(): Promise<void> {
  build(MAPS_BUILD, true);
  mapper = await sourceMapper(resolve(ROOT, MAPS_BUILD, 'chrome-mv3'));
  mkdirSync(PROFILES, { recursive: true });
}

/** Records a CPU profile of the service worker while `run` runs, saves it and logs its hottest functions. */
export async function profileWorker(b: Browser, page: Page, name: string, title: string, run: () => Promise<void>): Promise<void> {
  const session = await TargetSession.worker(b, page);
  try {
    const profile = await cpuProfile((m, p) => session.send(m, p), run);
    saveProfile(PROFILES, name, profile);
    const text = describeHot(`${title} (service worker; ${name}.cpuprofile)`, hottest(profile, mapper, (url) => url.startsWith('chrome-extension://')));
    profileNotes.push(text);
    console.log(text);
  } finally {
    await session.detach();
  }
}

/** Records a CPU profile of one page load (the content script's share of it: the page's process, not Kith's frame). */
export async function profilePageLoad(b: Browser, url: string, want: string | null, name: string, title: string): Promise<void> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    const profile = await cpuProfile((m, p) => cdp.send(m as 'Profiler.enable', p), async () => {
      await page.goto(url, { waitUntil: 'load' });
      // Kith's frame shows the stored person (its tab reads "✓ Kith"), read inside the frame.
      if (want) await (await sidebarFrame(page)).waitForFunction(() => document.querySelector('.kith-tab')?.textContent?.startsWith('✓'), null, { timeout: 20_000 });
      await page.waitForTimeout(300);
    }, 50);
    saveProfile(PROFILES, name, profile);
    const text = describeHot(`${title} (${name}.cpuprofile)`, hottest(profile, mapper, (u) => u.startsWith('chrome-extension://')));
    profileNotes.push(text);
    console.log(text);
  } finally {
    await page.close();
  }
}
