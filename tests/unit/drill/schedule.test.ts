import { describe, expect, it } from 'vitest';
import { fsrs, Rating, State } from 'ts-fsrs';
import {
  cardFor,
  directionFor,
  isNew,
  newCard,
  newCardsSeenOn,
  nextDueByGrade,
  parseCard,
  parseReview,
  recallHistory,
  review,
  undoReview,
  type DrillCard,
  type DrillReview,
} from '../../../utils/drill/schedule';
import { GRADES } from '../../../utils/drill/grades';
import { localDay } from '../../../utils/dates';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

/** A card answered with these grades, each `gap` after the card came due. */
function answered(grades: (1 | 2 | 3 | 4)[], start = T0): { card: DrillCard; reviews: DrillReview[]; now: number } {
  let card = newCard('p1', 'face-to-name', start);
  let now = start;
  const reviews: DrillReview[] = [];
  for (const g of grades) {
    now = Math.max(now, card.due);
    const r = review(card, g, now);
    card = r.card;
    reviews.push(r.review);
  }
  return { card, reviews, now };
}

describe('drill cards', () => {
  it('drills a person with a face face-to-name, one without name-to-context', () => {
    expect(directionFor({ hasPhoto: true })).toBe('face-to-name');
    expect(directionFor({ hasPhoto: false })).toBe('name-to-context');
    expect(directionFor({})).toBe('name-to-context');
  });

  it('starts a card new and due at once', () => {
    const card = newCard('p1', 'face-to-name', T0);
    expect(card).toMatchObject({ personId: 'p1', direction: 'face-to-name', due: T0, reps: 0, lapses: 0, state: State.New, updatedAt: T0 });
    expect(card.lastReview).toBeUndefined();
    expect(isNew(card)).toBe(true);
  });

  it('schedules a card answered Good later than one answered Again, and Easy later still', () => {
    const card = newCard('p1', 'face-to-name', T0);
    const again = review(card, GRADES.again, T0).card;
    const hard = review(card, GRADES.hard, T0).card;
    const good = review(card, GRADES.good, T0).card;
    const easy = review(card, GRADES.easy, T0).card;
    expect(again.due).toBeLessThan(good.due);
    expect(hard.due).toBeLessThanOrEqual(good.due);
    expect(good.due).toBeLessThan(easy.due);
    // A first Again comes back within the session (ts-fsrs's default learning step of one minute).
    expect(again.due - T0).toBe(1 * MIN);
    expect(again.state).toBe(State.Learning);
    expect(easy.state).toBe(State.Review);
    expect(good.lastReview).toBe(T0);
    expect(good.reps).toBe(1);
  });

  it('is exactly what ts-fsrs schedules through its interface', () => {
    const f = fsrs({ enable_fuzz: true });
    const { card } = answered([3, 3, 3, 1, 3]);
    const now = card.due + 2 * DAY;
    const ours = review(card, GRADES.good, now).card;
    const theirs = f.next(
      { ...card, due: card.due, last_review: card.lastReview, elapsed_days: card.elapsedDays, scheduled_days: card.scheduledDays, learning_steps: card.learningSteps, state: card.state },
      now,
      Rating.Good,
    ).card;
    expect(ours.due).toBe(theirs.due.getTime());
    expect(ours.stability).toBe(theirs.stability);
    expect(ours.difficulty).toBe(theirs.difficulty);
  });

  it('grows the interval as the name keeps being recalled, and shrinks it after a lapse', () => {
    const { card: learnt } = answered([3, 3, 3, 3]);
    const { card: lapsed, reviews } = answered([3, 3, 3, 3, 1]);
    expect(learnt.state).toBe(State.Review);
    expect(learnt.scheduledDays).toBeGreaterThan(5);
    expect(lapsed.state).toBe(State.Relearning);
    expect(lapsed.lapses).toBe(1);
    expect(reviews.at(-1)).toMatchObject({ grade: 1, verdict: 'wrong', typed: false, state: State.Review });
  });

  it('keeps its schedule through JSON (what IndexedDB, the backup and sync hold)', () => {
    const { card, now } = answered([3, 2, 3]);
    const restored = parseCard(JSON.parse(JSON.stringify(card)));
    expect(restored).toEqual(card);
    // In the same key order, so that a backup written again is the same bytes.
    expect(JSON.stringify(restored)).toBe(JSON.stringify(card));
    const later = now + 4 * DAY;
    expect(review(restored!, GRADES.good, later).card).toEqual(review(card, GRADES.good, later).card);
    expect(Object.values(card).every((v) => typeof v !== 'object')).toBe(true);
  });

  it('records each answer as a review, with the verdict of a typed answer or of the self-grade', () => {
    const card = newCard('p1', 'face-to-name', T0);
    const typed = review(card, GRADES.hard, T0, { verdict: 'almost', id: 'r1' }).review;
    expect(typed).toMatchObject({ id: 'r1', personId: 'p1', direction: 'face-to-name', at: T0, day: localDay(new Date(T0)), grade: 2, verdict: 'almost', typed: true, state: State.New, due: T0 });
    const revealed = review(card, GRADES.easy, T0).review;
    expect(revealed).toMatchObject({ verdict: 'right', typed: false });
    expect(revealed.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(parseReview(JSON.parse(JSON.stringify(typed))))).toBe(JSON.stringify(typed));
  });

  it('refuses what is not a grade', () => {
    const card = newCard('p1', 'face-to-name', T0);
    expect(() => review(card, 0 as 1, T0)).toThrow(RangeError);
    expect(() => review(card, 5 as 1, T0)).toThrow(RangeError);
  });

  it('shows when each grade would bring the card back', () => {
    const card = newCard('p1', 'face-to-name', T0);
    const next = nextDueByGrade(card, T0);
    for (const g of [1, 2, 3, 4] as const) expect(next[g]).toBe(review(card, g, T0).card.due);
  });

  it('undoes the last answer back to the card before it', () => {
    for (const grades of [[], [3, 3], [3, 3, 3, 3]] as (1 | 2 | 3 | 4)[][]) {
      const { card: before } = answered(grades);
      const at = before.due + DAY;
      const { card: after, review: last } = review(before, GRADES.again, at);
      const undone = undoReview(after, last, at + MIN);
      // Due again (a new card as it was; another when it was answered): the card it was is shown again.
      expect(undone).toEqual({ ...before, due: isNew(before) ? before.due : at, updatedAt: at + MIN });
    }
  });

  it('starts again when the way a person is drilled changes (a captured person gets a face)', () => {
    const { card } = answered([3, 3]);
    const byContext = { ...card, direction: 'name-to-context' as const };
    expect(cardFor('p1', 'name-to-context', byContext, T0 + DAY)).toBe(byContext);
    const byFace = cardFor('p1', 'face-to-name', byContext, T0 + DAY);
    expect(byFace).toMatchObject({ direction: 'face-to-name', state: State.New, reps: 0, due: T0 + DAY });
    expect(cardFor('p2', 'face-to-name', undefined, T0)).toMatchObject({ personId: 'p2', state: State.New });
  });
});

describe('reading stored cards and reviews', () => {
  it('refuses records that are not cards or reviews, and drops unknown fields', () => {
    const card = newCard('p1', 'face-to-name', T0);
    expect(parseCard({ ...card, extra: 1 })).toEqual(card);
    for (const bad of [null, 'x', {}, { ...card, state: 4 }, { ...card, due: '2026-01-01' }, { ...card, reps: -1 }, { ...card, direction: 'sideways' }, { ...card, personId: '' }, { ...card, lastReview: 'x' }]) {
      expect(parseCard(bad)).toBeNull();
    }
    const r = review(card, GRADES.good, T0).review;
    for (const bad of [null, { ...r, grade: 0 }, { ...r, verdict: 'maybe' }, { ...r, day: '2026-13-01' }, { ...r, typed: 'yes' }, { ...r, at: Number.NaN }]) {
      expect(parseReview(bad)).toBeNull();
    }
  });
});

describe('recall history', () => {
  const entry = (day: string, verdict: 'right' | 'almost' | 'wrong') => ({ day, verdict });

  it('counts the last N days by verdict, oldest first, with empty days as zeros', () => {
    const reviews = [
      entry('2026-02-26', 'right'), // outside the window
      entry('2026-02-27', 'right'),
      entry('2026-02-27', 'wrong'),
      entry('2026-03-01', 'almost'),
      entry('2026-03-01', 'right'),
      entry('2026-03-01', 'right'),
      entry('2026-03-02', 'wrong'),
      entry('2026-03-03', 'right'), // after today
    ];
    expect(recallHistory(reviews, '2026-03-02', 4)).toEqual({
      days: [
        { day: '2026-02-27', right: 1, almost: 0, wrong: 1 },
        { day: '2026-02-28', right: 0, almost: 0, wrong: 0 },
        { day: '2026-03-01', right: 2, almost: 1, wrong: 0 },
        { day: '2026-03-02', right: 0, almost: 0, wrong: 1 },
      ],
      total: { right: 3, almost: 1, wrong: 2 },
    });
  });

  it('crosses month and year ends and takes no days as none', () => {
    expect(recallHistory([], '2026-01-01', 3).days.map((d) => d.day)).toEqual(['2025-12-30', '2025-12-31', '2026-01-01']);
    expect(recallHistory([entry('2026-01-01', 'right')], '2026-01-01', 0)).toEqual({ days: [], total: { right: 0, almost: 0, wrong: 0 } });
    expect(() => recallHistory([], 'today', 7)).toThrow(RangeError);
  });

  it('counts the cards seen for the first time on a day', () => {
    const { reviews } = answered([1, 3, 3]);
    const other = answered([3]).reviews;
    const day = localDay(new Date(T0));
    expect(newCardsSeenOn([...reviews, ...other], day)).toBe(2);
    expect(newCardsSeenOn([...reviews, ...other], '2000-01-01')).toBe(0);
  });
});
