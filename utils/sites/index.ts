/** The site adapters Kith supports, and lookups across them (STYLE.md, "Site adapters"). */
import { github, examples as githubExamples } from './github';
import { linkedin, examples as linkedinExamples } from './linkedin';
import { mastodon, examples as mastodonExamples } from './mastodon';
import type { SiteAdapter, SiteExamples } from './types';
import type { SiteId } from '../model/types';
import { x, examples as xExamples } from './x';
import { xing, examples as xingExamples } from './xing';

/**
 * In lookup order. Mastodon comes last: its URL matcher accepts /@user on any host (an instance can be
 * anywhere), so every site with a host of its own must have had its say first. (It also refuses the
 * other adapters' hosts itself, so the order is a second guard, not the only one.)
 */
export const adapters: SiteAdapter[] = [linkedin, github, x, xing, mastodon];

/** The adapter for a profile page URL, or undefined when no supported site shows a profile there. */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return adapters.find((a) => a.isProfileUrl(url));
}

/** The adapter that owns a profile key ('linkedin:anna', 'linkedin-member:123', 'mastodon:anna@example.social'). */
export function adapterForKey(key: string): SiteAdapter | undefined {
  return adapters.find((a) => a.keyToUrl(key) !== null);
}

/** The canonical profile URL for a key, or null when no adapter knows the key. */
export function keyToUrl(key: string): string | null {
  return adapterForKey(key)?.keyToUrl(key) ?? null;
}

/** Each site's example URLs (for the cross-adapter tests). */
export const EXAMPLES: Record<SiteId, SiteExamples> = {
  linkedin: linkedinExamples,
  github: githubExamples,
  x: xExamples,
  xing: xingExamples,
  mastodon: mastodonExamples,
};
