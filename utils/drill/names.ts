/**
 * How two spellings of a person's name compare, forgivingly: what the drill's typed answers
 * (answer.ts) and the matching of captured people to profiles (capture.ts) share. Pure, no
 * dependencies beyond `fold`.
 *
 * Decisions:
 * - Accents, case, spacing and punctuation never count: someone typing "Lukasz" on a keyboard without
 *   Polish letters knows the name. German umlauts also match their "ue" spelling (Müller = Mueller).
 * - No nickname table (Kate for Katherine, Kuba for Jakub): such lists are long, culture-bound and
 *   wrong often enough to teach a wrong name; a nickname grades as a miss, and the user can regrade.
 * - "First name + last initial" ("Anna N.") is a partial answer, like the first name alone.
 */
import { fold } from '../text';

// Letters NFD does not decompose (fold covers ł, ø and ß already), mapped as the languages using them
// spell them without a special keyboard.
const EXTRA_LETTERS: Record<string, string> = {
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ß: 'ss', // the capital ẞ lower-cases to ß after fold has mapped ß
};
const EXTRA_RE = new RegExp(`[${Object.keys(EXTRA_LETTERS).join('')}]`, 'g');

// The spelling without umlauts that German (and Scandinavian) names use in e-mail addresses and passports.
const TRANSLITERATED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa', ø: 'oe' };
const TRANSLIT_RE = /[äöüåø]/g;

// Titles and letters after a name that are not part of it ("Dr. Anna Nowak", "Anna Nowak PhD").
const TITLES_BEFORE = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'mx', 'miss', 'sir', 'dame', 'mgr', 'inz', 'ing', 'hab', 'dipl', 'lic']);
const LETTERS_AFTER = new Set(['phd', 'mba', 'md', 'jr', 'sr', 'msc', 'bsc', 'cfa', 'cpa', 'pmp']);

// Apostrophes join a name ("O'Brien" is one word); everything else that is not a letter or digit splits.
const APOSTROPHES = /['\u2019\u02bc`\u00b4]/g;
// Where a name stops on a profile: "Anna Nowak, PhD", "Anna Nowak | Founder", "Anna Nowak (she/her)".
const AFTER_NAME = /[,|•·/\\]| [-–—] /;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g;

/** Folded like search (`fold`) plus the letters fold leaves alone: "Ærøskøbing Łukasz" -> "aeroskobing lukasz". */
export function foldName(value: string): string {
  return fold(value).replace(EXTRA_RE, (c) => EXTRA_LETTERS[c]!);
}

/**
 * The words of a name, each with the index of the space-separated part it came from: "Anna
 * Nowak-Kowalska" is the words anna, nowak, kowalska in the parts 0, 1, 1. The parts tell a second
 * surname from a middle name.
 */
export interface NameWords {
  words: string[];
  parts: number[];
}

function wordsOf(folded: string): NameWords {
  const split: string[][] = folded
    .replace(APOSTROPHES, '')
    .split(/[\s.]+/)
    .map((part) => part.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && /\p{L}/u.test(w)))
    .filter((part) => part.length > 0);
  while (split.length > 1 && split[0]!.length === 1 && TITLES_BEFORE.has(split[0]![0]!)) split.shift();
  while (split.length > 1 && split[split.length - 1]!.every((w) => LETTERS_AFTER.has(w))) split.pop();
  const words: string[] = [];
  const parts: number[] = [];
  split.forEach((part, i) => {
    for (const w of part) {
      words.push(w);
      parts.push(i);
    }
  });
  return { words, parts };
}

/**
 * A person's name as compared: folded, without titles, credentials, pronouns in brackets, emoji, or
 * what follows a comma or bar; with a second spelling, umlauts written out, when that differs.
 */
export function nameSpellings(name: string): NameWords[] {
  const bare = name.replace(BRACKETED, ' ');
  const cut = bare.split(AFTER_NAME)[0]!;
  // "Anna Nowak, PhD" is cut at the comma; ", Anna" (nothing before it) keeps the whole.
  const kept = /\p{L}/u.test(cut) ? cut : bare;
  // Composed first, so that an umlaut typed as u + combining diaeresis is still one to write out.
  const lower = kept.normalize('NFC').toLowerCase();
  const plain = wordsOf(foldName(lower));
  if (!/[äöüåø]/.test(lower)) return [plain];
  const written = wordsOf(foldName(lower.replace(TRANSLIT_RE, (c) => TRANSLITERATED[c]!)));
  return written.words.join(' ') === plain.words.join(' ') ? [plain] : [plain, written];
}

/**
 * Typos forgiven in a word or name of `length` letters: none in very short ones ("Jo" vs "Bo" are
 * different people), one in a usual first name, two or three in a long full name.
 */
export function typosAllowed(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  if (length <= 12) return 2;
  return 3;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * swaps of two neighbours), or `max + 1` as soon as it is sure to exceed `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[n]!, max + 1);
}

/**
 * How a name someone said (typed, or wrote down at the event) stands to a person's name:
 * - `same`: the same name, up to accents, case, spacing and punctuation;
 * - `reordered`: the same words in another order ("Nowak Anna");
 * - `middle`: one is the other with middle names (or a second surname) left out ("Anna Nowak" for
 *   "Anna Maria Nowak-Kowalska");
 * - `typo`: one of those with small typos;
 * - `first`, `last`, `part`: only first names (the first with or without middle ones), only the
 *   surname(s), or only a middle name;
 * - `initial`: a word of the name plus initials of the others ("Anna N.");
 * - `none`: anything else, including a right first name with a wrong surname.
 */
export type NameMatchKind = 'same' | 'reordered' | 'middle' | 'typo' | 'first' | 'last' | 'part' | 'initial' | 'none';

export interface NameMatch {
  kind: NameMatchKind;
  /** Typos forgiven on the way (0 for an exact word match). */
  typos: number;
}

const NONE: NameMatch = { kind: 'none', typos: 0 };
const RANK: Record<NameMatchKind, number> = { same: 8, reordered: 7, middle: 6, typo: 5, initial: 4, first: 3, last: 2, part: 1, none: 0 };

/** The better of two matches: the closer kind, then fewer typos. */
function better(a: NameMatch, b: NameMatch): NameMatch {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] > RANK[b.kind] ? a : b;
  return a.typos <= b.typos ? a : b;
}

interface Pairing {
  /** Index into `whole` of each word of `said`, in order. */
  at: number[];
  typos: number;
  initials: number;
}

/**
 * Pairs each word of `said` with a different word of `whole`: equal, within the word's typos, or an
 * initial ("n" for "nowak"). Exact pairs first, so a typo never takes the word an exact match needs.
 * Null when some word of `said` has no partner.
 */
function pairWords(said: string[], whole: string[]): Pairing | null {
  if (said.length > whole.length) return null;
  const at = new Array<number>(said.length).fill(-1);
  const taken = new Array<boolean>(whole.length).fill(false);
  let typos = 0;
  let initials = 0;
  for (let i = 0; i < said.length; i++) {
    const j = whole.findIndex((w, k) => !taken[k] && w === said[i]);
    if (j >= 0) {
      at[i] = j;
      taken[j] = true;
    }
  }
  for (let i = 0; i < said.length; i++) {
    if (at[i]! >= 0 || said[i]!.length === 1) continue;
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < whole.length; k++) {
      if (taken[k]) continue;
      const allowed = typosAllowed(whole[k]!.length);
      const d = typoDistance(said[i]!, whole[k]!, allowed);
      if (d <= allowed && d < bestD) {
        best = k;
        bestD = d;
      }
    }
    if (best < 0) return null;
    at[i] = best;
    taken[best] = true;
    typos += bestD;
  }
  for (let i = 0; i < said.length; i++) {
    if (at[i]! >= 0) continue;
    const k = whole.findIndex((w, k) => !taken[k] && w[0] === said[i]);
    if (k < 0) return null;
    at[i] = k;
    taken[k] = true;
    initials++;
  }
  return { at, typos, initials };
}

/**
 * What the words at `at` cover of a name: a word of its last part (the surname) and one of an earlier
 * part is the name with middle names (or one of two surnames) left out; otherwise only first names,
 * only the surname, or something in between.
 */
function coverage(at: number[], name: NameWords): 'middle' | 'first' | 'last' | 'part' {
  const lastPart = name.parts[name.parts.length - 1]!;
  const parts = at.map((j) => name.parts[j]!);
  const hasLast = parts.some((p) => p === lastPart);
  if (hasLast && parts.some((p) => p < lastPart)) return 'middle';
  if (hasLast) return 'last';
  return parts.some((p) => p === 0) ? 'first' : 'part';
}

function compareSpellings(said: NameWords, whole: NameWords): NameMatch {
  const s = said.words;
  const w = whole.words;
  if (s.length === 0 || w.length === 0) return NONE;
  const saidJoined = s.join('');
  const wholeJoined = w.join('');
  // Spaces and hyphens do not count: "Jeanpierre" is "Jean-Pierre".
  if (saidJoined === wholeJoined) return { kind: 'same', typos: 0 };

  let match = NONE;
  const pairing = pairWords(s, w);
  if (pairing) {
    const { at, typos, initials } = pairing;
    if (initials > 0) {
      if (initials < s.length) match = { kind: 'initial', typos };
    } else if (s.length === w.length) {
      const inOrder = at.every((j, i) => i === 0 || j > at[i - 1]!);
      match = typos > 0 ? { kind: 'typo', typos } : { kind: inOrder ? 'same' : 'reordered', typos: 0 };
    } else {
      const kind = coverage(at, whole);
      match = kind === 'middle' && typos > 0 ? { kind: 'typo', typos } : { kind, typos };
    }
  } else if (s.length > w.length) {
    // A fuller name than the person's own ("Anna Maria Nowak" written down for "Anna Nowak").
    const back = pairWords(w, s);
    if (back && back.initials === 0 && coverage(back.at, said) === 'middle') {
      match = back.typos > 0 ? { kind: 'typo', typos: back.typos } : { kind: 'middle', typos: 0 };
    }
  }
  // Typos across a word boundary ("Annan Owal") only show on the whole name. Not for one word against
  // several: "Anna" against "Anna K." is the first name, not a typo of "annak". The whole name forgives
  // no more than its words do: "Ann Lu" (no typo in a short word) is not "Ann Li".
  if (RANK[match.kind] < RANK.typo && s.length >= 2 === w.length >= 2) {
    const allowed = Math.min(typosAllowed(wholeJoined.length), w.reduce((sum, word) => sum + typosAllowed(word.length), 0));
    const d = typoDistance(saidJoined, wholeJoined, allowed);
    if (d <= allowed) match = better(match, { kind: 'typo', typos: d });
  }
  return match;
}

/** How `said` stands to `name` (see NameMatchKind): the best over both names' spellings. */
export function compareNames(said: string, name: string): NameMatch {
  return compareSpelledNames(nameSpellings(said), nameSpellings(name));
}

/** compareNames for names already taken apart by nameSpellings (to compare one name with many). */
export function compareSpelledNames(said: readonly NameWords[], name: readonly NameWords[]): NameMatch {
  let best = NONE;
  for (const s of said) for (const w of name) best = better(best, compareSpellings(s, w));
  return best;
}
