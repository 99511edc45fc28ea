/**
 * LinkedIn profile pages (STYLE.md, "Site adapters"). Everything here is a pure function of a URL and a
 * parsed document: no `document`, no `window`, so tests pass saved pages. The selectors are data, each
 * naming the page variant it serves; the saved pages they were checked against are in
 * ../shared/fixtures/real-pages (2013-2024) and tests/fixtures/linkedin (2025-style pages we wrote).
 */
import { CAPS, cleanLine } from '../text';
import { firstText, photoUrl, profile, text } from './dom';
import type { ExtractedProfile, SiteAdapter, SiteExamples } from './types';

type Root = ParentNode;

const SLUG = 'linkedin:';
const MEMBER = 'linkedin-member:';
/** Any country or mobile subdomain of linkedin.com, or none; never `linkedin.com.evil.com`. */
const HOST = /(^|\.)linkedin\.com$/;
/** Sub-pages of a profile that still show (or overlay) the same person; dropped from the key. */
const SUB_PAGES = ['overlay', 'recent-activity', 'details', 'detail', 'edit'];
/** A trailing locale suffix: /in/anna/en/, /in/anna/pl, /in/anna/zh-cn. */
const LOCALE = /^[a-z]{2}([-_][a-z]{2})?$/i;
const DIGITS = /^[1-9]\d{0,19}$/;

/** The normalized slug, or null when it cannot be a LinkedIn vanity name. */
function normalSlug(raw: string): string | null {
  let slug: string;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    return null; // malformed % sequence: not a key we can trust
  }
  slug = slug.toLowerCase().normalize('NFC');
  const ok =
    slug !== '.' &&
    slug !== '..' &&
    !/[\s/\\?#]/.test(slug) &&
    cleanLine(slug, CAPS.key - SLUG.length) === slug; // no invisible characters, not over the cap
  return ok && slug ? slug : null;
}

/** `linkedin:<slug>` or `linkedin-member:<id>` for a LinkedIn profile URL, else null. */
export function linkedinKeyFromUrl(url: URL): string | null {
  if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname)) return null;
  const [, top, slug, ...rest] = url.pathname.split('/');
  if (top === 'profile' && slug === 'view' && !rest.some(Boolean)) {
    const id = url.searchParams.get('id'); // old style: /profile/view?id=123
    return id && DIGITS.test(id) ? MEMBER + id : null;
  }
  if (top !== 'in' || !slug) return null;
  const tail = rest.filter(Boolean);
  const profilePage =
    tail.length === 0 || SUB_PAGES.includes(tail[0]) || (tail.length === 1 && LOCALE.test(tail[0]));
  const key = profilePage ? normalSlug(slug) : null;
  return key ? SLUG + key : null;
}

function keyToUrl(key: string): string | null {
  if (key.startsWith(MEMBER)) {
    const id = key.slice(MEMBER.length);
    return DIGITS.test(id) ? `https://www.linkedin.com/profile/view?id=${id}` : null;
  }
  if (!key.startsWith(SLUG)) return null;
  try {
    const slug = encodeURIComponent(key.slice(SLUG.length));
    return normalSlug(slug) ? `https://www.linkedin.com/in/${slug}/` : null; // e.g. no empty slug, no '/'
  } catch {
    return null; // a lone surrogate cannot be encoded
  }
}

// ---- Selectors (data). Tried in order; the first that yields text wins. ----

/** The name heading: the first h1 of the main column. */
const NAME = [
  'main h1', // 2016 public, 2022-2025 logged in, 2024 public
  '[role=main] h1', // 2018 logged in (div.core-rail role=main)
];
/** Only on pages without a main landmark (2013 public), so a stray h1 in a nav is never taken for a name. */
const NAME_NO_MAIN = 'h1';

/** The top card: the nearest of these around the name heading, tried in this order. */
const CARD = [
  'section', // 2016 public #topcard, 2018-2025 logged in, 2024 public .top-card-layout
  '.hresume', // 2013 public: the masthead alone lacks the current position
  '.vcard', // 2015 public .profile-card
];

const HEADLINE = [
  '.pv-top-card-section__headline', // 2018 logged in
  '.top-card-layout__headline', // 2024 public
  '.text-body-medium', // 2022-2024 logged in
  'p.title', // 2013-2016 public (hCard title)
];

const LOCATION = [
  '.pv-top-card-section__location', // 2018 logged in
  '.locality', // 2013-2016 public (hCard)
];

/** The contact-info link or trigger; the top card's location is the text just before it. */
const CONTACT = [
  'a[href*="/overlay/contact-info"]', // 2022-2025 logged in: /in/<slug>/overlay/contact-info/
  '[data-modal*="contact-info"]', // 2024 public: a span that opens a sign-in modal
];

const COMPANY = [
  '[aria-label^="Current company"]', // 2022-2025 logged in ("Current company: X. Click to skip...")
  '.pv-top-card-v2-section__company-name', // 2018-12 logged in
  '.pv-top-card-section__company', // 2018-02 logged in
  '[data-section=currentPositionsDetails] li, [data-section=currentPositionsDetails] a', // 2016, 2024 public
  '#overview-summary-current td a', // 2015 public
  '.summary-current .org', // 2013 public
];

/** Photo elements when no image in the top card has the person's name as alt text. */
const PHOTO = [
  '.pv-top-card-section__photo', // 2018-12 logged in: CSS background-image on a div
  '.pv-top-card-section__photo-wrapper img', // 2018-02 logged in self-view (alt "Edit photo")
  '.profile-picture img', // 2015-2016 public (2016: lazy, data-delayed-url)
  '.top-card__profile-image', // 2024 public
];

// ---- Helpers ----

function nameHeading(root: Root): Element | null {
  for (const s of root.querySelector('main,[role=main]') ? NAME : [NAME_NO_MAIN]) {
    const h = root.querySelector(s);
    if (h && text(h, CAPS.name)) return h;
  }
  return null;
}

function topCard(h1: Element, root: Root): ParentNode {
  for (const s of CARD) {
    const card = h1.closest(s);
    if (card) return card;
  }
  return h1.closest('main') ?? root;
}

/** The profile the page itself says it shows: the top card's contact-info link, else the canonical link. */
function pageKey(root: Root, card: ParentNode): string | null {
  const href =
    card.querySelector(CONTACT[0])?.getAttribute('href') ??
    root.querySelector('link[rel=canonical]')?.getAttribute('href');
  try {
    return href ? linkedinKeyFromUrl(new URL(href, 'https://www.linkedin.com/')) : null;
  } catch {
    return null;
  }
}

/**
 * A photo worth saving: on LinkedIn's photo CDN (*.licdn.com, the only photo host Kith may reach), and
 * not the ghost placeholder. Anything else a page puts in a photo slot is ignored.
 */
const isFace = (u: URL) =>
  /^https?:$/.test(u.protocol) &&
  /\.licdn\.com$/.test(u.hostname) &&
  u.hostname !== 'static.licdn.com' && // placeholders and icons, never a member's face
  !/ghost/i.test(u.href);

function photoOf(el: Element | null | undefined, base: URL): string | undefined {
  if (!el || /ghost/i.test(el.getAttribute('class') ?? '')) return undefined;
  const bg = /url\((['"]?)(.+?)\1\)/.exec(el.getAttribute('style') ?? '');
  for (const raw of [el.getAttribute('data-delayed-url'), el.getAttribute('src'), bg?.[2]]) {
    const u = photoUrl(raw, base, isFace);
    if (u) return u;
  }
  return undefined;
}

/** The first block after the name heading (2025 logged in: no class names left to go by). */
function textAfter(h1: Element, card: ParentNode, cap: number): string {
  for (let el: Element | null = h1; el && el !== card; el = el.parentElement) {
    for (let s = el.nextElementSibling; s; s = s.nextElementSibling) {
      // Skip badges ("3rd degree connection") and blocks with links or buttons (location, company).
      if (!s.matches('div,p,h2') || s.querySelector('a,button,img')) continue;
      const t = text(s, cap);
      if (t) return t;
    }
  }
  return '';
}

function locationBefore(contact: Element | null, card: ParentNode): string {
  for (let el = contact; el && el !== card; el = el.parentElement) {
    const t = text(el.previousElementSibling, CAPS.location);
    if (t) return t;
  }
  return '';
}

function company(card: ParentNode): string {
  const el = card.querySelector(COMPANY[0]);
  const label = cleanLine(
    el?.getAttribute('aria-label')?.replace(/^\s*Current company:?/i, '').replace(/\.\s*Click to skip[^]*$/i, ''),
    CAPS.company,
  );
  return text(el, CAPS.company) || label || firstText(card, COMPANY.slice(1), CAPS.company);
}

/** The member id of the person in the top card (never the viewer's, which only the <code> blobs hold). */
function memberId(h1: Element, root: Root, name: string): string | undefined {
  // 2022-2025 logged in: <section data-member-id> around the name.
  let id = h1.closest('[data-member-id]')?.getAttribute('data-member-id');
  // 2015 public: div#member-<id>.masthead inside the vCard. (2013's masthead is itself the vCard and
  // its id, member-1, is an index, not a member id.)
  id ??= /^member-(\d+)$/.exec(h1.closest('.masthead[id^="member-"]:not(.vcard)')?.id ?? '')?.[1];
  if (!id) {
    // 2013 public: /profile/view?id=<id> links labelled with the person's name; only when they agree.
    const ids = new Set<string>();
    for (const a of root.querySelectorAll('a[href*="/profile/view?id="]')) {
      if (text(a, CAPS.name) === name) ids.add(/[?&]id=(\d+)/.exec(a.getAttribute('href') ?? '')?.[1] ?? '');
    }
    if (ids.size === 1) [id] = ids;
  }
  return id && DIGITS.test(id) ? id : undefined;
}

// ---- The adapter ----

/** Reads the person at `url` (call it once pageShows is true; on a non-profile URL, keys and url are empty). */
function extract(root: Root, url: URL): ExtractedProfile {
  const key = linkedinKeyFromUrl(url);
  const h1 = nameHeading(root);
  const shown: Partial<ExtractedProfile> = {};
  let id: string | undefined;
  if (h1) {
    const card = topCard(h1, root);
    const name = (shown.name = text(h1, CAPS.name));
    shown.headline = firstText(card, HEADLINE, CAPS.headline) || textAfter(h1, card, CAPS.headline);
    shown.company = company(card);
    shown.location =
      firstText(card, LOCATION, CAPS.location) || locationBefore(card.querySelector(CONTACT.join(',')), card);
    // The photo: an image in the top card named after the person (alt or title), else the known spots.
    for (const img of card.querySelectorAll('img')) {
      const label = cleanLine(img.getAttribute('alt') || img.getAttribute('title'), CAPS.name);
      if (label === name) shown.photoUrl ??= photoOf(img, url);
    }
    for (const s of PHOTO) shown.photoUrl ??= photoOf(card.querySelector(s), url);
    id = memberId(h1, root, name);
  }
  // Public pages: og:image is the member's photo (or the ghost placeholder, which isFace rejects).
  shown.photoUrl ??= photoUrl(root.querySelector('meta[property="og:image"]')?.getAttribute('content'), url, isFace);
  const keys = [...new Set([key, id && MEMBER + id])].filter((k): k is string => !!k);
  return profile('linkedin', keys, (key && keyToUrl(key)) ?? '', shown);
}

function pageShows(root: Root, url: URL): boolean {
  const key = linkedinKeyFromUrl(url);
  const h1 = nameHeading(root);
  if (!key || !h1) return false;
  const card = topCard(h1, root);
  if (key.startsWith(MEMBER)) {
    const id = memberId(h1, root, text(h1, CAPS.name));
    return !id || MEMBER + id === key;
  }
  const shown = pageKey(root, card);
  return !shown || shown === key;
}

export const linkedin: SiteAdapter = {
  id: 'linkedin',
  isProfileUrl: (url) => linkedinKeyFromUrl(url) !== null,
  profileKey: linkedinKeyFromUrl,
  keyToUrl,
  pageShows,
  extract,
};

/** Example URLs for the cross-adapter tests (a separate export, so they never ship in a content script). */
export const examples: SiteExamples = {
  profiles: [
    'https://www.linkedin.com/in/anna-nowak/',
    'https://pl.linkedin.com/in/%C5%82ukasz/details/experience/',
    'https://www.linkedin.com/profile/view?id=123',
  ],
  others: [
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/company/acme/',
    'https://www.linkedin.com/in/',
    'https://linkedin.com.evil.com/in/anna',
  ],
};
