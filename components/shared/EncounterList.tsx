import type { EncounterView } from '@/utils/messages';
import { formatDate } from '@/utils/phrases';
import { t } from '@/utils/i18n';
import { KIND_MESSAGE } from '@/utils/encounter-kinds';

/** Every encounter, newest first: when, how, where, at which event, who introduced you, the note. */
export function EncounterList({
  encounters,
  onDelete,
  onEdit,
}: {
  encounters: EncounterView[];
  onDelete?: (id: string) => void;
  onEdit?: (encounter: EncounterView) => void;
}) {
  return (
    <ol class="kith-encounters" aria-label={t('sidebarEncounters')}>
      {encounters.map((e) => {
        const when = formatDate(e.date);
        const introducer = e.introducerName ?? e.introducedByName;
        return (
          <li key={e.id}>
            <div class="kith-enc-head">
              <strong>{when}</strong> · {t(KIND_MESSAGE[e.kind])}
              {e.place && <> · {e.place}</>}
              {e.eventName && <> · {t('encAt', e.eventName)}</>}
              {onEdit && (
                <button type="button" class="kith-link" aria-label={t('encEdit', when)} onClick={() => onEdit(e)}>
                  ✎
                </button>
              )}
              {onDelete && (
                <button type="button" class="kith-link" aria-label={t('encDelete', when)} onClick={() => onDelete(e.id)}>
                  ×
                </button>
              )}
            </div>
            {introducer && <div class="kith-muted">{t('encIntroducedByName', introducer)}</div>}
            {e.note && <p class="kith-enc-note">{e.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
