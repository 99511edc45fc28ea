/**
 * Page-reading helpers every site adapter uses (STYLE.md, "Site adapters"). Pure like the adapters:
 * they read only the parsed document and URL they are given. What a site accepts as a photo, and which
 * selectors it tries, stay in its adapter; only the mechanics live here.
 */
import { CAPS, cleanLine } from '../text';
import type { SiteId } from '../model/types';
import type { ExtractedProfile } from './types';

/** An element's text on one clean line within `cap`; '' when there is no element. */
export function text(el: Element | null | undefined, cap: number): string {
  return cleanLine(el?.textContent, cap);
}

/** The text of the first of `selectors` (alternatives, tried in order) that has any in `scope`. */
export function firstText(scope: ParentNode, selectors: string[], cap: number): string {
  for (const s of selectors) {
    const t = text(scope.querySelector(s), cap);
    if (t) return t;
  }
  return '';
}

/** A `<meta property>` tag's content (og:title, og:image, profile:username...). */
export const meta = (root: ParentNode, property: string) =>
  root.querySelector(`meta[property="${property}"]`)?.getAttribute('content');

/**
 * `raw` (an attribute or JSON-LD value) as an absolute photo URL, when the site's rule `accepts` it and
 * it fits the URL cap; else undefined. Each site accepts only its own photo hosts, so the sidebar never
 * loads an image from a host the page chose.
 */
export function photoUrl(raw: unknown, base: URL, accepts: (u: URL) => boolean): string | undefined {
  try {
    const u = new URL((raw as string).trim(), base); // not a string: throws, so no photo
    if (raw && accepts(u) && u.href.length <= CAPS.url) return u.href;
  } catch {
    // no URL, or not one
  }
  return undefined;
}

type Field = 'name' | 'headline' | 'company' | 'location' | 'photoUrl';

/** What `extract` returns: the fields the page shows, and none it does not (absent, not empty). */
export function profile(site: SiteId, keys: string[], url: string, shown: Partial<ExtractedProfile>): ExtractedProfile {
  const got: ExtractedProfile = { site, keys, url, readable: !!shown.name, ...shown };
  for (const k in shown) if (!shown[k as Field]) delete got[k as Field];
  return got;
}
