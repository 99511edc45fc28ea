/**
 * What the benchmark's browsers are served instead of the network: the saved real LinkedIn page, the
 * SPA fixture that navigates in-app between stored people, and a page of a site Kith does not support.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spaPage, type SpaPerson } from '../../tests/e2e/spa-page.ts';
import { BenchError, serve, type Browser } from './browser.ts';
import { ROOT } from './config.ts';

const REAL_PAGES = resolve(ROOT, '../shared/fixtures/real-pages');
export const REAL_PAGE = '09_linkedin_loggedin_2024-07_eduardo-alvarez-nowak.html';
/** People of the SPA fixture; all stored, so the sidebar fills with each after a navigation. */
export const SPA_PEOPLE: SpaPerson[] = [
  { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', company: 'Acme' },
  { slug: 'łukasz-żółć', name: 'Łukasz Żółć', headline: 'Inżynier at Booksy' },
  { slug: 'bob-stone', name: 'Bob Stone', headline: 'Founder of Stone Labs', company: 'Stone Labs' },
  { slug: 'zoë-ångström', name: 'Zoë Ångström', headline: 'Head of Partnerships at Spotify | Mentor | Speaker' },
];

/** The saved LinkedIn page the page loads measure, with the name and key it shows. */
export interface RealPage {
  html: string;
  url: string;
  name: string;
  slug: string;
}

export function realPage(): RealPage {
  const file = join(REAL_PAGES, REAL_PAGE);
  if (!existsSync(file)) throw new BenchError(`the saved LinkedIn pages are missing: ${REAL_PAGES} (they sit beside this checkout)`);
  const expected = JSON.parse(readFileSync(join(REAL_PAGES, 'expected.json'), 'utf8'))[REAL_PAGE] as { served_at: string; name: string; key: string };
  return { html: readFileSync(file, 'utf8'), url: expected.served_at, name: expected.name, slug: expected.key };
}

export const UNSUPPORTED_URL = 'https://example.com/';
const UNSUPPORTED_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Domain</title></head>
<body><main><h1>Example Domain</h1><p>This domain is for use in illustrative examples in documents.</p>
<p><a href="https://www.iana.org/domains/example">More information...</a></p></main></body></html>`;

export async function serveFixtures(b: Browser, page: RealPage): Promise<void> {
  const served = page.url.replace(/\/$/, '');
  await serve(b.context, (u) => u.href === served || u.href === `${served}/`, page.html);
  await serve(b.context, (u) => u.hostname === 'www.linkedin.com' && /^\/(feed|search|in)\//.test(u.pathname) && !u.href.startsWith(served), spaPage(SPA_PEOPLE));
  await serve(b.context, (u) => u.href === UNSUPPORTED_URL, UNSUPPORTED_HTML);
}
