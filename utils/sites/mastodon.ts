/**
 * Mastodon profile pages on any instance (STYLE.md, "Site adapters"): pure functions of a URL and a
 * parsed document. Fixtures: tests/fixtures/mastodon (4.2- to 4.5-style pages we wrote from
 * Mastodon's own views and components).
 *
 * Instances are many and their hosts say nothing, so the URL shape /@user is accepted on any host the
 * other adapters do not own, and the page must prove it is Mastodon (isMastodonPage) before anything is
 * read from it. A remote account viewed on another instance (/@user@home.example) is keyed by its home.
 */
import { CAPS, cleanLine } from '../text';
import { meta, photoUrl, profile, text } from './dom';
import type { ExtractedProfile, SiteAdapter, SiteExamples } from './types';

type Root = ParentNode;

const PREFIX = 'mastodon:';
/** Hosts of the other adapters, and big sites that also use /@name paths but are not Mastodon. */
const NOT_MASTODON = /(^|\.)((linkedin|github|x|twitter|xing|medium|youtube|tiktok|threads)\.com|threads\.net)$/;
/** /@user, /@user@domain, /web/@user (the 3.x web app's prefix), and the profile's own tabs. */
const PATH = /^\/(?:web\/)?@([^/@]+)(?:@([^/@]+))?(?:\/(?:with_replies|media|featured))?\/?$/;
/** Mastodon usernames: letters, digits, underscores; dots and hyphens inside (remote software). */
const USER = /^\w+([.-]+\w+)*$/;

// ---- Selectors (data) ----

/** Mastodon's own page: the web app's root (4.0-4.5) or its initial state script (4.0-4.5). */
const MASTODON = '#mastodon[data-props],script#initial-state';
/** One account header per profile column (the advanced layout can show several). */
const HEADER = '.account__header'; // 3.0-4.5
/** The name and handle block inside a header (3.x-4.5). */
const NAME_BLOCK = '.account__header__tabs__name';
const NAME = [
  'h1 > bdi', // 4.3-4.5: <bdi><span>Name</span></bdi>
  'h1 > span', // 3.x-4.2: <span>Name</span> <small>...</small>
];
const HANDLE = [
  'small > span', // 4.2-4.4: "@anna@host" (4.3: the host in span.invisible)
  'small', // 3.x-4.1: "@anna" for local accounts
  'h1 + p', // 4.5 redesign: "anna@" + the domain pill
];
const BIO = '.account__header__content'; // 3.x-4.5: the note, as paragraphs
const AVATAR = '.account__header__tabs .account__avatar img'; // 3.x-4.5 (a.avatar's href is the original)
/** Profile field labels for a location (people write them in their own language). */
const LOCATION_LABEL = /^(location|based in|lokalizacja|miejsce|ort|standort|wohnort|lieu|localisation|ubicaci[oó]n|locatie|posizione)$/i;

// ---- Helpers ----

/**
 * Avatars come from the instance's own host or a subdomain of it (files.mastodon.social, media.<host>),
 * where an instance keeps its media (for remote accounts, its cache of them): https only, not the
 * "missing" placeholder. A CDN elsewhere (cdn.masto.host, a bucket) is a host the page chose: ignored.
 */
const isAvatar = (base: URL) => (u: URL) =>
  u.protocol === 'https:' && `.${u.hostname}`.endsWith(`.${base.hostname}`) && !/\/missing\.png$/.test(u.pathname);

/** A lower-case host in ASCII (punycode) form, or '' when `raw` is not a domain name (no IP, no port) Mastodon may have. */
function hostOf(raw: string): string {
  try {
    const decoded = decodeURIComponent(raw);
    const h = new URL(`https://${decoded}/`).host; // IDNs become punycode; a port would stay in `host`
    return !/[\s/\\?#:@%]/.test(decoded) && /^([a-z\d-]+\.)+[a-z][a-z\d-]*$/.test(h) && !NOT_MASTODON.test(h) ? h : '';
  } catch {
    return '';
  }
}

/** `user@host` in lower case, or '' when they are not a Mastodon account. */
function account(user: string, host: string): string {
  const h = hostOf(host);
  return USER.test(user) && h ? `${user}@${h}`.toLowerCase() : '';
}

/** `mastodon:<user>@<home instance>` for a profile URL on any instance, else null. */
export function mastodonKeyFromUrl(url: URL): string | null {
  const m = url.protocol === 'https:' && !url.port && !url.username ? PATH.exec(url.pathname) : null;
  const acct = m ? account(m[1], m[2] ?? url.hostname) : '';
  return acct && (PREFIX + acct).length <= CAPS.key && hostOf(url.hostname) ? PREFIX + acct : null;
}

function keyToUrl(key: string): string | null {
  const m = /^mastodon:([^@/]+)@([^@/]+)$/.exec(key);
  const url = m ? `https://${m[2]}/@${m[1]}` : '';
  try {
    return url && mastodonKeyFromUrl(new URL(url)) === key ? url : null;
  } catch {
    return null;
  }
}

/** True when the page is served by Mastodon (the URL alone cannot say: any host may run it). */
export function isMastodonPage(root: Root): boolean {
  return !!root.querySelector(MASTODON);
}

/** `user@host` from a header's handle ("@anna", "@anna@host", "anna@host"), with `host` for local ones. */
function handleOf(header: Element, host: string): string {
  const block = header.querySelector(NAME_BLOCK);
  for (const s of HANDLE) {
    const m = /^@?([^@\s]+)(?:@(\S+))?/.exec(text(block?.querySelector(s), CAPS.key));
    if (m) return account(m[1], m[2] ?? host);
  }
  return '';
}

/** What the page shows about the account at `url`: nothing unless the page shows that account. */
function read(root: Root, url: URL): Partial<ExtractedProfile> {
  const key = mastodonKeyFromUrl(url);
  const out: Partial<ExtractedProfile> = {};
  if (!key || !isMastodonPage(root)) return out;
  // The header of this account, else one that shows no handle to compare. A header of another account
  // (the previous one, during an in-app navigation, or another column) is never read.
  const headers = [...root.querySelectorAll(HEADER)].map((h) => ({ h, acct: handleOf(h, url.hostname) }));
  const h = (headers.find((x) => PREFIX + x.acct === key) ?? headers.find((x) => !x.acct))?.h;
  if (h) {
    const block = h.querySelector(NAME_BLOCK);
    out.name = NAME.map((s) => text(block?.querySelector(s), CAPS.name)).find(Boolean);
    const bio = h.querySelector(BIO);
    out.headline = text(bio?.querySelector('p') ?? bio, CAPS.headline);
    for (const dt of h.querySelectorAll('dt')) {
      if (LOCATION_LABEL.test(text(dt, 40))) out.location ||= text(dt.nextElementSibling, CAPS.location);
    }
    out.photoUrl = photoUrl(h.querySelector(AVATAR)?.getAttribute('src'), url, isAvatar(url));
  } else if (!headers.length && PREFIX + cleanLine(meta(root, 'profile:username'), CAPS.key).toLowerCase() === key) {
    // Before the web app renders (or if its markup changed): the og tags the server wrote for this
    // account. In-app navigation never updates them, hence the check against the URL.
    // og:title: "Anna Nowak (@anna@mastodon.example.pl)"; og:description: "12 posts, ... · <bio>"
    out.name = cleanLine(meta(root, 'og:title')?.replace(/\s*\(@[^()]*\)$/, ''), CAPS.name);
    out.headline = cleanLine(meta(root, 'og:description')?.split(' · ').slice(1).join(' · '), CAPS.headline);
    out.photoUrl = photoUrl(meta(root, 'og:image'), url, isAvatar(url));
  }
  return out;
}

function extract(root: Root, url: URL): ExtractedProfile {
  const key = isMastodonPage(root) ? mastodonKeyFromUrl(url) : null;
  return profile('mastodon', key ? [key] : [], (key && keyToUrl(key)) ?? '', read(root, url));
}

/** True once the page shows the account at `url` with a name (a Mastodon page, this account's header). */
const pageShows = (root: Root, url: URL) => !!read(root, url).name;

export const mastodon: SiteAdapter = {
  id: 'mastodon',
  isProfileUrl: (url) => mastodonKeyFromUrl(url) !== null,
  profileKey: mastodonKeyFromUrl,
  keyToUrl,
  pageShows,
  extract,
};

/** Example URLs for the cross-adapter tests (a separate export, so they never ship in a content script). */
export const examples: SiteExamples = {
  profiles: ['https://mastodon.social/@anna', 'https://mastodon.example.pl/@jan@fosstodon.org'],
  others: ['https://mastodon.social/@anna/112233445566778899', 'https://mastodon.social/home', 'https://mastodon.social/settings/profile'],
};
