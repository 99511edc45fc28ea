import type { SiteId } from '../model/types';

/** What a site adapter reads off a profile page. Fields the page does not show are absent. */
export interface ExtractedProfile {
  site: SiteId;
  /** Every key the page proves: the URL's key first, then e.g. 'linkedin-member:<id>'. */
  keys: string[];
  /** The profile's canonical URL, built from its key. */
  url: string;
  name?: string;
  headline?: string;
  company?: string;
  location?: string;
  photoUrl?: string;
  /** False when the page's markup could not be read (no name found): the UI asks the user for it. */
  readable: boolean;
}

/**
 * One adapter per site (STYLE.md, "Site adapters"): pure functions of a URL and a parsed document,
 * so tests pass saved pages and URLs.
 */
export interface SiteAdapter {
  id: SiteId;
  /** True for the site's profile pages (not posts, search, settings, the feed...). */
  isProfileUrl(url: URL): boolean;
  /** The normalized key for a profile URL ('linkedin:anna-nowak'), or null when it is not one. */
  profileKey(url: URL): string | null;
  /** The canonical profile URL for one of this site's keys. */
  keyToUrl(key: string): string | null;
  /**
   * True once the document shows the profile of `url` (after an in-app navigation the URL changes
   * before the page replaces its DOM; until this is true, the old person is still on screen).
   */
  pageShows(root: ParentNode, url: URL): boolean;
  extract(root: ParentNode, url: URL): ExtractedProfile;
}

/** Example URLs, tested against every adapter: each must accept its own and reject the others'. */
export interface SiteExamples {
  profiles: string[];
  others: string[];
}
