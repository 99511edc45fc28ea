/**
 * The shared browser scenarios (tests/scenarios) in Chromium, through a Playwright implementation of
 * the scenario driver. The same scenarios run in Firefox with tests/firefox/driver.ts
 * (`npm run test:firefox`).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Locator, Page, Worker } from '@playwright/test';
import { findSidebarFrame, launch, removeDir, serviceWorker, sidebarFrame, test } from './fixtures';
import type { KithBrowser, Route, Scenario, Tab, Target } from '../scenarios/driver';
import { sidebarScenarios } from '../scenarios/sidebar';
import { pageScenarios } from '../scenarios/pages';
import { popupScenarios } from '../scenarios/popup';
import { optionsScenarios } from '../scenarios/options';
import { networkScenarios } from '../scenarios/network';
import { siteScenarios } from '../scenarios/sites';
import { drillScenarios } from '../scenarios/drill';
import { everydayScenarios } from '../scenarios/everyday';
import { privateScenarios } from '../scenarios/private';
import { runScenario } from '../scenarios/run';

class ChromiumTab implements Tab {
  readonly dialogs: string[] = [];
  constructor(
    readonly page: Page,
    private readonly command: (name: string) => Promise<void>,
  ) {
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.dismiss().catch(() => undefined);
    });
  }

  async goto(url: string) {
    await this.page.goto(url);
  }
  async reload() {
    await this.page.reload();
  }
  async url() {
    return this.page.url();
  }
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }

  private onWebPage() {
    return /^https?:/.test(this.page.url());
  }

  /**
   * Kith's own document: on a web page, its sidebar's frame (Playwright reaches the frame, not the
   * closed shadow root around it), waited for when `wait`, else null while there is none; on Kith's
   * pages, the page.
   */
  private async kith(wait: boolean): Promise<Page | Frame | null> {
    if (!this.onWebPage()) return this.page;
    return wait ? sidebarFrame(this.page, 5000) : (findSidebarFrame(this.page) ?? null);
  }

  evaluateInKith<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.kith(true).then((k) => k!.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>);
  }

  /** The target in Kith's own UI (null: Kith shows nothing on this page now). */
  async locate(t: Target, wait: boolean): Promise<Locator | null> {
    const scope = t.within ? (await this.locate(t.within, wait))?.first() : await this.kith(wait);
    return scope ? scope.getByRole(t.role, t.name === undefined ? {} : { name: t.name, exact: true }) : null;
  }

  /** The first match, for an action (Playwright then waits for it to be there and ready). */
  private async target(t: Target): Promise<Locator> {
    return (await this.locate(t, true))!.first();
  }

  async click(t: Target) {
    await (await this.target(t)).click();
  }
  async fill(t: Target, value: string) {
    await (await this.target(t)).fill(value);
  }
  async type(t: Target, text: string) {
    await (await this.target(t)).pressSequentially(text, { delay: 5 });
  }
  async press(t: Target, key: string) {
    await (await this.target(t)).press(key);
  }
  async select(t: Target, label: string) {
    await (await this.target(t)).selectOption({ label });
  }
  async upload(selector: string, path: string) {
    await this.page.locator(selector).setInputFiles(path);
  }
  async download(t: Target) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.click(t)]);
    return { filename: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }
  async shortcut(command: string) {
    await this.page.bringToFront();
    await this.command(command);
  }
  async count(t: Target) {
    return (await (await this.locate(t, false))?.count()) ?? 0;
  }
  async texts(t: Target) {
    return ((await (await this.locate(t, false))?.allTextContents()) ?? []).map((s) => s.trim());
  }
  async value(t: Target) {
    const el = (await this.locate(t, false))?.first();
    if (!el || (await el.count()) === 0) return null;
    return (await el.getAttribute('type')) === 'checkbox' ? String(await el.isChecked()) : el.inputValue();
  }
  async attribute(t: Target, name: string) {
    const el = (await this.locate(t, false))?.first();
    return !el || (await el.count()) === 0 ? null : el.getAttribute(name);
  }
  async close() {
    await this.page.close();
  }
}

class ChromiumKith implements KithBrowser {
  readonly name = 'chromium' as const;
  private readonly routes: Route[] = [];
  private errors: string[] = [];
  private constructor(
    private readonly dir: string,
    private context: BrowserContext,
    private worker: Worker,
  ) {
    this.listen();
  }

  static async launch(): Promise<ChromiumKith> {
    const dir = mkdtempSync(join(tmpdir(), 'kith-scenario-'));
    const context = await launch(dir);
    return new ChromiumKith(dir, context, await serviceWorker(context));
  }

  private listen() {
    this.worker.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  private async route(r: Route) {
    // Later routes win, as in the Firefox driver.
    await this.context.route(r.url, (route) =>
      route.fulfill({ status: 200, contentType: r.contentType ?? 'text/html; charset=utf-8', body: Buffer.from(r.body) }),
    );
  }

  async serve(r: Route) {
    this.routes.push(r);
    await this.route(r);
  }
  async open(url: string) {
    const tab = new ChromiumTab(await this.context.newPage(), this.command);
    await tab.goto(url);
    return tab;
  }
  async openExtensionPage(path: string) {
    const tab = new ChromiumTab(await this.context.newPage(), this.command);
    await tab.goto(`chrome-extension://${new URL(this.worker.url()).host}/${path}`);
    return tab;
  }
  async restart() {
    await this.context.close();
    this.context = await launch(this.dir);
    this.worker = await serviceWorker(this.context);
    this.errors = [];
    this.listen();
    for (const r of this.routes) await this.route(r);
  }
  /**
   * Headless Chromium cannot press an extension's shortcut: the background's commands.onCommand gets
   * the command as Chromium would send it on the keys (with the active tab), after checking that the
   * manifest's command has its keys.
   */
  private readonly command = async (name: string) => {
    await this.worker.evaluate(async (n) => {
      const command = (await chrome.commands.getAll()).find((c) => c.name === n);
      if (!command?.shortcut) throw new Error(`no keys for the command ${n}`);
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      (chrome.commands.onCommand as unknown as { dispatch(name: string, tab?: chrome.tabs.Tab): void }).dispatch(n, tab);
    }, name);
  };
  async backgroundErrors() {
    return [...this.errors];
  }
  async close() {
    await this.context.close();
    removeDir(this.dir);
  }
}

const all: Scenario[] = [
  ...sidebarScenarios,
  ...pageScenarios,
  ...popupScenarios,
  ...optionsScenarios,
  ...networkScenarios,
  ...siteScenarios,
  ...privateScenarios,
  ...everydayScenarios,
  ...drillScenarios,
];

test.describe('shared scenarios', () => {
  for (const scenario of all) {
    test(scenario.name, async () => {
      if (scenario.timeout) test.setTimeout(scenario.timeout);
      const chromium = await ChromiumKith.launch();
      try {
        await runScenario(scenario, chromium);
      } finally {
        await chromium.close();
      }
    });
  }
});
