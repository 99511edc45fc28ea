import type { RecordChange } from '@/utils/db/undo';

/** How long a write can be undone: longer than any page shows its Undo, short enough to hold little. */
const KEEP_MS = 2 * 60_000;
const MOST = 50;

/**
 * The recent undoable writes, by a random token the page that made the write is given: in memory, for
 * as long as the worker runs (a page offers Undo for a few seconds, while the worker is awake anyway).
 */
export class UndoJournal {
  private readonly entries = new Map<string, { changes: RecordChange[]; until: number }>();

  constructor(private readonly now: () => number) {}

  private prune(): void {
    const now = this.now();
    for (const [token, e] of this.entries) if (e.until <= now) this.entries.delete(token);
    while (this.entries.size > MOST) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Keeps what a write changed; returns the token that undoes it. */
  keep(changes: RecordChange[]): string {
    const token = crypto.randomUUID();
    this.entries.set(token, { changes, until: this.now() + KEEP_MS });
    this.prune();
    return token;
  }

  /** What the write of this token changed, while it can still be undone. */
  get(token: string): RecordChange[] | undefined {
    this.prune();
    return this.entries.get(token)?.changes;
  }

  /** Undone: never again. */
  forget(token: string): void {
    this.entries.delete(token);
  }
}
