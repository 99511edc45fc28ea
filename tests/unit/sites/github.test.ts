// @vitest-environment node
// The GitHub adapter: URL rules, keys, and what it reads (or refuses to read) from pages. The fixture
// pages themselves are checked against expected.json in fixtures.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { github, githubKeyFromUrl, isGithubOrganization } from '../../../utils/sites/github';
import { CAPS } from '../../../utils/text';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../../fixtures/github');
const A = 'a_user_loggedin_2024.html';
const A_URL = 'https://github.com/anna-nowak';

const key = (u: string) => github.profileKey(new URL(u));
const load = (file: string, url = A_URL) => new JSDOM(fs.readFileSync(path.join(DIR, file), 'utf8'), { url }).window.document;
const html = (body: string, url = A_URL) => new JSDOM(body, { url }).window.document;
const card = (inner: string) =>
  html(`<main><div class="h-card" itemscope itemtype="http://schema.org/Person">${inner}</div></main>`);

describe('profileKey', () => {
  it.each([
    ['https://github.com/anna-nowak', 'github:anna-nowak'],
    ['https://github.com/anna-nowak/', 'github:anna-nowak'],
    ['https://github.com/Anna-Nowak', 'github:anna-nowak'],
    ['http://github.com/anna-nowak', 'github:anna-nowak'],
    ['https://www.github.com/anna-nowak', 'github:anna-nowak'],
    ['https://GitHub.com/anna-nowak', 'github:anna-nowak'],
    // tabs of the same profile
    ['https://github.com/anna-nowak?tab=repositories', 'github:anna-nowak'],
    ['https://github.com/anna-nowak?tab=stars&q=rust', 'github:anna-nowak'],
    ['https://github.com/anna-nowak?tab=followers', 'github:anna-nowak'],
    ['https://github.com/anna-nowak#pinned', 'github:anna-nowak'],
    // the edges of the login rule
    ['https://github.com/a', 'github:a'],
    ['https://github.com/1234', 'github:1234'],
    ['https://github.com/a-b-c-1', 'github:a-b-c-1'],
    [`https://github.com/${'a'.repeat(39)}`, `github:${'a'.repeat(39)}`],
    // names close to reserved ones are logins
    ['https://github.com/settings2', 'github:settings2'],
    ['https://github.com/explorer', 'github:explorer'],
  ])('%s -> %s', (url, want) => {
    expect(key(url)).toBe(want);
    expect(github.isProfileUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://github.com/',
    'https://github.com',
    // repositories and everything under them
    'https://github.com/anna-nowak/kith',
    'https://github.com/anna-nowak/kith/',
    'https://github.com/anna-nowak/kith/issues/12',
    'https://github.com/anna-nowak/kith/pull/3/files',
    'https://github.com/anna-nowak//',
    // reserved top-level pages
    'https://github.com/settings',
    'https://github.com/settings/profile',
    'https://github.com/orgs/acme-pl/people',
    'https://github.com/organizations/new',
    'https://github.com/marketplace',
    'https://github.com/explore',
    'https://github.com/topics',
    'https://github.com/search?q=anna',
    'https://github.com/notifications',
    'https://github.com/pulls',
    'https://github.com/issues',
    'https://github.com/login',
    'https://github.com/logout',
    'https://github.com/features',
    'https://github.com/about',
    'https://github.com/sponsors',
    'https://github.com/sponsors/anna-nowak',
    'https://github.com/apps',
    'https://github.com/new',
    'https://github.com/enterprise',
    'https://github.com/codespaces',
    'https://github.com/dashboard',
    'https://github.com/trending',
    'https://github.com/Settings',
    // not logins
    'https://github.com/-anna',
    'https://github.com/anna-',
    'https://github.com/an--na',
    'https://github.com/anna_nowak',
    'https://github.com/anna.nowak',
    'https://github.com/%61nna',
    `https://github.com/${'a'.repeat(40)}`,
    // not github.com
    'https://gist.github.com/anna-nowak',
    'https://docs.github.com/anna-nowak',
    'https://github.com.evil.com/anna-nowak',
    'https://evilgithub.com/anna-nowak',
    'https://github.io/anna-nowak',
    'https://github.com:8443/anna-nowak',
    'ftp://github.com/anna-nowak',
    'https://www.linkedin.com/in/anna-nowak/',
  ])('rejects %s', (url) => {
    expect(key(url)).toBeNull();
    expect(github.isProfileUrl(new URL(url))).toBe(false);
  });

  it('exports the same function as githubKeyFromUrl', () => {
    expect(githubKeyFromUrl(new URL('https://github.com/JKowal?tab=repositories'))).toBe('github:jkowal');
  });

  it('never throws, and agrees with isProfileUrl, for any path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 45 }), (s) => {
        let url: URL;
        try {
          url = new URL(`https://github.com/${s}`);
        } catch {
          return;
        }
        const k = github.profileKey(url);
        expect(github.isProfileUrl(url)).toBe(k !== null);
        if (k) expect(k).toMatch(/^github:[a-z\d-]{1,39}$/);
      }),
    );
  });
});

describe('keyToUrl', () => {
  it('builds canonical URLs', () => {
    expect(github.keyToUrl('github:anna-nowak')).toBe('https://github.com/anna-nowak');
    expect(github.keyToUrl('github:a')).toBe('https://github.com/a');
  });

  it.each(['', 'github:', 'github:settings', 'github:anna/kith', 'github:Anna', 'github:-a', 'linkedin:anna', 'githubx:anna', 'x:anna', 'github:\uD800'])(
    'refuses %j',
    (k) => {
      expect(github.keyToUrl(k)).toBeNull();
    },
  );

  it('round-trips: the URL of a key has that key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z\d](-?[a-zA-Z\d]){0,38}$/), (login) => {
        const k = key(`https://github.com/${login}`);
        if (k === null) return; // reserved
        expect(key(github.keyToUrl(k)!)).toBe(k);
      }),
    );
  });
});

describe('extract', () => {
  it('(a) never takes the viewer, a sponsor or an organisation for the person', () => {
    const out = JSON.stringify(github.extract(load(A), new URL(A_URL)));
    for (const other of ['vera', 'Vera', '5550001', 'piotr', '4040404', '9900990']) expect(out).not.toContain(other);
  });

  it('reads the bio from the text when data-bio-text is gone', () => {
    const doc = load(A);
    doc.querySelector('[data-bio-text]')!.removeAttribute('data-bio-text');
    expect(github.extract(doc, new URL(A_URL)).headline).toBe(
      'Building offline-first tools in TypeScript and Rust. Maintainer of @kith-app.',
    );
  });

  it('keeps a company written as plain text, and strips the @ of an organisation mention only', () => {
    const page = (company: string) => card(`<span itemprop="name">Anna</span><li itemprop="worksFor"><span class="p-org">${company}</span></li>`);
    expect(github.extract(page('Acme Polska'), new URL(A_URL)).company).toBe('Acme Polska');
    expect(github.extract(page('@acme-pl'), new URL(A_URL)).company).toBe('acme-pl');
  });

  it('falls back to the small sticky-bar avatar, then to nothing', () => {
    const doc = load(A);
    doc.querySelector('[itemprop=image]')!.remove();
    expect(github.extract(doc, new URL(A_URL)).photoUrl).toBe('https://avatars.githubusercontent.com/u/7310245?s=64&v=4');
    doc.querySelector('.h-card img.avatar-user')!.remove();
    expect(github.extract(doc, new URL(A_URL)).photoUrl).toBeUndefined();
  });

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'http://avatars.githubusercontent.com/u/1?v=4',
    'https://avatars.githubusercontent.com.evil.com/u/1',
    'https://evil.example/u/1.png',
    `https://avatars.githubusercontent.com/u/${'1'.repeat(CAPS.url)}`,
  ])('rejects the photo %s', (src) => {
    const doc = card(`<a itemprop="image"><img class="avatar avatar-user" src="${src}"></a><span itemprop="name">Anna</span>`);
    expect(github.extract(doc, new URL(A_URL)).photoUrl).toBeUndefined();
  });

  it('keeps hostile text as literal, clean, capped text', () => {
    const doc = card(
      `<span itemprop="name">&lt;script&gt;alert(1)&lt;/script&gt;\u202eAnna\u200b</span>` +
        `<span itemprop="additionalName">anna-nowak</span><div class="p-note" data-bio-text="${'B'.repeat(5000)}"></div>`,
    );
    const got = github.extract(doc, new URL(A_URL));
    expect(got.name).toBe('<script>alert(1)</script>Anna');
    expect(got.headline).toHaveLength(CAPS.headline);
  });

  it('gives no key and reads nothing on a URL that is not a profile', () => {
    expect(github.extract(load(A), new URL('https://github.com/anna-nowak/kith'))).toEqual({
      site: 'github',
      keys: [],
      url: '',
      readable: false,
    });
  });

  it('uses the <title> only when its login is the URL\'s', () => {
    const doc = html('<title>marek-z (Marek Zieliński) · GitHub</title>', 'https://github.com/marek-z');
    expect(github.extract(doc, new URL('https://github.com/Marek-Z')).name).toBe('Marek Zieliński');
    expect(github.extract(doc, new URL('https://github.com/anna')).name).toBeUndefined();
    expect(github.pageShows(doc, new URL('https://github.com/anna'))).toBe(false);
  });

  it("uses og:image only when profile:username is the URL's user", () => {
    const page = (username: string) =>
      html(
        `<title>marek-z (Marek) · GitHub</title><meta property="profile:username" content="${username}">` +
          '<meta property="og:image" content="https://avatars.githubusercontent.com/u/3?v=4">',
        'https://github.com/marek-z',
      );
    expect(github.extract(page('Marek-Z'), new URL('https://github.com/marek-z')).photoUrl).toBe('https://avatars.githubusercontent.com/u/3?v=4');
    expect(github.extract(page('anna'), new URL('https://github.com/marek-z')).photoUrl).toBeUndefined();
  });
});

describe('organisations', () => {
  it('tells an organisation page from a user page', () => {
    expect(isGithubOrganization(load('b_organization_2024.html', 'https://github.com/acme-pl'))).toBe(true);
    expect(isGithubOrganization(load(A))).toBe(false);
    expect(isGithubOrganization(load('c_user_no_name_loggedout_2024.html', 'https://github.com/jkowal'))).toBe(false);
  });

  it('recognises either signal alone: the microdata or the hovercard meta tag', () => {
    expect(isGithubOrganization(html('<div itemscope itemtype="https://schema.org/Organization"></div>'))).toBe(true);
    expect(isGithubOrganization(html('<meta name="hovercard-subject-tag" content="organization:1">'))).toBe(true);
    expect(isGithubOrganization(html('<meta name="hovercard-subject-tag" content="user:1">'))).toBe(false);
  });

  it('never shows a person on an organisation page, even one with a Person card in it', () => {
    const doc = load('b_organization_2024.html', 'https://github.com/acme-pl');
    const person = doc.createElement('div');
    person.setAttribute('itemtype', 'http://schema.org/Person');
    const name = person.appendChild(doc.createElement('span'));
    name.setAttribute('itemprop', 'name');
    name.textContent = 'Anna Nowak';
    doc.querySelector('main')!.prepend(person);
    const url = new URL('https://github.com/acme-pl');
    expect(github.pageShows(doc, url)).toBe(false);
    expect(github.extract(doc, url).keys).toEqual([]);
  });
});

describe('pageShows', () => {
  const JAN = new URL('https://github.com/jan-k');

  it('is false while the card still shows the previous user after a Turbo navigation', () => {
    const doc = load(A);
    expect(github.pageShows(doc, new URL(A_URL))).toBe(true);
    expect(github.pageShows(doc, JAN)).toBe(false);
    expect(github.extract(doc, JAN)).toEqual({ site: 'github', keys: ['github:jan-k'], url: 'https://github.com/jan-k', readable: false });
    // GitHub then renders jan-k's card.
    doc.querySelector('[itemprop=name]')!.textContent = 'Jan Kowalski';
    doc.querySelector('[itemprop=additionalName]')!.textContent = 'Jan-K';
    expect(github.pageShows(doc, JAN)).toBe(true);
    expect(github.pageShows(doc, new URL(A_URL))).toBe(false);
    expect(github.extract(doc, JAN).name).toBe('Jan Kowalski');
  });

  it('accepts the same user under another spelling of the URL', () => {
    expect(github.pageShows(load(A), new URL('https://github.com/Anna-Nowak?tab=stars'))).toBe(true);
  });

  it('is false until a name is there, and on pages that are not profiles', () => {
    expect(github.pageShows(html('<main>Loading…</main>'), new URL(A_URL))).toBe(false);
    expect(github.pageShows(load(A), new URL('https://github.com/settings'))).toBe(false);
  });
});
