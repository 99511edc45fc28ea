/**
 * GitHub user pages (STYLE.md, "Site adapters"): pure functions of a URL and a parsed document (no
 * `document`, no `window`). Fixtures: tests/fixtures/github (2024-style pages we wrote).
 *
 * Users and organisations share the URL shape github.com/<login>; only the page tells them apart.
 * An organisation is not a person: on its page pageShows is false and extract returns no key
 * (isGithubOrganization says why).
 */
import { CAPS, cleanLine } from '../text';
import { firstText, meta, photoUrl, profile, text } from './dom';
import type { ExtractedProfile, SiteAdapter, SiteExamples } from './types';

type Root = ParentNode;

const PREFIX = 'github:';
const HOST = /^(www\.)?github\.com$/;
/** GitHub's login rule: 1-39 letters, digits or single hyphens, no hyphen first or last. */
const LOGIN = /^(?!.{40})[a-z\d](-?[a-z\d])*$/i;
/**
 * Top-level pages that are not people (logins can never take these names). The ones reachable by
 * in-app navigation matter most: a URL this list misses would wait for a profile that never comes.
 */
const RESERVED = new Set(
  ('about apps codespaces collections contact copilot customer-stories dashboard discussions enterprise ' +
    'events explore features issues login logout marketplace new notifications organizations orgs pricing ' +
    'pulls readme search security settings signup sponsors stars team topics trending watching'
  ).split(' '),
);

// ---- Selectors (data). Tried in order; the first that yields text wins. ----

/** The profile card in the sidebar. */
const CARD = [
  '[itemtype$="schema.org/Person"]', // 2016-2025 user pages: the h-card div carries Person microdata
  '.h-card', // the same card by its microformat class, should the microdata go
];
const NAME = [
  '[itemprop=name]', // 2016-2025: span.p-name.vcard-fullname (empty when the user set no name)
  '.vcard-fullname', // 2014-2025
];
/** The login the card shows: which user the page is about after a Turbo navigation. */
const SHOWN_LOGIN = [
  '[itemprop=additionalName]', // 2016-2025: span.p-nickname.vcard-username
  '.vcard-username', // 2014-2025
];
const BIO = [
  '.p-note', // 2019-2025: div.p-note.user-profile-bio (its data-bio-text attribute holds the same text)
  '.user-profile-bio', // 2017-2025
];
const COMPANY = [
  '[itemprop=worksFor]', // 2016-2025: li.vcard-detail ("@acme-pl" links the organisation)
  '.p-org', // microformat inside that li
];
const LOCATION = [
  '[itemprop=homeLocation]', // 2016-2025: li.vcard-detail
  '.p-label', // microformat inside that li
];
const PHOTO = [
  '[itemprop=image] img', // 2019-2025: a[itemprop=image] > img.avatar-user (the full-size avatar)
  'img.avatar-user', // the same image, or the sticky bar's small copy
];
/** Organisation pages: Organization microdata (2020-2025 orghead) or the hovercard subject meta tag. */
const ORGANIZATION = '[itemtype$="schema.org/Organization"],meta[name="hovercard-subject-tag"][content^="organization:"]';

// ---- Helpers ----

/** Avatars come from GitHub's avatar CDN only (the background fetches photos from the sites' CDNs). */
const isAvatar = (u: URL) => /^https:\/\/avatars\.githubusercontent\.com\//.test(u.href);

/** `github:<login>` for a GitHub user (or organisation) page URL, else null. */
export function githubKeyFromUrl(url: URL): string | null {
  if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname) || url.port) return null;
  // One path segment: /<login> or /<login>/; ?tab=repositories etc. are tabs of the same profile.
  const login = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1].toLowerCase();
  return login && LOGIN.test(login) && !RESERVED.has(login) ? PREFIX + login : null;
}

function keyToUrl(key: string): string | null {
  const url = key.startsWith(PREFIX) ? `https://github.com/${key.slice(PREFIX.length)}` : '';
  return url && githubKeyFromUrl(new URL(url)) === key ? url : null;
}

/** True on an organisation's page (github.com/<org>): not a person, so not a profile Kith records. */
export function isGithubOrganization(root: Root): boolean {
  return !!root.querySelector(ORGANIZATION);
}

/** What the page shows about the user at `url`: nothing unless it shows that user (not another, not an org). */
function read(root: Root, url: URL): Partial<ExtractedProfile> {
  const key = githubKeyFromUrl(url);
  const card = CARD.map((s) => root.querySelector(s)).find(Boolean);
  const out: Partial<ExtractedProfile> = {};
  if (!key || isGithubOrganization(root)) return out;
  if (card) {
    // The card's login says whose page this is (after a Turbo navigation, maybe still the previous user's).
    const login = firstText(card, SHOWN_LOGIN, CAPS.name);
    if (login && PREFIX + login.toLowerCase() !== key) return out;
    // A user without a display name is known by the login.
    out.name = firstText(card, NAME, CAPS.name) || login;
    out.headline =
      cleanLine(card.querySelector('[data-bio-text]')?.getAttribute('data-bio-text'), CAPS.headline) ||
      firstText(card, BIO, CAPS.headline);
    // "@acme-pl" is a link to the organisation acme-pl: the name is the company.
    out.company = firstText(card, COMPANY, CAPS.company).replace(/^@/, '');
    out.location = firstText(card, LOCATION, CAPS.location);
    for (const s of PHOTO) out.photoUrl ??= photoUrl(card.querySelector(s)?.getAttribute('src'), url, isAvatar);
  } else {
    // Markup changed: the <title> "login (Full Name) · GitHub" has named the person for years.
    const m = /^(\S+) \((.+)\) · GitHub$/.exec(text(root.querySelector('title'), 400));
    if (m && PREFIX + m[1].toLowerCase() === key) out.name = cleanLine(m[2], CAPS.name);
    // og:image is the avatar of profile:username: only when that is the URL's user (og tags can lag).
    const user = meta(root, 'profile:username');
    if (user && PREFIX + user.toLowerCase() === key) out.photoUrl = photoUrl(meta(root, 'og:image'), url, isAvatar);
  }
  return out;
}

function extract(root: Root, url: URL): ExtractedProfile {
  const key = isGithubOrganization(root) ? null : githubKeyFromUrl(url);
  return profile('github', key ? [key] : [], (key && keyToUrl(key)) ?? '', read(root, url));
}

/** True once the page shows the user at `url` with a name (false on an organisation's page). */
const pageShows = (root: Root, url: URL) => !!read(root, url).name;

export const github: SiteAdapter = {
  id: 'github',
  isProfileUrl: (url) => githubKeyFromUrl(url) !== null,
  profileKey: githubKeyFromUrl,
  keyToUrl,
  pageShows,
  extract,
};

/** Example URLs for the cross-adapter tests (a separate export, so they never ship in a content script). */
export const examples: SiteExamples = {
  profiles: ['https://github.com/anna-nowak', 'https://github.com/AnnaNowak?tab=repositories'],
  others: ['https://github.com/anna-nowak/kith', 'https://github.com/settings/profile', 'https://github.com/explore'],
};
