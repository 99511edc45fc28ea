// @vitest-environment node
// The cross-adapter URL matrix (github-url-detection's index.test.ts does the same): every adapter
// accepts its own example profiles and rejects everyone else's, and nobody accepts a page that is not a
// profile. Mastodon's matcher accepts /@user on any host, so the matrix also checks that it never claims
// the hosts of the other sites.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapterForKey, adapters, EXAMPLES } from '../../../utils/sites';
import { github } from '../../../utils/sites/github';
import { linkedin } from '../../../utils/sites/linkedin';
import { mastodon } from '../../../utils/sites/mastodon';
import type { SiteAdapter } from '../../../utils/sites/types';
import { x } from '../../../utils/sites/x';
import { xing } from '../../../utils/sites/xing';

/** Profile pages of sites Kith does not read, and pages of supported sites that are not profiles. */
const NOT_PROFILES = [
  'https://www.facebook.com/anna.nowak',
  'https://bsky.app/profile/anna.bsky.social',
  'https://example.com/in/anna',
  'https://medium.com/@anna',
  'https://www.youtube.com/@anna',
  'https://www.tiktok.com/@anna',
  'https://www.threads.net/@anna',
  'https://linkedin.com.evil.com/in/anna-nowak',
  'https://evillinkedin.com/in/anna-nowak',
  // LinkedIn
  'https://www.linkedin.com/',
  'https://www.linkedin.com/feed/',
  'https://www.linkedin.com/in/',
  'https://www.linkedin.com/company/acme/',
  'https://www.linkedin.com/company/acme/people/',
  'https://www.linkedin.com/school/kth/',
  'https://www.linkedin.com/search/results/people/?keywords=anna',
  'https://www.linkedin.com/posts/anna-nowak_climate-activity-7100000000000000000-abcd',
  'https://www.linkedin.com/jobs/view/3900000000/',
  'https://www.linkedin.com/messaging/thread/2-abc/',
  'https://www.linkedin.com/mynetwork/',
  'https://www.linkedin.com/notifications/',
  'https://www.linkedin.com/learning/',
  'https://www.linkedin.com/pulse/some-article-anna-nowak',
  'https://www.linkedin.com/events/7100000000000000000/',
  'https://www.linkedin.com/groups/12345/',
  'https://www.linkedin.com/sales/lead/ACwAAA,NAME_SEARCH,abc',
  'https://www.linkedin.com/@anna',
  // GitHub
  'https://github.com/',
  'https://github.com/in/anna',
  'https://github.com/anna-nowak/kith',
  'https://github.com/anna-nowak/kith/issues/1',
  'https://github.com/orgs/acme-pl/people',
  'https://github.com/settings/profile',
  'https://github.com/notifications',
  'https://github.com/pulls',
  'https://github.com/marketplace',
  'https://github.com/search?q=anna',
  'https://github.com/@anna',
  'https://gist.github.com/anna-nowak',
  // X
  'https://x.com/',
  'https://x.com/home',
  'https://x.com/explore',
  'https://x.com/notifications',
  'https://x.com/messages',
  'https://x.com/i/bookmarks',
  'https://x.com/settings/profile',
  'https://x.com/search?q=anna',
  'https://x.com/compose/post',
  'https://x.com/anna_nowak/status/1790000000000000000',
  'https://x.com/anna_nowak/followers',
  'https://x.com/@anna',
  'https://twitter.com/@anna',
  'https://twitter.com/anna_nowak/status/1790000000000000000',
  // XING
  'https://www.xing.com/',
  'https://www.xing.com/jobs',
  'https://www.xing.com/news',
  'https://www.xing.com/companies/acmegmbh',
  'https://www.xing.com/pages/acme-gmbh',
  'https://www.xing.com/profile/',
  'https://www.xing.com/profile/Anna_Nowak/activities',
  'https://www.xing.com/search/members?keywords=anna',
  'https://www.xing.com/@anna',
  // Mastodon
  'https://mastodon.social/',
  'https://mastodon.social/home',
  'https://mastodon.social/explore',
  'https://mastodon.social/notifications',
  'https://mastodon.social/settings/profile',
  'https://mastodon.social/@anna/112233445566778899',
  'https://mastodon.social/@anna/followers',
  'https://mastodon.social/tags/kith',
  'https://mastodon.social/@anna@localhost',
  'http://mastodon.social/@anna',
];

/** More profile URLs than the adapters ship as examples, each with the one adapter that owns it. */
const PROFILES: [string, SiteAdapter][] = [
  ['https://www.linkedin.com/in/anna-nowak', linkedin],
  ['https://linkedin.com/in/anna-nowak/', linkedin],
  ['https://de.linkedin.com/in/julianamelung/en/', linkedin],
  ['https://se.linkedin.com/in/eduardo-alvarez-nowak', linkedin],
  ['https://m.linkedin.com/in/anna-nowak?trk=x#top', linkedin],
  ['https://www.linkedin.com/in/anna-nowak/overlay/contact-info/', linkedin],
  ['https://www.linkedin.com/in/anna-nowak/recent-activity/all/', linkedin],
  ['https://www.linkedin.com/in/anna-nowak/details/experience/', linkedin],
  ['https://pl.linkedin.com/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87/', linkedin],
  ['https://www.linkedin.com/profile/view?id=21261553', linkedin],
  ['https://github.com/anna', github],
  ['https://github.com/anna-nowak/', github],
  ['https://github.com/JKowal?tab=repositories', github],
  ['https://github.com/acme-pl', github], // an organisation's URL: only the page tells (isGithubOrganization)
  ['https://x.com/anna', x],
  ['https://twitter.com/anna', x],
  ['https://mobile.twitter.com/Anna_Nowak/with_replies', x],
  ['https://x.com/anna_nowak/photo', x],
  ['https://www.xing.com/profile/Anna_Nowak', xing],
  ['https://xing.com/profile/Anna_Nowak/cv', xing],
  ['https://www.xing.com/profile/J%C3%BCrgen_M%C3%BCller', xing],
  ['https://mastodon.social/@anna', mastodon],
  ['https://mastodon.example.pl/@anna/media', mastodon],
  ['https://mastodon.example.pl/@jan@fosstodon.org', mastodon],
  ['https://chaos.social/web/@anna', mastodon],
  ['https://bücher.social/@anna', mastodon],
];

const others = (a: (typeof adapters)[number]) => adapters.filter((b) => b !== a);
/** Every adapter that takes `url` for one of its profile pages. */
const claimants = (url: URL) => adapters.filter((a) => a.isProfileUrl(url));
/** The canonical URL of a key, from the adapter that owns it. */
const urlOfKey = (key: string) => adapterForKey(key)?.keyToUrl(key) ?? null;

describe('site registry', () => {
  it('has one adapter per site id', () => {
    expect(adapters.map((a) => a.id).sort()).toEqual(['github', 'linkedin', 'mastodon', 'x', 'xing']);
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  describe.each(adapters.map((a) => [a.id, a] as const))('%s', (_id, adapter) => {
    it('has examples of both kinds', () => {
      expect(EXAMPLES[adapter.id].profiles.length).toBeGreaterThan(0);
      expect(EXAMPLES[adapter.id].others.length).toBeGreaterThan(0);
    });

    it.each(EXAMPLES[adapter.id].profiles)('accepts its own profile %s, and no other adapter does', (u) => {
      const url = new URL(u);
      expect(adapter.isProfileUrl(url)).toBe(true);
      const key = adapter.profileKey(url);
      expect(key).not.toBeNull();
      expect(claimants(url)).toEqual([adapter]);
      expect(adapterForKey(key!)).toBe(adapter);
      // The key's canonical URL leads back to the same key.
      expect(adapter.profileKey(new URL(urlOfKey(key!)!))).toBe(key);
      for (const b of others(adapter)) {
        expect(b.isProfileUrl(url), b.id).toBe(false);
        expect(b.profileKey(url), b.id).toBeNull();
        expect(b.keyToUrl(key!), b.id).toBeNull();
      }
    });

    it.each(EXAMPLES[adapter.id].others)('no adapter accepts its non-profile %s', (u) => {
      for (const b of adapters) {
        expect(b.isProfileUrl(new URL(u)), b.id).toBe(false);
        expect(b.profileKey(new URL(u)), b.id).toBeNull();
      }
    });
  });

  it.each(NOT_PROFILES)('no adapter accepts %s', (u) => {
    expect(claimants(new URL(u))).toEqual([]);
    for (const a of adapters) expect(a.profileKey(new URL(u)), a.id).toBeNull();
  });

  it.each(PROFILES.map(([u, a]) => [u, a.id, a] as const))('%s belongs to %s alone', (u, _id, adapter) => {
    expect(claimants(new URL(u))).toEqual([adapter]);
    for (const b of others(adapter)) {
      expect(b.isProfileUrl(new URL(u)), b.id).toBe(false);
      expect(b.profileKey(new URL(u)), b.id).toBeNull();
    }
  });

  it('never lets two adapters claim one URL', () => {
    const hosts = [
      'www.linkedin.com', 'pl.linkedin.com', 'github.com', 'x.com', 'twitter.com', 'www.xing.com',
      'mastodon.social', 'medium.com', 'example.com',
    ];
    const segment = fc.oneof(
      fc.constantFrom('in', 'profile', '@anna', '@anna@fosstodon.org', 'anna', 'anna_nowak', 'Anna_Nowak', 'web', 'status', 'cv', 'media', '1'),
      fc.string({ unit: 'binary-ascii', maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...hosts), fc.array(segment, { maxLength: 3 }), (host, path) => {
        let url: URL;
        try {
          url = new URL(`https://${host}/${path.join('/')}`);
        } catch {
          return;
        }
        const claimed = adapters.filter((a) => a.isProfileUrl(url)).map((a) => a.id);
        expect(claimed.length, `${url.href}: ${claimed.join(', ')}`).toBeLessThanOrEqual(1);
        // Each key is owned by the adapter that made it, and no other.
        for (const a of adapters) {
          const key = a.profileKey(url);
          if (key) expect(adapterForKey(key), key).toBe(a);
        }
      }),
    );
  });

  it('finds the adapter of a key and its URL', () => {
    expect(adapterForKey('linkedin:anna')).toBe(linkedin);
    expect(adapterForKey('linkedin-member:123')).toBe(linkedin);
    expect(adapterForKey('github:anna')).toBe(github);
    expect(adapterForKey('x:anna')).toBe(x);
    expect(adapterForKey('xing:anna_nowak')).toBe(xing);
    expect(adapterForKey('mastodon:anna@mastodon.social')).toBe(mastodon);
    expect(urlOfKey('linkedin:łukasz-żółć')).toBe('https://www.linkedin.com/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87/');
    expect(urlOfKey('linkedin-member:123')).toBe('https://www.linkedin.com/profile/view?id=123');
    expect(urlOfKey('github:anna')).toBe('https://github.com/anna');
    expect(urlOfKey('x:anna')).toBe('https://x.com/anna');
    expect(urlOfKey('xing:jürgen_müller')).toBe('https://www.xing.com/profile/j%C3%BCrgen_m%C3%BCller');
    expect(urlOfKey('mastodon:jan@fosstodon.org')).toBe('https://fosstodon.org/@jan');
  });

  it.each(['', 'anna', 'github-nope', 'unknown:anna', 'linkedin-member:abc', 'linkedinx:anna', 'linkedin:', 'github:', 'github:settings', 'x:', 'x:home', 'xing:', 'mastodon:anna', 'mastodon:anna@github.com', 'facebook:anna'])(
    'knows no adapter for the key %j',
    (key) => {
      expect(adapterForKey(key)).toBeUndefined();
      for (const a of adapters) expect(a.keyToUrl(key), a.id).toBeNull();
    },
  );
});
