/**
 * X (Twitter) profile pages (STYLE.md, "Site adapters"): pure functions of a URL and a parsed document.
 * Fixtures: tests/fixtures/x (2024-style pages we wrote).
 *
 * X's class names are generated (css-175oi2r r-...) and change with every deploy; its data-testid
 * attributes and the profile's JSON-LD have stayed. The page also shows the viewer (the side
 * navigation's account switcher) and "Follows you" beside the name: neither belongs to the person.
 */
import { CAPS, cleanLine } from '../text';
import { photoUrl, profile, text } from './dom';
import type { ExtractedProfile, SiteAdapter, SiteExamples } from './types';

type Root = ParentNode;

const PREFIX = 'x:';
const HOST = /^(www\.|mobile\.)?(x|twitter)\.com$/;
/** Handles: 1-15 letters, digits or underscores. */
const HANDLE = /^\w{1,15}$/;
/** Top-level pages that are not people (X reserves these names). */
const RESERVED = new Set(
  ('about account compose download explore hashtag home i intent jobs login logout messages notifications ' +
    'privacy search settings share signup tos'
  ).split(' '),
);
/**
 * Tabs of a profile that keep its header on screen: still the profile. Posts (/status/<id>) and the
 * lists of other people (/followers, /following, /lists...) are not.
 */
const TABS = new Set('with_replies media highlights articles likes superfollows affiliates photo header_photo'.split(' '));

// ---- Selectors (data) ----

/** The name block: display name, @handle, and possibly a "Follows you" badge (2020-2025). */
const USER_NAME = '[data-testid="UserName"]';
const FOLLOWS_YOU = '[data-testid="userFollowIndicator"]';
const BIO = '[data-testid="UserDescription"]'; // 2020-2025
const LOCATION = '[data-testid="UserLocation"]'; // 2020-2025, inside UserProfileHeader_Items
/** Avatars are wrapped in UserAvatar-Container-<handle> (2021-2025): the viewer's carries the viewer's handle. */
const AVATAR = '[data-testid^="UserAvatar-Container-"]';
/** JSON-LD ProfilePage (2023-2025): mainEntity (2024-) or author (2023) is the person. */
const JSON_LD = 'script[type="application/ld+json"]';

// ---- Helpers ----

/** Profile photos come from pbs.twimg.com/profile_images only (the default avatar lives elsewhere). */
const isProfileImage = (u: URL) => /^https:\/\/pbs\.twimg\.com\/profile_images\//.test(u.href);

/** `x:<handle>` for an X or Twitter profile URL, else null. */
export function xKeyFromUrl(url: URL): string | null {
  if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname) || url.port) return null;
  const [, handle, tab, ...rest] = url.pathname.split('/');
  const h = handle.toLowerCase();
  const ok = HANDLE.test(h) && !RESERVED.has(h) && (!tab || TABS.has(tab)) && !rest.some(Boolean);
  return ok ? PREFIX + h : null;
}

function keyToUrl(key: string): string | null {
  const url = key.startsWith(PREFIX) ? `https://x.com/${key.slice(PREFIX.length)}` : '';
  return url && xKeyFromUrl(new URL(url)) === key ? url : null;
}

interface LdPerson {
  additionalName?: unknown;
  name?: unknown;
  givenName?: unknown;
  description?: unknown;
  homeLocation?: { name?: unknown };
  image?: { contentUrl?: unknown } | string;
}

/** The JSON-LD person, only when it is the profile at `handle` (it can lag behind an in-app navigation). */
function ldPerson(root: Root, handle: string): LdPerson | undefined {
  for (const script of root.querySelectorAll(JSON_LD)) {
    try {
      const ld = JSON.parse(script.textContent ?? '') as { mainEntity?: LdPerson; author?: LdPerson };
      const p = ld.mainEntity ?? ld.author;
      const name = p?.additionalName;
      if (typeof name === 'string' && name.toLowerCase() === handle) return p;
    } catch {
      // not JSON: skip it
    }
  }
  return undefined;
}

/**
 * The display name and the handle from the name block, skipping "Follows you" and the verified badge.
 * The handle is the last "@word" line: a display name may itself look like "@anna".
 */
function nameBlock(root: Root) {
  const lines: string[] = [];
  for (const el of root.querySelector(USER_NAME)?.querySelectorAll('[dir]') ?? []) {
    const t = el.closest(FOLLOWS_YOU) ? '' : text(el, CAPS.name);
    if (t) lines.push(t);
  }
  const at = lines.findLastIndex((t) => /^@\w{1,15}$/.test(t));
  return { name: lines.find((_, i) => i !== at) ?? '', handle: at < 0 ? '' : lines[at].slice(1).toLowerCase() };
}

/** What the page shows about the person at `url`: nothing while it shows someone else. */
function read(root: Root, url: URL): Partial<ExtractedProfile> {
  const handle = xKeyFromUrl(url)?.slice(PREFIX.length);
  const shown = nameBlock(root);
  // The name block says whose profile is on screen (after an in-app navigation, maybe the previous one).
  if (!handle || (shown.handle && shown.handle !== handle)) return {};
  const ld = ldPerson(root, handle);
  // The name block's avatar container is named after its handle; the viewer's after the viewer's.
  let photo: string | undefined;
  for (const el of root.querySelectorAll(AVATAR)) {
    if (el.getAttribute('data-testid')!.slice(21).toLowerCase() === handle) photo ??= photoUrl(el.querySelector('img')?.getAttribute('src'), url, isProfileImage);
  }
  const image = ld?.image; // an ImageObject (2023-2025), or a bare URL
  return {
    name: shown.name || cleanLine(ld?.name || ld?.givenName, CAPS.name),
    headline: text(root.querySelector(BIO), CAPS.headline) || cleanLine(ld?.description, CAPS.headline),
    location: text(root.querySelector(LOCATION), CAPS.location) || cleanLine(ld?.homeLocation?.name, CAPS.location),
    photoUrl: photo ?? photoUrl((image as { contentUrl?: unknown } | undefined)?.contentUrl ?? image, url, isProfileImage),
  };
}

function extract(root: Root, url: URL): ExtractedProfile {
  const key = xKeyFromUrl(url);
  return profile('x', key ? [key] : [], (key && keyToUrl(key)) ?? '', read(root, url));
}

/** True once the page shows the profile at `url` with a name. */
const pageShows = (root: Root, url: URL) => !!read(root, url).name;

export const x: SiteAdapter = {
  id: 'x',
  isProfileUrl: (url) => xKeyFromUrl(url) !== null,
  profileKey: xKeyFromUrl,
  keyToUrl,
  pageShows,
  extract,
};

/** Example URLs for the cross-adapter tests (a separate export, so they never ship in a content script). */
export const examples: SiteExamples = {
  profiles: ['https://x.com/anna_nowak', 'https://twitter.com/AnnaNowak/media'],
  others: ['https://x.com/anna_nowak/status/1790000000000000000', 'https://x.com/home', 'https://x.com/i/bookmarks'],
};
