import type { EncounterView, PersonView } from '@/utils/messages';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { formatDate } from '@/utils/phrases';
import { EncounterList } from './EncounterList';
import { UndoBar, useUndo } from './UndoBar';

export interface EncounterSectionProps {
  view: PersonView;
  /** Shows the person the background answers with (usePerson's act). */
  act: (reply: Promise<PersonView | null>) => Promise<void>;
  /** Opens the encounter form on this encounter. */
  onEdit?: (encounter: EncounterView) => void;
}

/**
 * "How you met": every encounter, with the last touch, for the sidebar and the network page. There is
 * no heading without encounters. Deleting one is undone for a few seconds from the bar under it (which
 * stays when the last one goes); the person shown then is what the background recomputed.
 */
export function EncounterSection({ view, act, onEdit }: EncounterSectionProps) {
  const undo = useUndo();
  const personId = view.person.id;
  const lastTouch = view.person.lastTouch && <p class="kith-muted">{t('sidebarLastTouch', formatDate(view.person.lastTouch))}</p>;

  const remove = (id: string) => {
    const encounter = view.encounters.find((e) => e.id === id);
    if (!encounter) return;
    const reply = send('encounter.delete', { id });
    act(reply).catch(() => undefined);
    reply.then(
      ({ undo: token }) =>
        undo.offer(t('encDeleted', formatDate(encounter.date)), async () => {
          await send('change.undo', { token });
          await act(send('person.get', { id: personId }));
        }),
      () => undefined,
    );
  };

  return (
    <>
      {view.encounters.length > 0 ? (
        <section class="kith-met" aria-label={t('sidebarMet')}>
          <h3>{t('sidebarMet')}</h3>
          <EncounterList encounters={view.encounters} onEdit={onEdit} onDelete={remove} />
          {lastTouch}
        </section>
      ) : (
        lastTouch
      )}
      <UndoBar state={undo} />
    </>
  );
}
