/**
 * The drill's schedule: one card per person, scheduled by FSRS through ts-fsrs (its `fsrs().next`),
 * stored as plain JSON (times as epoch milliseconds) so it goes into IndexedDB, the backup and sync as
 * it is. Each answer also makes a review record: the small history of recall over time, and FSRS's own
 * log of the review, which lets a card be rolled back (undo) or rebuilt from its reviews.
 *
 * Which way a person is drilled follows their face: with one, face to name ("Who's this?"); without,
 * name to context ("Where did you meet Anna Nowak?"). A card remembers the way it was learned: when a
 * captured person later gets a face, the face is new to learn, so the card starts again (cardFor).
 */
import { createEmptyCard, fsrs, State, type Card, type FSRS } from 'ts-fsrs';
import { addDays, isLocalDay, localDay } from '../dates';
import { DRILL_DIRECTIONS, isDrillGrade, verdictOfGrade, type DrillDirection, type DrillGrade, type Verdict } from './grades';

export {  directionFor, type DrillDirection } from './grades';


/** FSRS's card states: New 0, Learning 1, Review 2, Relearning 3 (ts-fsrs `State`). */
type CardState = 0 | 1 | 2 | 3;

/** A person's drill card, as stored (the "drillCards" store, keyed by personId). */
export interface DrillCard {
  personId: string;
  direction: DrillDirection;
  /** When the card is next due (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  /** Kept because ts-fsrs 5 still reads it (deprecated there, to go in 6). */
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  /** The last review (epoch ms); absent on a card never answered. */
  lastReview?: number;
  updatedAt: number;
}

/** One answer (the "drillReviews" store, keyed by id, append-only like encounters). */
export interface DrillReview {
  id: string;
  personId: string;
  direction: DrillDirection;
  /** When it was answered (epoch ms). */
  at: number;
  /** The user's local day it was answered on: the history counts by it. */
  day: string;
  grade: DrillGrade;
  verdict: Verdict;
  /** True when the name was typed and graded; false when revealed and self-graded. */
  typed: boolean;
  // FSRS's review log (ts-fsrs `ReviewLog`): the card as it was before this answer.
  state: CardState;
  /** As ts-fsrs logs it: the card's previous review, or when a new card was due (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
}

let scheduler: FSRS | undefined;
/**
 * The library's defaults (90% retention, learning steps of 1 and 10 minutes), with fuzz: a few hundred
 * people imported on one day would otherwise all come due on the same later days. The fuzz is seeded
 * from the card and the review time, so a review is still deterministic.
 */
function fsrsScheduler(): FSRS {
  return (scheduler ??= fsrs({ enable_fuzz: true }));
}

function fromLibrary(personId: string, direction: DrillDirection, card: Card, now: number): DrillCard {
  const stored: DrillCard = {
    personId,
    direction,
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as CardState,
    updatedAt: now,
  };
  if (card.last_review) stored.lastReview = card.last_review.getTime();
  return stored;
}

function toLibrary(card: DrillCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    last_review: card.lastReview === undefined ? undefined : new Date(card.lastReview),
  };
}

/** A card never answered, due now. */
export function newCard(personId: string, direction: DrillDirection, now: number): DrillCard {
  return fromLibrary(personId, direction, createEmptyCard(new Date(now)), now);
}

/** The card to drill a person with: the stored one when it was learned the same way, else a new one. */
export function cardFor(personId: string, direction: DrillDirection, stored: DrillCard | undefined, now: number): DrillCard {
  return stored && stored.direction === direction ? stored : newCard(personId, direction, now);
}

/** True for a card never answered (what the daily cap on new cards counts). */
export function isNew(card: DrillCard): boolean {
  return card.state === State.New;
}

/** True for a card in its (re)learning steps: due again within minutes, not days. */
export function isLearning(card: DrillCard): boolean {
  return card.state === State.Learning || card.state === State.Relearning;
}

export interface ReviewOptions {
  /** The verdict on a typed answer; without it the grade says it (a revealed name, self-graded). */
  verdict?: Verdict;
  /** The review's id (default: a random UUID). */
  id?: string;
}

/**
 * Answers a card with a grade at `now`: the card as FSRS schedules it next, and the review to append.
 * Pure apart from the review's random id; the review's day is the local day of `now`.
 */
export function review(card: DrillCard, grade: DrillGrade, now: number, options: ReviewOptions = {}): { card: DrillCard; review: DrillReview } {
  if (!isDrillGrade(grade)) throw new RangeError(`Not a grade: ${String(grade)}`);
  const { card: next, log } = fsrsScheduler().next(toLibrary(card), new Date(now), grade);
  return {
    card: fromLibrary(card.personId, card.direction, next, now),
    review: {
      id: options.id ?? crypto.randomUUID(),
      personId: card.personId,
      direction: card.direction,
      at: now,
      day: localDay(new Date(now)),
      grade,
      verdict: options.verdict ?? verdictOfGrade(grade),
      typed: options.verdict !== undefined,
      state: log.state as CardState,
      due: log.due.getTime(),
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
    },
  };
}

/** When each grade would bring the card back (epoch ms), for the hints under the four buttons. */
export function nextDueByGrade(card: DrillCard, now: number): Record<DrillGrade, number> {
  const preview = fsrsScheduler().repeat(toLibrary(card), new Date(now));
  return { 1: preview[1].card.due.getTime(), 2: preview[2].card.due.getTime(), 3: preview[3].card.due.getTime(), 4: preview[4].card.due.getTime() };
}

/**
 * The card as it was before `last` (its most recent review), due again (a reviewed card at the time of
 * that answer, as ts-fsrs rolls back):
 * FSRS's rollback, for "undo" after a mis-pressed key. The review itself is the caller's to delete.
 */
export function undoReview(card: DrillCard, last: DrillReview, now: number): DrillCard {
  const previous = fsrsScheduler().rollback(toLibrary(card), {
    rating: last.grade,
    state: last.state,
    due: last.due,
    stability: last.stability,
    difficulty: last.difficulty,
    elapsed_days: last.elapsedDays,
    last_elapsed_days: last.lastElapsedDays,
    scheduled_days: last.scheduledDays,
    learning_steps: last.learningSteps,
    review: last.at,
  });
  return fromLibrary(card.personId, card.direction, previous, now);
}

/** How many cards were seen for the first time on `day` (against the daily cap on new cards). */
export function newCardsSeenOn(reviews: Iterable<Pick<DrillReview, 'day' | 'state'>>, day: string): number {
  let n = 0;
  for (const r of reviews) if (r.day === day && r.state === State.New) n++;
  return n;
}

interface RecallDay {
  day: string;
  right: number;
  almost: number;
  wrong: number;
}

export interface RecallHistory {
  /** One entry per day, oldest first, ending today; days without answers have zeros. */
  days: RecallDay[];
  total: { right: number; almost: number; wrong: number };
}

/** The answers of the last `days` days (today included), counted by day and verdict. */
export function recallHistory(reviews: Iterable<Pick<DrillReview, 'day' | 'verdict'>>, today: string, days: number): RecallHistory {
  if (!isLocalDay(today)) throw new RangeError(`Not a day: ${today}`);
  const n = Math.max(0, Math.floor(days));
  const first = addDays(today, 1 - n);
  const list: RecallDay[] = [];
  const byDay = new Map<string, RecallDay>();
  for (let i = 0; i < n; i++) {
    const entry = { day: addDays(first, i), right: 0, almost: 0, wrong: 0 };
    list.push(entry);
    byDay.set(entry.day, entry);
  }
  const total = { right: 0, almost: 0, wrong: 0 };
  for (const r of reviews) {
    const entry = byDay.get(r.day);
    if (!entry) continue;
    entry[r.verdict]++;
    total[r.verdict]++;
  }
  return { days: list, total };
}

// Reading records back (backup import, sync): a record that is not a card is refused, not guessed at.
// Each field with its check, in the order the records are written (the backup keeps keys in order).

type Check = (v: unknown) => boolean;
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isCount: Check = (v) => isNumber(v) && Number.isInteger(v as number) && (v as number) >= 0;
const isState: Check = (v) => v === 0 || v === 1 || v === 2 || v === 3;
const isDirection: Check = (v) => (DRILL_DIRECTIONS as readonly unknown[]).includes(v);
const isId: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isVerdict: Check = (v) => v === 'right' || v === 'almost' || v === 'wrong';
const isDay: Check = (v) => typeof v === 'string' && isLocalDay(v);
const isBoolean: Check = (v) => typeof v === 'boolean';

const CARD_FIELDS: [keyof DrillCard, Check][] = [
  ['personId', isId],
  ['direction', isDirection],
  ['due', isNumber],
  ['stability', isNumber],
  ['difficulty', isNumber],
  ['elapsedDays', isCount],
  ['scheduledDays', isCount],
  ['learningSteps', isCount],
  ['reps', isCount],
  ['lapses', isCount],
  ['state', isState],
  ['updatedAt', isNumber],
];
const CARD_OPTIONAL: [keyof DrillCard, Check][] = [['lastReview', isNumber]];

const REVIEW_FIELDS: [keyof DrillReview, Check][] = [
  ['id', isId],
  ['personId', isId],
  ['direction', isDirection],
  ['at', isNumber],
  ['day', isDay],
  ['grade', isDrillGrade],
  ['verdict', isVerdict],
  ['typed', isBoolean],
  ['state', isState],
  ['due', isNumber],
  ['stability', isNumber],
  ['difficulty', isNumber],
  ['elapsedDays', isCount],
  ['lastElapsedDays', isCount],
  ['scheduledDays', isCount],
  ['learningSteps', isCount],
];

/** The record's known fields when each passes its check (optional ones may be absent), else null. */
function readRecord<T>(raw: unknown, fields: [keyof T, Check][], optional: [keyof T, Check][] = []): T | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<keyof T, unknown>;
  const out = {} as Record<keyof T, unknown>;
  for (const [key, check] of fields) {
    if (!check(r[key])) return null;
    out[key] = r[key];
  }
  for (const [key, check] of optional) {
    if (r[key] === undefined) continue;
    if (!check(r[key])) return null;
    out[key] = r[key];
  }
  return out as T;
}

/** A stored card read back and checked, with only the known fields; null when it is not one. */
export function parseCard(raw: unknown): DrillCard | null {
  return readRecord<DrillCard>(raw, CARD_FIELDS, CARD_OPTIONAL);
}

/** A stored review read back and checked, with only the known fields; null when it is not one. */
export function parseReview(raw: unknown): DrillReview | null {
  return readRecord<DrillReview>(raw, REVIEW_FIELDS);
}
