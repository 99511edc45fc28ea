/** Helpers for text that came from a web page or a file: it is data, capped and cleaned before it is stored. */

import { CAPS } from './model/caps';

// The site adapters cap what they read from a page with these, next to cleanLine.
export { CAPS };

// Bidi overrides/isolates and zero-width characters are invisible and let a page disguise text.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// What cleanLine / cleanText would change. Text that is already clean (most text, and all of a file Kith
// wrote) is returned as it is, at a fraction of the cost: imports clean 30,000 people's fields at once.
// eslint-disable-next-line no-control-regex
const LINE_NEEDS_CLEANING = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[^\S ]| {2}|^ | $/;
// eslint-disable-next-line no-control-regex
const TEXT_NEEDS_CLEANING = /[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Removes control and invisible formatting characters, collapses whitespace, trims and caps. */
export function cleanLine(value: unknown, cap: number): string {
  if (typeof value !== 'string') return '';
  if (value.length <= cap && !LINE_NEEDS_CLEANING.test(value)) return value;
  return value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().slice(0, cap);
}

/** Like cleanLine but keeps line breaks (for notes). */
export function cleanText(value: unknown, cap: number): string {
  if (typeof value !== 'string') return '';
  if (value.length <= cap && !TEXT_NEEDS_CLEANING.test(value)) return value;
  return value
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .slice(0, cap);
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cased, diacritic-free form used for search and sorting: "Łukasz Żółć" -> "lukasz zolc". */
export function fold(value: string): string {
  // All-ASCII text has no marks and none of the letters mapped below: lower-casing is the whole job.
  if (ASCII.test(value)) return value.toLowerCase();
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** The words of a text for the search index: folded, split on anything that is not a letter or digit. */
export function words(value: string | undefined): string[] {
  if (!value) return [];
  const folded = fold(value);
  return folded
    .split(ASCII.test(folded) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The names in `lists` other than `name`, each once, comparing as search does (ignoring case and
 * accents), in the order given, at most CAPS.mergedNames; undefined when none are left. What an event
 * keeps of the names of the events merged into it.
 */
export function otherNames(name: string, ...lists: (readonly string[] | undefined)[]): string[] | undefined {
  const seen = new Set([fold(name)]);
  const names: string[] = [];
  for (const list of lists) {
    for (const n of list ?? []) {
      const folded = fold(n);
      if (seen.has(folded)) continue;
      seen.add(folded);
      names.push(n);
    }
  }
  return names.length > 0 ? names.slice(0, CAPS.mergedNames) : undefined;
}

/** Initials for a face without a photo: "Anna Nowak" -> "AN". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? parts[parts.length - 1][0] : '';
  return (first + last).toUpperCase() || '?';
}
