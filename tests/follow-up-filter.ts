/**
 * The network list's follow-up filters by their plain definition (DESIGN.md, "Follow-ups"), which the
 * list tests hold the indexed answers to: overdue is due before today, "this week" the seven days after
 * today, none no due date at all.
 */
import { addDays } from '../utils/dates';
import type { FollowUp, LocalDay } from '../utils/model/types';

export function inFollowUpFilter(f: FollowUp, filter: 'overdue' | 'today' | 'week' | 'none', today: LocalDay): boolean {
  const due = f.due;
  if (!due) return filter === 'none';
  if (filter === 'overdue') return due < today;
  if (filter === 'today') return due === today;
  return filter === 'week' && due > today && due <= addDays(today, 7);
}
