// @vitest-environment node
// The X adapter: URL rules, keys, and what it reads from pages (never the viewer, never "Follows you").
// The fixture pages themselves are checked against expected.json in fixtures.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { x, xKeyFromUrl } from '../../../utils/sites/x';
import { CAPS } from '../../../utils/text';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../../fixtures/x');
const A = 'a_loggedin_follows_you_2024.html';
const A_URL = 'https://x.com/anna_nowak';

const key = (u: string) => x.profileKey(new URL(u));
const load = (file: string, url = A_URL) => new JSDOM(fs.readFileSync(path.join(DIR, file), 'utf8'), { url }).window.document;
const html = (body: string, url = A_URL) => new JSDOM(body, { url }).window.document;
/** A minimal name block: one [dir] element per line, as X renders them. */
const nameBlock = (...lines: string[]) =>
  html(`<main><div data-testid="UserName">${lines.map((l) => `<div dir="ltr"><span>${l}</span></div>`).join('')}</div></main>`);

describe('profileKey', () => {
  it.each([
    ['https://x.com/anna_nowak', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/', 'x:anna_nowak'],
    ['https://x.com/Anna_Nowak', 'x:anna_nowak'],
    ['https://twitter.com/anna_nowak', 'x:anna_nowak'],
    ['https://www.twitter.com/anna_nowak', 'x:anna_nowak'],
    ['https://mobile.twitter.com/anna_nowak', 'x:anna_nowak'],
    ['https://mobile.x.com/anna_nowak', 'x:anna_nowak'],
    ['http://twitter.com/anna_nowak', 'x:anna_nowak'],
    ['https://x.com/anna_nowak?lang=pl', 'x:anna_nowak'],
    ['https://x.com/anna_nowak#top', 'x:anna_nowak'],
    // tabs that keep the profile header on screen
    ['https://x.com/anna_nowak/with_replies', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/media', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/highlights', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/articles', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/likes', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/photo', 'x:anna_nowak'],
    ['https://x.com/anna_nowak/header_photo', 'x:anna_nowak'],
    // the edges of the handle rule
    ['https://x.com/a', 'x:a'],
    ['https://x.com/_', 'x:_'],
    ['https://x.com/123456789012345', 'x:123456789012345'],
    // real accounts whose names look like pages
    ['https://x.com/x', 'x:x'],
    ['https://x.com/twitter', 'x:twitter'],
    ['https://x.com/homes', 'x:homes'],
  ])('%s -> %s', (url, want) => {
    expect(key(url)).toBe(want);
    expect(x.isProfileUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://x.com/',
    'https://x.com',
    // posts and the lists of other people
    'https://x.com/anna_nowak/status/1790000000000000000',
    'https://x.com/anna_nowak/status/1790000000000000000/photo/1',
    'https://twitter.com/anna_nowak/status/1790000000000000000',
    'https://x.com/anna_nowak/followers',
    'https://x.com/anna_nowak/following',
    'https://x.com/anna_nowak/verified_followers',
    'https://x.com/anna_nowak/followers_you_follow',
    'https://x.com/anna_nowak/lists',
    'https://x.com/anna_nowak/communities',
    'https://x.com/anna_nowak/media/extra',
    // X's own pages
    'https://x.com/home',
    'https://x.com/explore',
    'https://x.com/explore/tabs/trending',
    'https://x.com/notifications',
    'https://x.com/messages',
    'https://x.com/messages/123-456',
    'https://x.com/i/bookmarks',
    'https://x.com/i/lists/123',
    'https://x.com/i/user/731024555',
    'https://x.com/settings',
    'https://x.com/settings/profile',
    'https://x.com/search?q=anna',
    'https://x.com/compose/post',
    'https://x.com/login',
    'https://x.com/logout',
    'https://x.com/tos',
    'https://x.com/privacy',
    'https://x.com/intent/post?text=hi',
    'https://x.com/hashtag/kith',
    'https://x.com/Home',
    // not handles
    'https://x.com/anna-nowak',
    'https://x.com/anna.nowak',
    'https://x.com/1234567890123456',
    'https://x.com/%61nna',
    'https://x.com/@anna',
    // not X
    'https://x.com.evil.com/anna_nowak',
    'https://evilx.com/anna_nowak',
    'https://twitter.co/anna_nowak',
    'https://api.x.com/anna_nowak',
    'https://x.com:8443/anna_nowak',
    'ftp://x.com/anna_nowak',
    'https://github.com/anna_nowak',
  ])('rejects %s', (url) => {
    expect(key(url)).toBeNull();
    expect(x.isProfileUrl(new URL(url))).toBe(false);
  });

  it('exports the same function as xKeyFromUrl', () => {
    expect(xKeyFromUrl(new URL('https://twitter.com/JanKowalski_/media'))).toBe('x:jankowalski_');
  });

  it('never throws, and agrees with isProfileUrl, for any path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('', 'anna/', 'i/'), (s, prefix) => {
        let url: URL;
        try {
          url = new URL(`https://x.com/${prefix}${s}`);
        } catch {
          return;
        }
        const k = x.profileKey(url);
        expect(x.isProfileUrl(url)).toBe(k !== null);
        if (k) expect(k).toMatch(/^x:[a-z\d_]{1,15}$/);
      }),
    );
  });
});

describe('keyToUrl', () => {
  it('builds canonical x.com URLs', () => {
    expect(x.keyToUrl('x:anna_nowak')).toBe('https://x.com/anna_nowak');
  });

  it.each(['', 'x:', 'x:home', 'x:Anna', 'x:anna/status/1', 'x:anna-nowak', 'x:1234567890123456', 'github:anna', 'xing:anna', 'x:\uD800'])(
    'refuses %j',
    (k) => {
      expect(x.keyToUrl(k)).toBeNull();
    },
  );

  it('round-trips: the URL of a key has that key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\w{1,15}$/), (handle) => {
        const k = key(`https://twitter.com/${handle}`);
        if (k === null) return; // reserved
        expect(key(x.keyToUrl(k)!)).toBe(k);
      }),
    );
  });
});

describe('extract', () => {
  it('(a) never takes the viewer, "Follows you", or other accounts on the page', () => {
    const out = JSON.stringify(x.extract(load(A), new URL(A_URL)));
    for (const other of ['Vera', 'vera_viewer', '5550001', 'Follows', 'Verified', 'piotr', 'Piotr', 'ola_k', 'Ola', 'Who to follow']) {
      expect(out).not.toContain(other);
    }
  });

  it('takes the last "@handle" line as the handle, so a display name may look like one', () => {
    const doc = nameBlock('@anna', '@anna_nowak');
    expect(x.extract(doc, new URL(A_URL)).name).toBe('@anna');
    expect(x.pageShows(doc, new URL(A_URL))).toBe(true);
  });

  it('skips "Follows you" wherever it sits in the name block', () => {
    const doc = html(
      `<main><div data-testid="UserName"><div data-testid="userFollowIndicator"><div dir="ltr">Follows you</div></div>` +
        `<div dir="ltr">Anna Nowak</div><div dir="ltr">@anna_nowak</div></div></main>`,
    );
    expect(x.extract(doc, new URL(A_URL)).name).toBe('Anna Nowak');
  });

  it("falls back to the JSON-LD photo, never to the viewer's avatar", () => {
    const doc = load(A);
    doc.querySelector('[data-testid="UserAvatar-Container-anna_nowak"]')!.remove();
    expect(x.extract(doc, new URL(A_URL)).photoUrl).toBe(
      'https://pbs.twimg.com/profile_images/1780000000000000000/AbCdEfGh_400x400.jpg',
    );
    doc.querySelector('script[type="application/ld+json"]')!.remove();
    expect(x.extract(doc, new URL(A_URL)).photoUrl).toBeUndefined();
  });

  it('matches the avatar container to the handle whatever its case', () => {
    const doc = html(
      '<div data-testid="UserAvatar-Container-Anna_Nowak"><img src="https://pbs.twimg.com/profile_images/1/a_200x200.jpg"></div>' +
        '<div data-testid="UserName"><div dir="ltr">Anna</div><div dir="ltr">@Anna_Nowak</div></div>',
    );
    expect(x.extract(doc, new URL(A_URL)).photoUrl).toBe('https://pbs.twimg.com/profile_images/1/a_200x200.jpg');
  });

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'https://abs.twimg.com/sticky/default_profile_images/default_profile_200x200.png',
    'http://pbs.twimg.com/profile_images/1/a.jpg',
    'https://pbs.twimg.com/profile_banners/1/1500x500',
    'https://pbs.twimg.com.evil.com/profile_images/1/a.jpg',
  ])('rejects the photo %s', (src) => {
    const doc = html(
      `<div data-testid="UserAvatar-Container-anna_nowak"><img src="${src}"></div>` +
        '<div data-testid="UserName"><div dir="ltr">Anna</div><div dir="ltr">@anna_nowak</div></div>',
    );
    expect(x.extract(doc, new URL(A_URL)).photoUrl).toBeUndefined();
  });

  it("never uses JSON-LD about another handle (it can lag behind an in-app navigation)", () => {
    const doc = load('c_markup_changed_json_ld_only.html', 'https://x.com/ola_k');
    expect(x.extract(doc, new URL('https://x.com/ola_k')).name).toBe('Ola Kowalczyk');
    const jan = x.extract(doc, new URL('https://x.com/jan'));
    expect(jan).toEqual({ site: 'x', keys: ['x:jan'], url: 'https://x.com/jan', readable: false });
  });

  it('reads JSON-LD whose values are not strings without throwing', () => {
    const doc = html(
      '<script type="application/ld+json">{"mainEntity":{"additionalName":"anna_nowak","name":{"a":1},"givenName":["x"],"description":42,"homeLocation":null,"image":7}}</script>',
    );
    const got = x.extract(doc, new URL(A_URL));
    expect(got).toEqual({ site: 'x', keys: ['x:anna_nowak'], url: 'https://x.com/anna_nowak', readable: false });
    for (const ld of ['null', '"text"', '{"mainEntity":null}', '{"author":{"additionalName":"anna_nowak","image":null,"homeLocation":null}}']) {
      const page = html(`<script type="application/ld+json">${ld}</script>`);
      expect(x.extract(page, new URL(A_URL)).readable, ld).toBe(false);
    }
  });

  it('never matches JSON-LD without a handle, even for the account named "undefined"', () => {
    const doc = html('<script type="application/ld+json">{"mainEntity":{"name":"Someone"}}</script>', 'https://x.com/undefined');
    expect(x.extract(doc, new URL('https://x.com/undefined')).readable).toBe(false);
  });

  it('takes a JSON-LD image given as a bare URL', () => {
    const doc = html(
      '<script type="application/ld+json">{"mainEntity":{"additionalName":"Anna_Nowak","name":"Anna","image":"https://pbs.twimg.com/profile_images/1/a_400x400.jpg"}}</script>',
    );
    expect(x.extract(doc, new URL(A_URL))).toMatchObject({ name: 'Anna', photoUrl: 'https://pbs.twimg.com/profile_images/1/a_400x400.jpg' });
  });

  it('keeps hostile text as literal, clean, capped text', () => {
    const doc = html(
      '<div data-testid="UserName"><div dir="ltr">&lt;img src=x onerror=alert(1)&gt;\u202eAnna\u200b</div><div dir="ltr">@anna_nowak</div></div>' +
        `<div data-testid="UserDescription">${'B'.repeat(5000)}</div><span data-testid="UserLocation">Warsaw\u0007\u2066</span>`,
    );
    const got = x.extract(doc, new URL(A_URL));
    expect(got.name).toBe('<img src=x onerror=alert(1)>Anna');
    expect(got.headline).toHaveLength(CAPS.headline);
    expect(got.location).toBe('Warsaw');
  });

  it('gives no key and reads nothing on a URL that is not a profile', () => {
    expect(x.extract(load(A), new URL('https://x.com/anna_nowak/status/1'))).toEqual({ site: 'x', keys: [], url: '', readable: false });
  });
});

describe('pageShows', () => {
  const JAN = new URL('https://x.com/jan_k');

  it('is false while the name block still shows the previous profile after an in-app navigation', () => {
    const doc = load(A);
    expect(x.pageShows(doc, new URL(A_URL))).toBe(true);
    expect(x.pageShows(doc, JAN)).toBe(false);
    // Nothing of anna's is read under jan's key meanwhile.
    expect(x.extract(doc, JAN)).toEqual({ site: 'x', keys: ['x:jan_k'], url: 'https://x.com/jan_k', readable: false });
    // X then renders jan_k's header.
    const lines = doc.querySelectorAll('[data-testid="UserName"] [dir]');
    lines[0].textContent = 'Jan Kowalski';
    lines[2].textContent = '@Jan_K';
    expect(x.pageShows(doc, JAN)).toBe(true);
    expect(x.pageShows(doc, new URL(A_URL))).toBe(false);
    expect(x.extract(doc, JAN).name).toBe('Jan Kowalski');
  });

  it('accepts the same profile on twitter.com, in another case, on another tab', () => {
    expect(x.pageShows(load(A), new URL('https://twitter.com/Anna_Nowak/with_replies'))).toBe(true);
  });

  it('is false until a name is there, and on pages that are not profiles', () => {
    expect(x.pageShows(html('<main><div role="progressbar"></div></main>'), new URL(A_URL))).toBe(false);
    expect(x.pageShows(load(A), new URL('https://x.com/anna_nowak/followers'))).toBe(false);
  });
});
