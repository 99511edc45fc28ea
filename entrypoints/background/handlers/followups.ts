import { logTouch, NotFoundError, updatePerson } from '@/utils/db/writes';
import { personRecords, undoable } from '@/utils/db/undo';
import { localDay } from '@/utils/dates';
import { snooze } from '@/utils/followups';
import { t } from '@/utils/i18n';
import { followUpsList } from '../views';
import type { UndoJournal } from '../undo';
import type { HandlersOf, World } from './context';

/** The popup's follow-ups: who is due, done, snoozed (each of those two can be undone). */
export function followUpHandlers(world: World, journal: UndoJournal): HandlersOf<'followups.list' | 'followups.done' | 'followups.snooze'> {
  const now = () => world.now().getTime();
  const today = () => localDay(world.now());
  return {
    async 'followups.list'({ limit, photos }, { db }) {
      return followUpsList(db, today(), limit ?? 25, photos ?? true, world.changes.dueTotals);
    },
    async 'followups.done'({ personId, kind }, { db, changed }) {
      const { changes } = await undoable(db, (tx) => personRecords(tx, personId), (tx) => logTouch(tx, personId, kind, now(), today()));
      changed([personId]);
      return { undo: journal.keep(changes) };
    },
    async 'followups.snooze'(payload, { db, changed }) {
      const by = 'days' in payload ? { days: payload.days } : { until: payload.until };
      const { changes } = await undoable(
        db,
        async () => [{ store: 'people', key: payload.personId }],
        async (tx) => {
          const p = await tx.objectStore('people').get(payload.personId);
          if (!p) throw new NotFoundError(t('errorPersonGone'));
          await updatePerson(tx, p.id, { followUp: snooze(p.followUp, by, today()) }, now());
        },
      );
      changed([payload.personId]);
      return { undo: journal.keep(changes) };
    },
  };
}
