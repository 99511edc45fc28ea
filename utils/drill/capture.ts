/**
 * Capture now, match later: people saved at an event with a name and no profile yet ("captured"), and
 * the ones among them an opened profile may be. "Is this Agnieszka you met at Grow Up Start Up?"
 *
 * The comparison is names.ts's, both ways round (a captured "Anna Kowalska" is the profile "Anna K.",
 * and a captured "Agnieszka" the profile "Agnieszka Wiśniewska"), ranked by how sure it is. The same
 * serves a search: pass what the user typed as the name.
 */
import { compareSpelledNames, nameSpellings, type NameMatch, type NameMatchKind, type NameWords } from './names';

/** What matching needs of a person (`Person` has it). */
export interface CaptureSubject {
  id: string;
  name: string;
  /** Profile keys: none for a captured person. */
  keys: readonly string[];
  createdAt: number;
}

/** Why a captured person may be the profile's, surest first. */
type CaptureReason = 'same-name' | 'reordered' | 'middle-name' | 'typo' | 'initial' | 'first-name' | 'last-name' | 'part-of-name';

export interface CaptureCandidate {
  personId: string;
  reason: CaptureReason;
  /** Higher is surer (100 the same name); for ordering, not for showing. */
  score: number;
}

const CAPTURE_CANDIDATES = 3;

const REASONS: Record<Exclude<NameMatchKind, 'none'>, { reason: CaptureReason; score: number }> = {
  same: { reason: 'same-name', score: 100 },
  reordered: { reason: 'reordered', score: 90 },
  middle: { reason: 'middle-name', score: 85 },
  typo: { reason: 'typo', score: 75 },
  initial: { reason: 'initial', score: 60 },
  first: { reason: 'first-name', score: 50 },
  last: { reason: 'last-name', score: 40 },
  part: { reason: 'part-of-name', score: 30 },
};

/** A person saved without a profile yet, waiting to be matched. */
export function isCaptured(person: Pick<CaptureSubject, 'keys'>): boolean {
  return person.keys.length === 0;
}

function closer(a: NameMatch, b: NameMatch): NameMatch {
  if (a.kind === 'none') return b;
  if (b.kind === 'none') return a;
  const sa = REASONS[a.kind].score;
  const sb = REASONS[b.kind].score;
  return sa > sb || (sa === sb && a.typos <= b.typos) ? a : b;
}

/** How sure it is that someone captured as `captured` is `name`, or null when they cannot be. */
export function captureMatch(captured: string, name: string): Omit<CaptureCandidate, 'personId'> | null {
  return matchSpelled(nameSpellings(captured), nameSpellings(name));
}

function matchSpelled(captured: NameWords[], name: NameWords[]): Omit<CaptureCandidate, 'personId'> | null {
  const match = closer(compareSpelledNames(captured, name), compareSpelledNames(name, captured));
  if (match.kind === 'none') return null;
  const { reason, score } = REASONS[match.kind];
  // Each forgiven typo makes it a little less sure.
  return { reason, score: score - 5 * match.typos };
}

export interface CaptureOptions {
  limit?: number;
  /** The profile's own person, when it is saved already (it is not a candidate for itself). */
  exceptId?: string;
}

/**
 * The captured people `name` (an opened profile's name, or a search) may be, surest first; among
 * equally sure ones the most recently captured first, then by id. Only captured people are considered.
 */
export function captureCandidates(name: string, people: Iterable<CaptureSubject>, options: CaptureOptions = {}): CaptureCandidate[] {
  const limit = options.limit ?? CAPTURE_CANDIDATES;
  const found: (CaptureCandidate & { createdAt: number })[] = [];
  const spelled = nameSpellings(name);
  for (const p of people) {
    if (!isCaptured(p) || p.id === options.exceptId) continue;
    const match = matchSpelled(nameSpellings(p.name), spelled);
    if (match) found.push({ personId: p.id, ...match, createdAt: p.createdAt });
  }
  found.sort((a, b) => b.score - a.score || b.createdAt - a.createdAt || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  return found.slice(0, Math.max(0, limit)).map(({ personId, reason, score }) => ({ personId, reason, score }));
}
