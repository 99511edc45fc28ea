import type { Page } from '@playwright/test';
import { expect, serve, sidebarFrame, test } from './fixtures';

/**
 * Hostile profile pages: each is a LinkedIn-like profile whose text, photo or scripts attack. Kith must
 * run none of the page's markup, show text literally, store capped and clean values, and keep the
 * sidebar working or absent, never broken. A script that would run sets window.__pwned (or opens a
 * dialog), which every test checks.
 */
interface Hostile {
  title: string;
  name?: string;
  headline?: string;
  photo?: string;
  /** Extra markup in <head> (page scripts and styles). */
  head?: string;
  /** What the sidebar's accessible name must contain, or null when the sidebar may be absent. */
  expectName?: string | null;
}

const BIG = 'A'.repeat(100_000);
const PWN = "window.__pwned = (window.__pwned || 0) + 1";

const CASES: Hostile[] = [
  { title: 'script tag in the name', name: `Mallory <script>${PWN}</script>`, expectName: 'Mallory <script>' },
  { title: 'img onerror in the name', name: `<img src=x onerror="${PWN}">Eve`, expectName: 'Eve' },
  { title: 'svg onload in the headline', headline: `<svg onload="${PWN}"></svg>Boss` },
  { title: 'iframe srcdoc in the headline', headline: `<iframe srcdoc="<script>parent.${PWN}</script>"></iframe>CTO` },
  { title: 'javascript: photo URL', photo: `javascript:${PWN}` },
  { title: 'data: SVG photo with script', photo: `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"/>` },
  { title: 'photo on a host that is not LinkedIn’s CDN', photo: 'https://evil.example/track.png' },
  { title: '100 KB name', name: `Long${BIG}`, expectName: 'LongAAAA' },
  { title: '100 KB headline', headline: `Head${BIG}` },
  { title: 'right-to-left override in the name', name: 'Anna \u202Ekawon\u202C Nowak', expectName: 'Anna kawon Nowak' },
  { title: 'zero-width characters in the name', name: 'An\u200Bna\u200D No\uFEFFwak', expectName: 'Anna Nowak' },
  // The page breaks its own built-ins: Kith runs in its own world and must not notice.
  { title: 'page redefines window.fetch', head: `<script>window.fetch = () => { throw new Error('no fetch'); };</script>` },
  { title: 'page redefines Array.prototype', head: `<script>Array.prototype.map = function () { throw new Error('no map'); }; Array.prototype.push = function () { throw new Error('no push'); };</script>` },
  { title: 'page redefines customElements', head: `<script>customElements.define = function () { throw new Error('no'); }; window.customElements.get = () => { throw new Error('no'); };</script>` },
  { title: 'page redefines attachShadow and MutationObserver', head: `<script>Element.prototype.attachShadow = function () { throw new Error('no shadow'); }; window.MutationObserver = function () { throw new Error('no observer'); };</script>` },
  { title: 'page restyles the sidebar host', head: '<style>kith-sidebar { all: unset !important; position: static !important; filter: blur(5px) !important; font-size: 80px !important; color: red !important; }</style>' },
  { title: 'page hides the sidebar host', head: '<style>kith-sidebar { display: none !important; visibility: hidden !important; }</style>' },
  { title: 'page removes the sidebar host', head: `<script>new MutationObserver(() => document.querySelectorAll('kith-sidebar').forEach((e) => e.remove())).observe(document.documentElement, { childList: true, subtree: true });</script>`, expectName: null },
  { title: 'page posts fake Kith messages', head: `<script>setInterval(() => { window.postMessage({ kith: 'data.deleteAll', payload: { confirm: 'DELETE' } }, '*'); window.postMessage({ kithToggleSidebar: true }, '*'); }, 20);</script>` },
  { title: 'page fakes the chrome.runtime API', head: `<script>window.chrome = { runtime: { id: 'x', sendMessage: () => { ${PWN}; } } }; window.browser = window.chrome;</script>` },
  { title: 'thousands of headings before the profile', head: `<script>document.addEventListener('DOMContentLoaded', () => { for (let i = 0; i < 3000; i++) { const h = document.createElement('h1'); h.textContent = 'Ad ' + i; document.body.prepend(h); } });</script>` },
  { title: 'name made only of invisible characters', name: '\u200B\u200C\u202E\uFEFF', expectName: 'Kith' },
];

function page(c: Hostile): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const name = c.name ?? 'Anna Nowak';
  const headline = c.headline ?? 'Head of Partnerships';
  const photo = c.photo ?? 'https://media.licdn.com/dms/image/anna/profile-displayphoto-shrink_400_400/0/1';
  return `<!doctype html><html><head><meta charset="utf-8"><title>LinkedIn</title>${c.head ?? ''}</head><body>
<main><section class="artdeco-card"><img alt="${esc(name)}" src="${esc(photo)}" class="pv-top-card-profile-picture__image">
<h1 class="text-heading-xlarge">${esc(name)}</h1><div class="text-body-medium">${esc(headline)}</div>
<a href="/in/hostile/overlay/contact-info/">Contact info</a></section></main></body></html>`;
}

async function checkNoScriptRan(p: Page, dialogs: string[]) {
  expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  expect(dialogs).toEqual([]);
}

for (const c of CASES) {
  test(`hostile page: ${c.title}`, async ({ context, openExtensionPage }) => {
    const photoRequests: string[] = [];
    context.on('request', (r) => {
      if (r.serviceWorker()) photoRequests.push(r.url());
    });
    await serve(context, /^https:\/\/www\.linkedin\.com\/in\/hostile/, page(c));
    const p = await context.newPage();
    const dialogs: string[] = [];
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await p.goto('https://www.linkedin.com/in/hostile/');
    if (c.expectName === null) {
      // The page may remove Kith: then Kith is absent, and nothing else breaks.
      await p.waitForTimeout(500);
      await expect(p.locator('kith-sidebar')).toHaveCount(0);
      await checkNoScriptRan(p, dialogs);
      return;
    }
    // Whatever the page does to the host, the page sees no more of Kith than a closed shadow root.
    await expect(p.locator('kith-sidebar')).toHaveCount(1);
    expect(await p.locator('kith-sidebar').evaluate((h) => h.shadowRoot)).toBeNull();
    const kith = await sidebarFrame(p);
    await kith.getByRole('button', { name: 'Open Kith' }).click();
    const sidebar = kith.getByRole('complementary', { name: new RegExp(`Kith`) });
    await expect(sidebar).toBeVisible();
    // What the user sees: the open frame on the page's edge, at its full width, however the page styles the host.
    await expect.poll(async () => (await (await kith.frameElement()).boundingBox())?.width).toBe(320);
    expect(await (await kith.frameElement()).isVisible()).toBe(true);
    if (c.expectName) await expect(sidebar).toHaveAccessibleName(new RegExp(escapeRegExp(c.expectName)));
    // Nothing from the page became an element inside Kith (its own scripts are in its document's head).
    expect(await kith.evaluate(() => document.body.querySelectorAll('script, iframe, svg, img[src="x"], a[href^="javascript"]').length)).toBe(0);
    const img = await kith.evaluate(() => document.querySelector('header img')?.getAttribute('src') ?? null);
    if (img !== null) expect(img).toMatch(/^(https:\/\/media\.licdn\.com\/|data:image\/jpeg;base64,)/);

    // Saving still works (when there is a name to save), and what is stored is clean and capped.
    const record = sidebar.getByRole('button', { name: 'Record encounter' });
    if (c.expectName === 'Kith') {
      await sidebar.getByLabel('Name').fill('Typed Name');
    }
    await record.click();
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(1);
    const ext = await openExtensionPage('popup.html');
    const stored = (await ext.evaluate(() => chrome.runtime.sendMessage({ kith: 'person.lookup', payload: { keys: ['linkedin:hostile'] } }))) as {
      ok: boolean;
      value: { person: { name: string; headline?: string } };
    };
    expect(stored.ok).toBe(true);
    const person = stored.value.person;
    expect(person.name.length).toBeLessThanOrEqual(200);
    expect(person.headline?.length ?? 0).toBeLessThanOrEqual(400);
    expect(person.name + (person.headline ?? '')).not.toMatch(/[\u200B-\u200F\u202A-\u202E\uFEFF]/);
    // The background fetched a photo only from LinkedIn's CDN.
    for (const url of photoRequests) expect(url).toMatch(/^https:\/\/media\.licdn\.com\//);
    await checkNoScriptRan(p, dialogs);
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
