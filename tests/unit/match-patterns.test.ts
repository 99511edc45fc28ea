import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../utils/match-patterns';

describe('matchesPattern', () => {
  const p = 'https://*.linkedin.com/*';
  it('matches the host, its subdomains, and any path', () => {
    expect(matchesPattern('https://www.linkedin.com/in/anna/', p)).toBe(true);
    expect(matchesPattern('https://linkedin.com/feed/', p)).toBe(true);
    expect(matchesPattern('https://pl.linkedin.com/in/a?x=1', p)).toBe(true);
  });
  it('refuses look-alikes, other schemes and junk', () => {
    expect(matchesPattern('https://linkedin.com.evil.example/in/a', p)).toBe(false);
    expect(matchesPattern('https://evillinkedin.com/in/a', p)).toBe(false);
    expect(matchesPattern('http://www.linkedin.com/in/a', p)).toBe(false);
    expect(matchesPattern('chrome-extension://abc/popup.html', p)).toBe(false);
    expect(matchesPattern('not a url', p)).toBe(false);
    expect(matchesPattern('https://mastodon.social/@anna', p)).toBe(false);
  });
  it('honours the path part', () => {
    expect(matchesPattern('https://github.com/anna', 'https://github.com/*')).toBe(true);
    expect(matchesPattern('https://github.com/anna', 'https://github.com/orgs/*')).toBe(false);
  });
});
