// @vitest-environment node
// The cross-adapter URL matrix (github-url-detection's index.test.ts does the same): every adapter
// accepts its own example profiles and rejects everyone else's, and nobody accepts a page that is not a
// profile. With one adapter today, the other sites' URLs below keep the matrix meaningful.
import { describe, expect, it } from 'vitest';
import { adapterFor, adapterForKey, adapters, keyToUrl } from '../../../utils/sites';
import { linkedin } from '../../../utils/sites/linkedin';

/** Profile pages of sites Kith does not (yet) read, and pages of supported sites that are not profiles. */
const NOT_PROFILES = [
  'https://github.com/anna',
  'https://github.com/in/anna',
  'https://x.com/anna',
  'https://twitter.com/anna',
  'https://mastodon.social/@anna',
  'https://www.xing.com/profile/Anna_Nowak',
  'https://www.facebook.com/anna.nowak',
  'https://example.com/in/anna',
  'https://linkedin.com.evil.com/in/anna-nowak',
  'https://evillinkedin.com/in/anna-nowak',
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
];

/** More LinkedIn profile URLs than the adapter ships as examples. */
const LINKEDIN_PROFILES = [
  'https://www.linkedin.com/in/anna-nowak',
  'https://linkedin.com/in/anna-nowak/',
  'https://de.linkedin.com/in/julianamelung/en/',
  'https://se.linkedin.com/in/eduardo-alvarez-nowak',
  'https://m.linkedin.com/in/anna-nowak?trk=x#top',
  'https://www.linkedin.com/in/anna-nowak/overlay/contact-info/',
  'https://www.linkedin.com/in/anna-nowak/recent-activity/all/',
  'https://www.linkedin.com/in/anna-nowak/details/experience/',
  'https://pl.linkedin.com/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87/',
  'https://www.linkedin.com/profile/view?id=21261553',
];

const others = (a: (typeof adapters)[number]) => adapters.filter((b) => b !== a);

describe('site registry', () => {
  it('has one adapter per site id', () => {
    expect(adapters).toContain(linkedin);
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  describe.each(adapters.map((a) => [a.id, a] as const))('%s', (_id, adapter) => {
    it('has examples of both kinds', () => {
      expect(adapter.examples.profiles.length).toBeGreaterThan(0);
      expect(adapter.examples.others.length).toBeGreaterThan(0);
    });

    it.each(adapter.examples.profiles)('accepts its own profile %s, and no other adapter does', (u) => {
      const url = new URL(u);
      expect(adapter.isProfileUrl(url)).toBe(true);
      const key = adapter.profileKey(url);
      expect(key).not.toBeNull();
      expect(adapterFor(url)).toBe(adapter);
      expect(adapterForKey(key!)).toBe(adapter);
      // The key's canonical URL leads back to the same key.
      expect(adapter.profileKey(new URL(keyToUrl(key!)!))).toBe(key);
      for (const b of others(adapter)) {
        expect(b.isProfileUrl(url), b.id).toBe(false);
        expect(b.profileKey(url), b.id).toBeNull();
        expect(b.keyToUrl(key!), b.id).toBeNull();
      }
    });

    it.each(adapter.examples.others)('no adapter accepts its non-profile %s', (u) => {
      for (const b of adapters) {
        expect(b.isProfileUrl(new URL(u)), b.id).toBe(false);
        expect(b.profileKey(new URL(u)), b.id).toBeNull();
      }
    });
  });

  it.each(NOT_PROFILES)('no adapter accepts %s', (u) => {
    expect(adapterFor(new URL(u))).toBeUndefined();
    for (const a of adapters) expect(a.profileKey(new URL(u)), a.id).toBeNull();
  });

  it.each(LINKEDIN_PROFILES)('%s belongs to LinkedIn alone', (u) => {
    expect(adapterFor(new URL(u))).toBe(linkedin);
    for (const b of others(linkedin)) expect(b.isProfileUrl(new URL(u)), b.id).toBe(false);
  });

  it('finds the adapter of a key and its URL', () => {
    expect(adapterForKey('linkedin:anna')).toBe(linkedin);
    expect(adapterForKey('linkedin-member:123')).toBe(linkedin);
    expect(keyToUrl('linkedin:łukasz-żółć')).toBe('https://www.linkedin.com/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87/');
    expect(keyToUrl('linkedin-member:123')).toBe('https://www.linkedin.com/profile/view?id=123');
  });

  it.each(['', 'anna', 'github-nope', 'unknown:anna', 'linkedin-member:abc', 'linkedinx:anna', 'linkedin:'])(
    'knows no adapter for the key %j',
    (key) => {
      expect(adapterForKey(key)).toBeUndefined();
      expect(keyToUrl(key)).toBeNull();
    },
  );
});
