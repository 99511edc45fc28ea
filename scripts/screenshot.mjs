// Makes docs/sidebar.png for the README: the built extension on a LinkedIn-like profile page, with one
// encounter recorded. Run after `npm run build`: `node scripts/screenshot.mjs`.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ext = resolve('.output/chrome-mv3');
const dir = mkdtempSync(join(tmpdir(), 'kith-shot-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 760 },
  args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
await context.route(/^https?:\/\//, (r) => r.abort());
await context.route(/linkedin\.com\/in\//, (r) =>
  r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Anna Nowak | LinkedIn</title><style>body{font:16px system-ui;margin:0;background:#f4f2ee}header{background:#fff;height:52px;border-bottom:1px solid #ddd}main{max-width:700px;margin:24px 0 0 60px;background:#fff;border-radius:8px;padding:24px;min-height:400px}h1{margin:80px 0 4px}</style></head>
<body><header></header><main><section><h1>Anna Nowak</h1><div class="text-body-medium">Head of Partnerships at Acme · Climate tech</div>
<button aria-label="Current company: Acme">Acme</button><p>Warsaw, Mazowieckie, Poland · <a href="/in/anna-nowak/overlay/contact-info/">Contact info</a></p></section></main></body></html>`,
  }),
);
const page = await context.newPage();
await page.goto('https://www.linkedin.com/in/anna-nowak/');
await page.getByRole('button', { name: 'Open Kith' }).click();
const sidebar = page.getByRole('complementary', { name: /Kith/ });
await sidebar.getByRole('button', { name: 'Record encounter' }).click();
await sidebar.getByLabel('Place').fill('Warsaw');
await sidebar.getByLabel('Event', { exact: true }).fill('Grow Up Start Up');
await sidebar.getByLabel('Introduced by').fill('Piotr Zieliński');
await sidebar.getByLabel('Note').fill('Wants the pilot deck; sails on the Masurian lakes.');
await sidebar.getByRole('button', { name: 'Save encounter' }).click();
await sidebar.getByLabel('Add tag').fill('partner');
await sidebar.getByLabel('Add tag').press('Enter');
await sidebar.getByLabel('Add tag').fill('climate');
await sidebar.getByLabel('Add tag').press('Enter');
await page.waitForTimeout(300);
await page.screenshot({ path: 'docs/sidebar.png' });
await context.close();
rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
