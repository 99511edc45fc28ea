import type { LocalDay } from '../model/types';

/**
 * How many people each follow-up group holds (overdue, due today, the next 7 days), counted once per
 * change and day and kept in memory. A count walks the whole range of the due index (the longer the
 * more people are due: the further behind the user is), and the same counts were asked for after every
 * change (the popup's first screen) and at every popup opening.
 *
 * A count is kept only if no change was reported while it was being made: a read that began before a
 * write committed may have counted the store as it was (see `begin` and `keep`).
 */
export class DueTotals {
  private generation = 0;
  private kept: { day: LocalDay; totals: readonly number[] } | undefined;

  /** Something changed (any write: people, encounters, imports, everything deleted). */
  changed(): void {
    this.generation++;
    this.kept = undefined;
  }

  /** The totals kept for `day`, if counted since the last change. */
  get(day: LocalDay): readonly number[] | undefined {
    return this.kept?.day === day ? this.kept.totals : undefined;
  }

  /** Call before reading; pass the result to `keep`. */
  begin(): number {
    return this.generation;
  }

  /** Keeps totals counted by a read that began at `generation`, unless a change came in between. */
  keep(generation: number, day: LocalDay, totals: readonly number[]): void {
    if (generation === this.generation) this.kept = { day, totals: [...totals] };
  }
}
