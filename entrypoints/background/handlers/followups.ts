import { getPerson } from '@/utils/db/people';
import { logTouch, NotFoundError, updatePerson } from '@/utils/db/writes';
import { localDay } from '@/utils/dates';
import { snooze } from '@/utils/followups';
import { t } from '@/utils/i18n';
import { followUpsList } from '../views';
import type { HandlersOf, World } from './context';

/** The popup's follow-ups: who is due, done, snoozed. */
export function followUpHandlers(world: World): HandlersOf<'followups.list' | 'followups.done' | 'followups.snooze'> {
  const now = () => world.now().getTime();
  const today = () => localDay(world.now());
  return {
    async 'followups.list'({ limit, photos }, { db }) {
      return followUpsList(db, today(), limit ?? 25, photos ?? true, world.changes.dueTotals);
    },
    async 'followups.done'({ personId, kind }, { db, changed }) {
      await logTouch(db, personId, kind, now(), today());
      changed([personId]);
      return null;
    },
    async 'followups.snooze'(payload, { db, changed }) {
      const p = await getPerson(db, payload.personId);
      if (!p) throw new NotFoundError(t('errorPersonGone'));
      const by = 'days' in payload ? { days: payload.days } : { until: payload.until };
      await updatePerson(db, p.id, { followUp: snooze(p.followUp, by, today()) }, now());
      changed([p.id]);
      return null;
    },
  };
}
