/** The site adapters Kith supports, and lookups across them (STYLE.md, "Site adapters"). */
import { linkedin } from './linkedin';
import type { SiteAdapter } from './types';

export const adapters: SiteAdapter[] = [linkedin];

/** The adapter for a profile page URL, or undefined when no supported site shows a profile there. */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return adapters.find((a) => a.isProfileUrl(url));
}

/** The adapter that owns a profile key ('linkedin:anna', 'linkedin-member:123'). */
export function adapterForKey(key: string): SiteAdapter | undefined {
  return adapters.find((a) => a.keyToUrl(key) !== null);
}

/** The canonical profile URL for a key, or null when no adapter knows the key. */
export function keyToUrl(key: string): string | null {
  return adapterForKey(key)?.keyToUrl(key) ?? null;
}
