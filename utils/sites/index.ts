/** The site adapters Kith supports, and which one owns a key (STYLE.md, "Site adapters"). */
import { github, examples as githubExamples } from './github';
import { linkedin, examples as linkedinExamples } from './linkedin';
import { mastodon, examples as mastodonExamples } from './mastodon';
import type { SiteAdapter, SiteExamples } from './types';
import type { SiteId } from '../model/types';
import { x, examples as xExamples } from './x';
import { xing, examples as xingExamples } from './xing';

/**
 * Every supported site. No two claim one URL or one key (tests/unit/sites/registry.test.ts): Mastodon's
 * URL matcher, which takes /@user on any host since an instance can be anywhere, refuses the other
 * sites' hosts itself.
 */
export const adapters: SiteAdapter[] = [linkedin, github, x, xing, mastodon];

/** The adapter that owns a profile key ('linkedin:anna', 'linkedin-member:123', 'mastodon:anna@example.social'). */
export function adapterForKey(key: string): SiteAdapter | undefined {
  return adapters.find((a) => a.keyToUrl(key) !== null);
}

/** Each site's example URLs (for the cross-adapter tests). */
export const EXAMPLES: Record<SiteId, SiteExamples> = {
  linkedin: linkedinExamples,
  github: githubExamples,
  x: xExamples,
  xing: xingExamples,
  mastodon: mastodonExamples,
};
