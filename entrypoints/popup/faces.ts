import type { FollowUpRow, Responses } from '@/utils/messages';

type List = Responses['followups.list'];
const GROUPS = ['overdue', 'dueToday', 'week'] as const;

/** Faces asked for in one 'people.photos' message (its limit is 500). */
export const FACES_PER_REQUEST = 200;

/**
 * The faces the popup has, by person id. The popup asks for its list without faces (they are most of
 * the reply) and fills in the ones it has; only faces it has not seen yet are asked for, afterwards.
 */
export class FaceCache {
  private faces = new Map<string, string>();

  /** Keeps the faces a list came with. */
  learn(list: List): void {
    for (const g of GROUPS) for (const row of list[g]) if (row.photo) this.faces.set(row.id, row.photo);
  }

  /** Keeps faces from a 'people.photos' reply. */
  add(faces: Record<string, string>): void {
    for (const [id, url] of Object.entries(faces)) if (typeof url === 'string') this.faces.set(id, url);
  }

  /** These people changed (their photo may have): forget their faces; no ids means anyone may have. */
  forget(ids: readonly string[]): void {
    if (ids.length === 0) this.faces.clear();
    for (const id of ids) this.faces.delete(id);
  }

  /** The list with every face this cache has filled in. */
  fill(list: List): List {
    const row = (r: FollowUpRow) => (r.photo || !r.hasPhoto || !this.faces.has(r.id) ? r : { ...r, photo: this.faces.get(r.id) });
    return { ...list, overdue: list.overdue.map(row), dueToday: list.dueToday.map(row), week: list.week.map(row) };
  }

  /** The people in the list who have a face this cache does not, in list order. */
  missing(list: List): string[] {
    const out = new Set<string>();
    for (const g of GROUPS) for (const r of list[g]) if (r.hasPhoto && !r.photo && !this.faces.has(r.id)) out.add(r.id);
    return [...out];
  }
}
