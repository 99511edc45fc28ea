/**
 * XING profile pages (STYLE.md, "Site adapters"): pure functions of a URL and a parsed document.
 * Fixtures: tests/fixtures/xing (a 2024-style page and a 2020-style "malt" page, both written by us
 * from XING's data-qa conventions). The 2018-2021 selectors are the ones other projects' scrapers used
 * on real pages; the 2024 ones are our assumption until a saved real page confirms them.
 */
import { CAPS, cleanLine } from '../text';
import { meta, photoUrl, profile, text } from './dom';
import type { ExtractedProfile, SiteAdapter, SiteExamples } from './types';

type Root = ParentNode;

const PREFIX = 'xing:';
const HOST = /^(www\.)?xing\.com$/;
/** Sub-pages of a profile that still show the same person: /profile/<slug>/cv is the full CV view. */
const SUB_PAGES = ['cv'];

// ---- Selectors (data). Tried in order; the first that yields text wins. ----

const NAME = [
  'main h1', // 2024 profile (assumed): the name is the page's one h1
  '[data-qa="malt-profile-display-name"]', // 2018-2021 "malt" profile: h2 > span
];
/** The header around the name: where the occupation, location and photo are. */
const HEADER = [
  'header', // 2024 (assumed)
  'section', // 2024 (assumed)
  '[class*="main-main"]', // 2018-2021: div.main-main-main-<hash>
];
/** The current occupation: first line job title, then the company (often a link to /pages/<company>). */
const OCCUPATION = [
  '[data-qa="profile-occupation-work_experience"]', // 2019-2021, assumed kept in 2024
  '[data-qa="profile-occupations"]', // 2018-2021: the block around all occupations
];
const LOCATION = '[data-qa="profile-location"]'; // 2018-2021, assumed kept in 2024
const COMPANY_LINK = 'a[href*="/pages/"]'; // company pages: xing.com/pages/<company>

// ---- Helpers ----

/** XING photos: https on a xing.com host, not its placeholders (/assets/..., nobody_m/nobody_f). */
const isPhoto = (u: URL) => /^https:\/\/([\w-]+\.)*xing\.com\/(?!assets\/)/.test(u.href) && !/nobody/i.test(u.href);

/** The normalized slug (percent-decoded, NFC, lower-cased), or null when it cannot be one. */
function normalSlug(raw: string): string | null {
  let slug: string;
  try {
    slug = decodeURIComponent(raw).normalize('NFC').toLowerCase();
  } catch {
    return null; // malformed % sequence
  }
  // No separators or spaces, no invisible characters, within the key cap.
  const ok = !/[\s/\\?#]|^\.\.?$/.test(slug) && cleanLine(slug, CAPS.key - PREFIX.length) === slug;
  return ok && slug ? slug : null;
}

/** `xing:<slug>` for a XING profile URL, else null. */
export function xingKeyFromUrl(url: URL): string | null {
  if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname) || url.port) return null;
  const [, top, slug, sub, ...rest] = url.pathname.split('/');
  const ok = top === 'profile' && slug && (!sub || SUB_PAGES.includes(sub)) && !rest.some(Boolean);
  const key = ok ? normalSlug(slug) : null;
  return key ? PREFIX + key : null;
}

function keyToUrl(key: string): string | null {
  try {
    const url = key.startsWith(PREFIX) ? `https://www.xing.com/profile/${encodeURIComponent(key.slice(PREFIX.length))}` : '';
    return url && xingKeyFromUrl(new URL(url)) === key ? url : null;
  } catch {
    return null; // a lone surrogate cannot be encoded
  }
}

/** The profile the page itself says it shows (canonical link or og:url), when it says. */
function shownKey(root: Root): string | null {
  const href = root.querySelector('link[rel=canonical]')?.getAttribute('href') ?? meta(root, 'og:url');
  try {
    return href ? xingKeyFromUrl(new URL(href, 'https://www.xing.com/')) : null;
  } catch {
    return null;
  }
}

/** What the page shows about the person at `url`: nothing when the page says it shows someone else. */
function read(root: Root, url: URL): Partial<ExtractedProfile> {
  const key = xingKeyFromUrl(url);
  const shown = shownKey(root);
  const out: Partial<ExtractedProfile> = {};
  if (!key || (shown && shown !== key)) return out;
  const h = NAME.map((s) => root.querySelector(s)).find((el) => text(el, CAPS.name));
  if (h) {
    const header = HEADER.map((s) => h.closest(s)).find(Boolean) ?? h.closest('main') ?? root;
    out.name = text(h, CAPS.name);
    const job = OCCUPATION.map((s) => header.querySelector(s)).find(Boolean);
    const lines = [...(job?.children ?? [])].map((el) => text(el, CAPS.headline)).filter(Boolean);
    out.headline = lines[0] ?? text(job, CAPS.headline);
    out.company = text(job?.querySelector(COMPANY_LINK), CAPS.company) || cleanLine(lines[1], CAPS.company);
    out.location = text(header.querySelector(LOCATION), CAPS.location);
    // The photo is the header image named after the person.
    for (const img of header.querySelectorAll('img')) {
      if (cleanLine(img.getAttribute('alt'), CAPS.name) === out.name) out.photoUrl ??= photoUrl(img.getAttribute('src'), url, isPhoto);
    }
  }
  if (shown) {
    // og tags describe the profile the server sent: used only when the page says it is this one.
    // og:title: "Anna Nowak - Head of Sales - Acme GmbH | XING"
    out.name ||= cleanLine(meta(root, 'og:title')?.replace(/ \| XING$/, '').split(' - ')[0], CAPS.name);
    out.photoUrl ??= photoUrl(meta(root, 'og:image'), url, isPhoto);
  }
  return out;
}

function extract(root: Root, url: URL): ExtractedProfile {
  const key = xingKeyFromUrl(url);
  return profile('xing', key ? [key] : [], (key && keyToUrl(key)) ?? '', read(root, url));
}

/** True once the page shows the profile at `url` with a name. */
const pageShows = (root: Root, url: URL) => !!read(root, url).name;

export const xing: SiteAdapter = {
  id: 'xing',
  isProfileUrl: (url) => xingKeyFromUrl(url) !== null,
  profileKey: xingKeyFromUrl,
  keyToUrl,
  pageShows,
  extract,
};

/** Example URLs for the cross-adapter tests (a separate export, so they never ship in a content script). */
export const examples: SiteExamples = {
  profiles: ['https://www.xing.com/profile/Anna_Nowak', 'https://www.xing.com/profile/J%C3%BCrgen_M%C3%BCller/cv'],
  others: ['https://www.xing.com/jobs/berlin-head-of-sales-123', 'https://www.xing.com/pages/acme-gmbh', 'https://www.xing.com/profile/'],
};
