// @vitest-environment node
// The XING adapter: URL rules, keys, and what it reads from pages. The fixture pages themselves are
// checked against expected.json in fixtures.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { xing, xingKeyFromUrl } from '../../../utils/sites/xing';
import { CAPS } from '../../../utils/text';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../../fixtures/xing');
const A = 'a_loggedin_2024.html';
const A_URL = 'https://www.xing.com/profile/J%C3%BCrgen_M%C3%BCller';

const key = (u: string) => xing.profileKey(new URL(u));
const load = (file: string, url = A_URL) => new JSDOM(fs.readFileSync(path.join(DIR, file), 'utf8'), { url }).window.document;
const html = (body: string, url = 'https://www.xing.com/profile/Anna_Nowak') => new JSDOM(body, { url }).window.document;
const ANNA = new URL('https://www.xing.com/profile/Anna_Nowak');

describe('profileKey', () => {
  it.each([
    ['https://www.xing.com/profile/Anna_Nowak', 'xing:anna_nowak'],
    ['https://www.xing.com/profile/Anna_Nowak/', 'xing:anna_nowak'],
    ['https://xing.com/profile/Anna_Nowak', 'xing:anna_nowak'],
    ['http://www.xing.com/profile/Anna_Nowak', 'xing:anna_nowak'],
    ['https://www.xing.com/profile/Anna_Nowak?sc_o=da980_e&sc_p=search', 'xing:anna_nowak'],
    ['https://www.xing.com/profile/Anna_Nowak#about', 'xing:anna_nowak'],
    ['https://www.xing.com/profile/Anna_Nowak042', 'xing:anna_nowak042'],
    ['https://www.xing.com/profile/HansPeter_MuellerLuedenscheid', 'xing:hanspeter_muellerluedenscheid'],
    ['https://www.xing.com/profile/Hans-Peter_Mueller', 'xing:hans-peter_mueller'],
    // the CV tab is the same person
    ['https://www.xing.com/profile/Anna_Nowak/cv', 'xing:anna_nowak'],
    ['https://www.xing.com/profile/Anna_Nowak/cv/', 'xing:anna_nowak'],
    // percent-encoded and non-ASCII slugs: decoded, NFC, lower-cased
    ['https://www.xing.com/profile/J%C3%BCrgen_M%C3%BCller', 'xing:jürgen_müller'],
    ['https://www.xing.com/profile/J%C3%9CRGEN_M%C3%9CLLER', 'xing:jürgen_müller'],
    ['https://www.xing.com/profile/j%c3%bcrgen_m%c3%bcller', 'xing:jürgen_müller'],
    ['https://www.xing.com/profile/Jürgen_Müller', 'xing:jürgen_müller'],
    // "ü" written as u + combining diaeresis (NFD) becomes the single NFC code point
    ['https://www.xing.com/profile/Ju%CC%88rgen_Mu%CC%88ller', 'xing:jürgen_müller'],
  ])('%s -> %s', (url, want) => {
    expect(key(url)).toBe(want);
    expect(xing.isProfileUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://www.xing.com/',
    'https://www.xing.com/profile',
    'https://www.xing.com/profile/',
    'https://www.xing.com/profile//',
    // other sub-pages: not a profile view we know
    'https://www.xing.com/profile/Anna_Nowak/activities',
    'https://www.xing.com/profile/Anna_Nowak/contacts',
    'https://www.xing.com/profile/Anna_Nowak/cv/extra',
    // XING's other pages
    'https://www.xing.com/jobs',
    'https://www.xing.com/jobs/berlin-head-of-sales-123456',
    'https://www.xing.com/news',
    'https://www.xing.com/news/articles/some-article-123',
    'https://www.xing.com/companies/acmegmbh',
    'https://www.xing.com/pages/acme-gmbh',
    'https://www.xing.com/search/members?keywords=anna',
    'https://www.xing.com/communities/groups/berlin-1234',
    'https://www.xing.com/events/meetup-123',
    'https://www.xing.com/startpage',
    'https://www.xing.com/notifications',
    'https://www.xing.com/profiles/Anna_Nowak',
    // not slugs
    'https://www.xing.com/profile/%E0%A4%A',
    'https://www.xing.com/profile/%C5',
    'https://www.xing.com/profile/Anna%2FNowak',
    'https://www.xing.com/profile/Anna%20Nowak',
    'https://www.xing.com/profile/Anna%E2%80%AENowak',
    'https://www.xing.com/profile/..',
    `https://www.xing.com/profile/${'a'.repeat(400)}`,
    // not xing.com
    'https://login.xing.com/profile/Anna_Nowak',
    'https://www.xing.com.evil.com/profile/Anna_Nowak',
    'https://evilxing.com/profile/Anna_Nowak',
    'https://www.xing.de/profile/Anna_Nowak',
    'https://www.xing.com:8443/profile/Anna_Nowak',
    'ftp://www.xing.com/profile/Anna_Nowak',
    'https://www.linkedin.com/profile/Anna_Nowak',
  ])('rejects %s', (url) => {
    expect(key(url)).toBeNull();
    expect(xing.isProfileUrl(new URL(url))).toBe(false);
  });

  it('exports the same function as xingKeyFromUrl', () => {
    expect(xingKeyFromUrl(new URL('https://xing.com/profile/Anna_Nowak/cv'))).toBe('xing:anna_nowak');
  });

  it('never throws, and agrees with isProfileUrl, for any path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('profile/', 'profile/a/', ''), (s, prefix) => {
        let url: URL;
        try {
          url = new URL(`https://www.xing.com/${prefix}${s}`);
        } catch {
          return;
        }
        const k = xing.profileKey(url);
        expect(xing.isProfileUrl(url)).toBe(k !== null);
        if (k) expect(k.length).toBeLessThanOrEqual(CAPS.key);
      }),
    );
  });
});

describe('keyToUrl', () => {
  it('builds canonical URLs', () => {
    expect(xing.keyToUrl('xing:anna_nowak')).toBe('https://www.xing.com/profile/anna_nowak');
    expect(xing.keyToUrl('xing:jürgen_müller')).toBe('https://www.xing.com/profile/j%C3%BCrgen_m%C3%BCller');
  });

  it.each(['', 'xing:', 'xing:a/b', 'xing:a b', 'xing:..', 'xing:Anna', 'linkedin:anna', 'xingx:anna', 'xing:\uD800'])('refuses %j', (k) => {
    expect(xing.keyToUrl(k)).toBeNull();
  });

  it('round-trips: the URL of a key has that key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (s) => {
        const k = key(`https://www.xing.com/profile/${encodeURIComponent(s)}`);
        if (k === null) return;
        const url = xing.keyToUrl(k);
        expect(url).not.toBeNull();
        expect(key(url!)).toBe(k);
      }),
    );
  });
});

describe('extract', () => {
  it('(a) never takes the viewer or the members in the sidebar', () => {
    const out = JSON.stringify(xing.extract(load(A), new URL(A_URL)));
    for (const other of ['Vera', 'Viewer', 'vvvv', 'Petra', 'Schmidt', 'Muster', 'Beispiel']) expect(out).not.toContain(other);
  });

  it('takes the company from the second occupation line when it is not a link', () => {
    const doc = html(
      '<main><section><h1>Anna Nowak</h1><div data-qa="profile-occupation-work_experience"><p>Head of Sales</p><p>Acme GmbH</p></div></section></main>',
    );
    const got = xing.extract(doc, ANNA);
    expect(got.headline).toBe('Head of Sales');
    expect(got.company).toBe('Acme GmbH');
  });

  it('falls back to og:title and og:image when the heading is gone, if the page says it is this profile', () => {
    const doc = load(A);
    doc.querySelector('main h1')!.remove();
    const got = xing.extract(doc, new URL(A_URL));
    expect(got.name).toBe('Jürgen Müller');
    expect(got.photoUrl).toBe(
      'https://profile-images.xing.com/images/4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a99-2/j%C3%BCrgen-m%C3%BCller.1024x1024.jpg',
    );
    // Without the canonical link and og:url the page no longer says whose the og tags are.
    doc.querySelector('link[rel=canonical]')!.remove();
    doc.querySelector('meta[property="og:url"]')!.remove();
    expect(xing.extract(doc, new URL(A_URL)).name).toBeUndefined();
  });

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'http://profile-images.xing.com/images/a.jpg',
    'https://www.xing.com/assets/frontend_minified/img/users/nobody_m.256x256.jpg',
    'https://profile-images.xing.com/images/nobody_f.jpg',
    'https://evilxing.com/images/a.jpg',
    'https://profile-images.xing.com.evil.com/images/a.jpg',
  ])('rejects the photo %s', (src) => {
    const doc = html(`<main><section><img alt="Anna Nowak" src="${src}"><h1>Anna Nowak</h1></section></main>`);
    expect(xing.extract(doc, ANNA).photoUrl).toBeUndefined();
  });

  it('keeps hostile text as literal, clean, capped text', () => {
    const doc = html(
      `<main><section><h1>&lt;script&gt;alert(1)&lt;/script&gt;\u202eAnna\u200b</h1><div data-qa="profile-occupation-work_experience"><p>${'B'.repeat(5000)}</p></div></section></main>`,
    );
    const got = xing.extract(doc, ANNA);
    expect(got.name).toBe('<script>alert(1)</script>Anna');
    expect(got.headline).toHaveLength(CAPS.headline);
  });

  it('gives no key and reads nothing on a URL that is not a profile', () => {
    expect(xing.extract(load(A), new URL('https://www.xing.com/jobs'))).toEqual({ site: 'xing', keys: [], url: '', readable: false });
  });
});

describe('pageShows', () => {
  it('is false, and reads nothing, while the canonical link names another profile', () => {
    const doc = load(A);
    expect(xing.pageShows(doc, new URL(A_URL))).toBe(true);
    expect(xing.pageShows(doc, ANNA)).toBe(false);
    expect(xing.extract(doc, ANNA)).toEqual({ site: 'xing', keys: ['xing:anna_nowak'], url: 'https://www.xing.com/profile/anna_nowak', readable: false });
  });

  it('accepts the same profile under another spelling of the URL', () => {
    expect(xing.pageShows(load(A), new URL('https://xing.com/profile/J%C3%9CRGEN_M%C3%9CLLER/cv?sc_o=x'))).toBe(true);
  });

  it('trusts the heading when the page names no profile at all', () => {
    const doc = html('<main><h1>Anna Nowak</h1></main>');
    expect(xing.pageShows(doc, ANNA)).toBe(true);
  });

  it('is false until a name is there', () => {
    expect(xing.pageShows(html('<main><div>Lädt…</div></main>'), ANNA)).toBe(false);
    expect(xing.pageShows(html('<header><h1>XING</h1></header><main></main>'), ANNA)).toBe(false);
  });
});
