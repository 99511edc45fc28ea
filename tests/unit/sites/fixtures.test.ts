// @vitest-environment node
// Every adapter against the pages written for it (tests/fixtures/<site>/*.html + expected.json, the same
// shape as tests/fixtures/linkedin). The adapters must not touch globals: in this environment there is
// no `document` or `window`, so any use of them throws. Pages are parsed with jsdom and passed in.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { github } from '../../../utils/sites/github';
import { mastodon } from '../../../utils/sites/mastodon';
import type { SiteAdapter } from '../../../utils/sites/types';
import { x } from '../../../utils/sites/x';
import { xing } from '../../../utils/sites/xing';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures');

interface Expected {
  served_at: string;
  /** The key without its site prefix; null when the page is not a person's (no key at all). */
  key: string | null;
  name: string | null;
  headline: string | null;
  location: string | null;
  company: string | null;
  photo: string | null;
  readable?: boolean;
}

const load = (site: string, file: string, url: string) =>
  new JSDOM(fs.readFileSync(path.join(FIXTURES, site, file), 'utf8'), { url }).window.document;

const expected = (site: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, site, 'expected.json'), 'utf8')) as Record<string, Expected>;

const SITES: [SiteAdapter, number][] = [
  [github, 4],
  [x, 3],
  [xing, 2],
  [mastodon, 5],
];

describe.each(SITES.map(([a, n]) => [a.id, a, n] as const))('%s fixtures', (site, adapter, count) => {
  const pages = expected(site);

  it(`has ${count} pages, each listed in expected.json`, () => {
    expect(Object.keys(pages)).toHaveLength(count);
    const files = fs.readdirSync(path.join(FIXTURES, site)).filter((f) => f.endsWith('.html'));
    expect(files.sort()).toEqual(Object.keys(pages).sort());
  });

  it.each(Object.entries(pages))('%s', (file, want) => {
    const doc = load(site, file, want.served_at);
    const url = new URL(want.served_at);
    const got = adapter.extract(doc, url);
    const key = want.key === null ? null : `${site}:${want.key}`;
    expect(got.site).toBe(site);
    expect(got.keys).toEqual(key ? [key] : []);
    expect(got.url).toBe(key ? adapter.keyToUrl(key) : '');
    expect(got.name).toBe(want.name ?? undefined);
    expect(got.headline).toBe(want.headline ?? undefined);
    expect(got.location).toBe(want.location ?? undefined);
    expect(got.company).toBe(want.company ?? undefined);
    expect(got.photoUrl).toBe(want.photo ?? undefined);
    expect(got.readable).toBe(want.readable ?? true);
    // Fields the page does not show are absent, not empty strings (url is '' only when there is no key).
    for (const [k, v] of Object.entries(got)) if (k !== 'url' || key) expect(v, k).not.toBe('');
    // The page shows the person at its own URL once it has a name...
    expect(adapter.pageShows(doc, url)).toBe(want.name !== null);
    // ...and not the person at another URL of the same site.
    const other = new URL(adapter.keyToUrl(`${site}:${site === 'mastodon' ? 'someone@mastodon.example.pl' : 'someone'}`)!);
    expect(adapter.pageShows(doc, other)).toBe(false);
  });

  it('runs without document or window (pure)', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  });
});
