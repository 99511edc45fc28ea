// @vitest-environment node
// The Mastodon adapter: URL rules on any instance, keys by the account's home, Mastodon detection from
// the page, and what it reads from pages. The fixture pages themselves are checked against
// expected.json in fixtures.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isMastodonPage, mastodon, mastodonKeyFromUrl } from '../../../utils/sites/mastodon';
import { CAPS } from '../../../utils/text';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../../fixtures/mastodon');
const A = 'a_small_instance_loggedin_4_3.html';
const A_URL = 'https://mastodon.example.pl/@anna';
const B = 'b_remote_account_advanced_layout_4_2.html';
const B_URL = 'https://mastodon.example.pl/@jan@fosstodon.org';

const key = (u: string) => mastodon.profileKey(new URL(u));
const load = (file: string, url = A_URL) => new JSDOM(fs.readFileSync(path.join(DIR, file), 'utf8'), { url }).window.document;
const html = (body: string, url = A_URL) => new JSDOM(body, { url }).window.document;
/** A Mastodon page holding the given account header markup. */
const app = (header: string) => html(`<div id="mastodon" data-props="{}"><div class="account__header">${header}</div></div>`);

describe('profileKey', () => {
  it.each([
    ['https://mastodon.social/@anna', 'mastodon:anna@mastodon.social'],
    ['https://mastodon.social/@anna/', 'mastodon:anna@mastodon.social'],
    ['https://mastodon.social/@Anna', 'mastodon:anna@mastodon.social'],
    ['https://Mastodon.Social/@anna', 'mastodon:anna@mastodon.social'],
    ['https://mastodon.example.pl/@anna', 'mastodon:anna@mastodon.example.pl'],
    ['https://mastodon.example.pl/@anna?lang=pl', 'mastodon:anna@mastodon.example.pl'],
    ['https://mastodon.example.pl/@anna#pinned', 'mastodon:anna@mastodon.example.pl'],
    ['https://chaos.social/@a_b_c', 'mastodon:a_b_c@chaos.social'],
    // the profile's own tabs
    ['https://mastodon.social/@anna/with_replies', 'mastodon:anna@mastodon.social'],
    ['https://mastodon.social/@anna/media', 'mastodon:anna@mastodon.social'],
    ['https://mastodon.social/@anna/featured', 'mastodon:anna@mastodon.social'],
    // the 3.x web app's prefix: the same profile
    ['https://mastodon.social/web/@anna', 'mastodon:anna@mastodon.social'],
    // a remote account viewed on this instance: keyed by its home
    ['https://mastodon.example.pl/@jan@fosstodon.org', 'mastodon:jan@fosstodon.org'],
    ['https://mastodon.example.pl/@Jan@Fosstodon.ORG', 'mastodon:jan@fosstodon.org'],
    ['https://mastodon.example.pl/@jan@fosstodon.org/media', 'mastodon:jan@fosstodon.org'],
    ['https://mastodon.example.pl/web/@jan@fosstodon.org', 'mastodon:jan@fosstodon.org'],
    ['https://mastodon.example.pl/@anna@mastodon.example.pl', 'mastodon:anna@mastodon.example.pl'],
    // other fediverse software's usernames may have dots and hyphens
    ['https://mastodon.social/@jan.kowalski@pixelfed.example', 'mastodon:jan.kowalski@pixelfed.example'],
    ['https://mastodon.social/@jan-k@lemmy.example', 'mastodon:jan-k@lemmy.example'],
    // internationalised domains, as the URL gives them (punycode), whichever way they were written
    ['https://bücher.social/@anna', 'mastodon:anna@xn--bcher-kva.social'],
    ['https://xn--bcher-kva.social/@anna', 'mastodon:anna@xn--bcher-kva.social'],
    ['https://mastodon.social/@anna@b%C3%BCcher.social', 'mastodon:anna@xn--bcher-kva.social'],
    ['https://mastodon.social/@anna@bücher.social', 'mastodon:anna@xn--bcher-kva.social'],
  ])('%s -> %s', (url, want) => {
    expect(key(url)).toBe(want);
    expect(mastodon.isProfileUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://mastodon.social/',
    'https://mastodon.social/@',
    'https://mastodon.social/@/',
    'https://mastodon.social/@@',
    'https://mastodon.social/@anna@',
    'https://mastodon.social/@@mastodon.social',
    // posts and lists of other people
    'https://mastodon.social/@anna/112233445566778899',
    'https://mastodon.example.pl/@jan@fosstodon.org/112233445566778899',
    'https://mastodon.social/@anna/followers',
    'https://mastodon.social/@anna/following',
    'https://mastodon.social/@anna/tagged/kith',
    'https://mastodon.social/@anna/media/extra',
    // the instance's own pages
    'https://mastodon.social/home',
    'https://mastodon.social/explore',
    'https://mastodon.social/notifications',
    'https://mastodon.social/settings/profile',
    'https://mastodon.social/web/timelines/home',
    'https://mastodon.social/web/accounts/109312000000000001',
    'https://mastodon.social/users/anna',
    'https://mastodon.social/tags/kith',
    'https://mastodon.social/about',
    'https://mastodon.social/anna',
    // not usernames or not hosts
    'https://mastodon.social/@an na',
    'https://mastodon.social/@.anna',
    'https://mastodon.social/@anna.',
    'https://mastodon.social/@%C5%82ukasz',
    'https://mastodon.social/@anna@localhost',
    'https://mastodon.social/@anna@1.2.3.4',
    'https://mastodon.social/@anna@host:8080',
    'https://mastodon.social/@anna@fosstodon.org%2Fevil',
    'https://mastodon.social/@anna@fosstodon%252Eorg',
    'https://mastodon.social/@anna@x.com',
    'https://mastodon.social/@anna@github.com',
    'http://localhost/@anna',
    'https://localhost/@anna',
    'https://127.0.0.1/@anna',
    'https://mastodon.social:8443/@anna',
    'https://user@mastodon.social/@anna',
    'http://mastodon.social/@anna',
    'ftp://mastodon.social/@anna',
    `https://mastodon.social/@${'a'.repeat(300)}`,
    // the other adapters' hosts, and big sites with /@name paths that are not Mastodon
    'https://www.linkedin.com/@anna',
    'https://linkedin.com/@anna',
    'https://github.com/@anna',
    'https://x.com/@anna',
    'https://twitter.com/@anna',
    'https://mobile.twitter.com/@anna',
    'https://www.xing.com/@anna',
    'https://medium.com/@anna',
    'https://www.youtube.com/@anna',
    'https://m.youtube.com/@anna',
    'https://www.tiktok.com/@anna',
    'https://www.threads.net/@anna',
    'https://www.threads.com/@anna',
  ])('rejects %s', (url) => {
    expect(key(url)).toBeNull();
    expect(mastodon.isProfileUrl(new URL(url))).toBe(false);
  });

  it('exports the same function as mastodonKeyFromUrl', () => {
    expect(mastodonKeyFromUrl(new URL(B_URL))).toBe('mastodon:jan@fosstodon.org');
  });

  it('never throws, and agrees with isProfileUrl, for any path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('@', '@anna@', '@anna/', 'web/@', ''), (s, prefix) => {
        let url: URL;
        try {
          url = new URL(`https://mastodon.social/${prefix}${s}`);
        } catch {
          return;
        }
        const k = mastodon.profileKey(url);
        expect(mastodon.isProfileUrl(url)).toBe(k !== null);
        if (k) {
          expect(k.length).toBeLessThanOrEqual(CAPS.key);
          expect(k).toMatch(/^mastodon:[a-z\d_.-]+@[a-z\d.-]+$/);
        }
      }),
    );
  });
});

describe('keyToUrl', () => {
  it("builds the profile URL on the account's home instance", () => {
    expect(mastodon.keyToUrl('mastodon:anna@mastodon.example.pl')).toBe('https://mastodon.example.pl/@anna');
    expect(mastodon.keyToUrl('mastodon:jan@fosstodon.org')).toBe('https://fosstodon.org/@jan');
    expect(mastodon.keyToUrl('mastodon:anna@xn--bcher-kva.social')).toBe('https://xn--bcher-kva.social/@anna');
  });

  it.each([
    '',
    'mastodon:',
    'mastodon:anna',
    'mastodon:@mastodon.social',
    'mastodon:anna@',
    'mastodon:anna@mastodon.social@x',
    'mastodon:Anna@mastodon.social',
    'mastodon:anna@Mastodon.Social',
    'mastodon:a b@mastodon.social',
    'mastodon:anna@github.com',
    'mastodon:anna@localhost',
    'mastodon:anna/1@mastodon.social',
    'mastodon:anna@mastodon.social/x',
    'linkedin:anna',
    'x:anna',
    'mastodon:\uD800@a.b',
  ])('refuses %j', (k) => {
    expect(mastodon.keyToUrl(k)).toBeNull();
  });

  it('round-trips: the URL of a key has that key', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\w{1,20}$/),
        fc.constantFrom('mastodon.social', 'Fosstodon.org', 'bücher.social', 'a.b.c.example'),
        (user, host) => {
          const k = key(`https://mastodon.example.pl/@${user}@${host}`);
          expect(k).not.toBeNull();
          expect(key(mastodon.keyToUrl(k!)!)).toBe(k);
        },
      ),
    );
  });
});

describe('isMastodonPage', () => {
  it('knows Mastodon by its web app root or its initial-state script', () => {
    for (const file of [A, B, 'c_hostile_instance.html', 'd_before_render_og_only.html']) expect(isMastodonPage(load(file)), file).toBe(true);
    expect(isMastodonPage(html('<div id="mastodon" data-props="{}"></div>'))).toBe(true);
    expect(isMastodonPage(html('<script id="initial-state" type="application/json">{}</script>'))).toBe(true);
  });

  it('is false on other sites with the same URL shape, whatever they claim in og tags', () => {
    expect(isMastodonPage(load('e_not_mastodon_misskey.html', 'https://misskey.example.jp/@anna'))).toBe(false);
    expect(isMastodonPage(html('<meta property="og:site_name" content="Mastodon"><meta property="profile:username" content="anna@x.y">'))).toBe(false);
    expect(isMastodonPage(html('<div id="mastodon"></div>'))).toBe(false); // an element id alone is too common
    expect(isMastodonPage(html(''))).toBe(false);
  });

  it('gates pageShows and extract', () => {
    const page = '<div class="account__header"><div class="account__header__tabs__name"><h1><span>Anna</span><small><span>@anna</span></small></h1></div></div>';
    const url = new URL('https://blog.example.com/@anna');
    expect(mastodon.pageShows(html(page, url.href), url)).toBe(false);
    expect(mastodon.extract(html(page, url.href), url)).toEqual({ site: 'mastodon', keys: [], url: '', readable: false });
    const real = html(`<div id="mastodon" data-props="{}">${page}</div>`, url.href);
    expect(mastodon.pageShows(real, url)).toBe(true);
    expect(mastodon.extract(real, url).keys).toEqual(['mastodon:anna@blog.example.com']);
  });
});

describe('extract', () => {
  it('(a) never takes the viewer, "Follows you", the domain pill or other accounts', () => {
    const out = JSON.stringify(mastodon.extract(load(A), new URL(A_URL)));
    for (const other of ['Vera', 'vera', 'aaaabbbb', 'Obserwuje', 'Piotr', 'piotr', ':rower:', 'Mówię', 'anna.example.dev', 'Dołączył']) {
      expect(out).not.toContain(other);
    }
  });

  it('(b) reads the column of the account in the URL, whichever column it is in', () => {
    const doc = load(B, B_URL);
    expect(mastodon.extract(doc, new URL(B_URL)).name).toBe('Jan Kowalski');
    const ola = mastodon.extract(doc, new URL('https://mastodon.example.pl/@ola'));
    expect(ola).toMatchObject({ keys: ['mastodon:ola@mastodon.example.pl'], name: 'Ola Kowalczyk', location: 'Gdańsk', headline: 'Data journalist.' });
    // jan's header names fosstodon.org: jan of this instance is someone else.
    expect(mastodon.pageShows(doc, new URL('https://mastodon.example.pl/@jan'))).toBe(false);
  });

  it('reads 3.x-4.1 markup: the handle without the domain for a local account', () => {
    const doc = app(
      '<div class="account__header__tabs"><a class="avatar"><div class="account__avatar"><img src="/system/accounts/avatars/000/000/001/original/a.png"></div></a></div>' +
        '<div class="account__header__tabs__name"><h1><span>Anna Nowak</span> <small>@anna <i class="fa fa-lock"></i></small></h1></div>',
    );
    const got = mastodon.extract(doc, new URL(A_URL));
    expect(got.name).toBe('Anna Nowak');
    expect(got.photoUrl).toBe('https://mastodon.example.pl/system/accounts/avatars/000/000/001/original/a.png');
    expect(mastodon.pageShows(doc, new URL(A_URL))).toBe(true);
    expect(mastodon.pageShows(doc, new URL('https://mastodon.example.pl/@anna@other.example'))).toBe(false);
  });

  it('reads the 4.5 redesign: the handle line after the h1 with a domain pill', () => {
    const doc = app(
      '<div class="account__header__tabs__name nameWrapper_x"><div class="nameWrapper_x"><div class="name_y">' +
        '<h1><bdi><span>Anna Nowak</span></bdi></h1><p>anna@<button class="account__domain-pill">mastodon.example.pl<svg></svg></button></p>' +
        '</div></div></div>',
    );
    expect(mastodon.extract(doc, new URL(A_URL)).name).toBe('Anna Nowak');
    expect(mastodon.pageShows(doc, new URL(A_URL))).toBe(true);
    expect(mastodon.pageShows(doc, new URL('https://other.example/@anna'))).toBe(false);
  });

  it('takes the location from a field labelled in another language, and no other field', () => {
    const page = (label: string) =>
      app(`<div class="account__header__tabs__name"><h1><span>Anna</span></h1></div><dl><dt>${label}</dt><dd>Berlin</dd></dl>`);
    for (const label of ['Location', 'Standort', 'Ort', 'Lokalizacja', 'Localisation', 'Ubicación', 'location']) {
      expect(mastodon.extract(page(label), new URL(A_URL)).location, label).toBe('Berlin');
    }
    for (const label of ['Website', 'Pronouns', 'Location history', 'Relocation']) {
      expect(mastodon.extract(page(label), new URL(A_URL)).location, label).toBeUndefined();
    }
  });

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'http://files.mastodon.example.pl/accounts/avatars/1/original/a.png',
    'https://mastodon.example.pl/avatars/original/missing.png',
    '/avatars/original/missing.png',
    'https://cdn.masto.host/mastodonexamplepl/accounts/avatars/1/original/a.png',
    'https://evil.example/a.png',
    'https://mastodon.example.pl.evil.example/a.png',
    'https://xmastodon.example.pl/a.png',
  ])('rejects the photo %s', (src) => {
    const doc = app(
      `<div class="account__header__tabs"><div class="account__avatar"><img src="${src}"></div></div><div class="account__header__tabs__name"><h1><span>Anna</span></h1></div>`,
    );
    expect(mastodon.extract(doc, new URL(A_URL)).photoUrl).toBeUndefined();
  });

  it("takes photos from the instance's host and its subdomains", () => {
    for (const src of ['/system/a.png', 'https://mastodon.example.pl/system/a.png', 'https://files.mastodon.example.pl/a.png', 'https://a.b.mastodon.example.pl/a.png']) {
      const doc = app(
        `<div class="account__header__tabs"><div class="account__avatar"><img src="${src}"></div></div><div class="account__header__tabs__name"><h1><span>Anna</span></h1></div>`,
      );
      expect(mastodon.extract(doc, new URL(A_URL)).photoUrl, src).toBe(new URL(src, A_URL).href);
    }
  });

  it('uses the og tags only before any header is on screen, and only for their own account', () => {
    const d = load('d_before_render_og_only.html');
    expect(mastodon.extract(d, new URL('https://mastodon.example.pl/@anna@mastodon.example.pl')).name).toBe('Anna Nowak');
    expect(mastodon.pageShows(d, new URL('https://mastodon.example.pl/@jan@fosstodon.org'))).toBe(false);
    // A header of someone else is on screen: the og tags (anna's, from the first load) are not used.
    const a = load(A);
    a.querySelector('.account__header__tabs__name small > span')!.textContent = '@ola';
    expect(mastodon.pageShows(a, new URL(A_URL))).toBe(false);
    expect(mastodon.extract(a, new URL(A_URL)).name).toBeUndefined();
  });

  it('(c) keeps a hostile instance to the account in its URL', () => {
    const url = new URL('https://evil.example/@mallory');
    const got = mastodon.extract(load('c_hostile_instance.html', url.href), url);
    expect(got.keys).toEqual(['mastodon:mallory@evil.example']);
    expect(got.url).toBe('https://evil.example/@mallory');
    for (const v of [got.name, got.headline, got.location]) {
      expect([...v!].filter((c) => c < ' ' || /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(c))).toEqual([]);
    }
    expect(JSON.stringify(got)).not.toMatch(/Anna|mastodon\.social|javascript/);
  });

  it('gives no key and reads nothing on a URL that is not a profile', () => {
    expect(mastodon.extract(load(A), new URL('https://mastodon.example.pl/@anna/112233445566778899'))).toEqual({
      site: 'mastodon',
      keys: [],
      url: '',
      readable: false,
    });
  });
});

describe('pageShows', () => {
  const JAN = new URL(B_URL);

  it('is false while the header still shows the previous account after an in-app navigation', () => {
    const doc = load(A);
    expect(mastodon.pageShows(doc, new URL(A_URL))).toBe(true);
    expect(mastodon.pageShows(doc, JAN)).toBe(false);
    expect(mastodon.extract(doc, JAN)).toEqual({ site: 'mastodon', keys: ['mastodon:jan@fosstodon.org'], url: 'https://fosstodon.org/@jan', readable: false });
    // The web app then renders jan's header (4.3: the remote domain is in the visible span).
    doc.querySelector('.account__header__tabs__name bdi')!.textContent = 'Jan Kowalski';
    doc.querySelector('.account__header__tabs__name small > span')!.textContent = '@jan@fosstodon.org';
    expect(mastodon.pageShows(doc, JAN)).toBe(true);
    expect(mastodon.pageShows(doc, new URL(A_URL))).toBe(false);
    expect(mastodon.extract(doc, JAN).name).toBe('Jan Kowalski');
  });

  it('is false until a name is there', () => {
    expect(mastodon.pageShows(html('<div id="mastodon" data-props="{}"><div class="loading-indicator"></div></div>'), new URL(A_URL))).toBe(false);
  });
});
