import { useEffect, useRef, useState } from 'preact/hooks';
import type { FollowUpRow as Row } from '@/utils/messages';
import { ENCOUNTER_KINDS, type EncounterKind, type LocalDay } from '@/utils/model/types';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { KIND_MESSAGE } from '@/utils/encounter-kinds';
import { contextText, dueText, plural } from '@/utils/phrases';
import { safeUrl } from '@/components/shared/safeUrl';

/** The kinds a touch can be, with their words (read once, not once per row). */
let kindOptions: { kind: EncounterKind; label: string }[] | undefined;
const kinds = () => (kindOptions ??= ENCOUNTER_KINDS.map((kind) => ({ kind, label: t(KIND_MESSAGE[kind]) })));

export type SnoozeBy = { days: number } | { until: LocalDay };

export interface FollowUpItemProps {
  row: Row;
  today: LocalDay;
  /** True while an action on this row is on its way. */
  busy: boolean;
  onDone: (row: Row, kind: EncounterKind) => void;
  onSnooze: (row: Row, by: SnoozeBy) => void;
  onOpen: (url: string) => void;
}

/** One person the user owes a follow-up: face, who, how late, what was promised, where they met; Done, Snooze, Open. */
export function FollowUpItem({ row, today, busy, onDone, onSnooze, onOpen }: FollowUpItemProps) {
  const [kind, setKind] = useState<EncounterKind>('message');
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState('');
  const snoozeButton = useRef<HTMLButtonElement>(null);
  const firstChoice = useRef<HTMLButtonElement>(null);
  const nameId = `fu-name-${row.id}`;
  const panelId = `fu-snooze-${row.id}`;
  const kindId = `fu-kind-${row.id}`;
  const url = safeUrl(row.url);
  const context = contextText(row.context, today);
  const cadence = row.cadenceDays ? plural('popupCadence', row.cadenceDays) : undefined;
  const overdue = row.overdueDays > 0;

  useEffect(() => {
    if (snoozing) firstChoice.current?.focus();
  }, [snoozing]);

  const closeSnooze = () => {
    setSnoozing(false);
    snoozeButton.current?.focus();
  };

  return (
    <li class={`fu-row${busy ? ' fu-busy' : ''}`} data-person={row.id} aria-busy={busy ? 'true' : undefined}>
      {row.hasPhoto && !row.photo ? (
        // The face is on its way (the popup asks for faces after the list): a blank circle, not initials.
        <span class="kith-avatar kith-face-pending" aria-hidden="true" style={{ width: '44px', height: '44px' }} />
      ) : (
        <Avatar name={row.name} src={row.photo} size={44} />
      )}
      <div class="fu-main">
        <div class="fu-top">
          <h3 class="fu-name" id={nameId} title={row.name}>
            {row.name}
          </h3>
          <span class={`fu-when${overdue ? ' fu-overdue' : ''}`}>{dueText(row, today)}</span>
        </div>
        {row.headline && (
          <p class="fu-headline" title={row.headline}>
            {row.headline}
          </p>
        )}
        {(context || cadence) && <p class="fu-context">{[context, cadence].filter(Boolean).join(' · ')}</p>}
        {(row.howToSay || row.memoryHook) && (
          <p class="fu-aids">{[row.howToSay && t('popupSayIt', row.howToSay), row.memoryHook].filter(Boolean).join(' · ')}</p>
        )}
        {row.note && <p class="fu-note">{row.note}</p>}
      </div>
      <div class="fu-actions">
        <span class="fu-done-group">
          <button
            type="button"
            class="fu-done primary"
            disabled={busy}
            aria-describedby={nameId}
            onClick={() => onDone(row, kind)}
          >
            {t('popupDone')}
          </button>
          <label class="fu-kind-label" for={kindId}>
            {t('popupTouchKind')}
          </label>
          <select
            id={kindId}
            class="fu-kind"
            aria-describedby={nameId}
            value={kind}
            disabled={busy}
            onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as EncounterKind)}
          >
            {kinds().map(({ kind: k, label }) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </span>
        <button
          type="button"
          ref={snoozeButton}
          aria-expanded={snoozing}
          aria-controls={panelId}
          aria-describedby={nameId}
          disabled={busy}
          onClick={() => setSnoozing(!snoozing)}
        >
          {t('popupSnooze')}
          <span class="fu-caret" aria-hidden="true">
            ▾
          </span>
        </button>
        {url && (
          <button type="button" aria-describedby={nameId} onClick={() => onOpen(url)}>
            {t('popupOpenProfile')}
          </button>
        )}
      </div>
      {snoozing && (
        <div
          class="fu-snooze"
          id={panelId}
          role="group"
          aria-label={t('popupSnoozeGroup', row.name)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              closeSnooze();
            }
          }}
        >
          <button type="button" ref={firstChoice} disabled={busy} onClick={() => onSnooze(row, { days: 1 })}>
            {t('popupSnooze1Day')}
          </button>
          <button type="button" disabled={busy} onClick={() => onSnooze(row, { days: 7 })}>
            {t('popupSnooze1Week')}
          </button>
          <form
            class="fu-pick"
            onSubmit={(e) => {
              e.preventDefault();
              if (/^\d{4}-\d{2}-\d{2}$/.test(until) && until >= today) onSnooze(row, { until });
            }}
          >
            <label>
              <span>{t('popupPickDate')}</span>
              <input
                type="date"
                min={today}
                required
                value={until}
                onInput={(e) => setUntil((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <button type="submit" disabled={busy || !until || until < today}>
              {t('popupSnoozeToDate')}
            </button>
          </form>
        </div>
      )}
    </li>
  );
}
