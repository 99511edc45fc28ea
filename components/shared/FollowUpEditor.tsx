import { useEffect, useRef, useState } from 'preact/hooks';
import { CadenceOptions } from './CadenceOptions';
import type { FollowUp } from '@/utils/model/types';
import { MAX_DAYS } from '@/utils/model/caps';
import type { FollowUpPatch } from '@/utils/messages';
import { CADENCE_PRESETS, overdueBy } from '@/utils/followups';
import { localDay } from '@/utils/dates';
import { t } from '@/utils/i18n';
import { dueText } from '@/utils/phrases';
import { UndoBar, useUndo } from './UndoBar';

/**
 * Next follow-up day, cadence (presets or custom days) and what was promised. Each change is sent as
 * a patch of the one field it changes (null clears it), so edits made quickly one after another, or
 * in another tab, never undo each other; what the user is typing is never replaced by an update.
 */
export function FollowUpEditor({ value, onChange }: { value: FollowUp; onChange: (change: FollowUpPatch) => void }) {
  const preset = CADENCE_PRESETS.some((p) => p.days === value.cadenceDays);
  const [custom, setCustom] = useState(!!value.cadenceDays && !preset);
  const [promise, setPromise] = useState(value.note ?? '');
  const typing = useRef(false);
  const undo = useUndo();
  const today = localDay();
  const overdueDays = overdueBy(value, today);
  // How the date stands, when it needs saying: late ("3 days overdue") or today.
  const standing = value.due && (overdueDays > 0 || value.due === today) ? dueText({ due: value.due, overdueDays }, today) : '';
  useEffect(() => {
    if (!typing.current) setPromise(value.note ?? '');
  }, [value.note]);
  // A cadence changed elsewhere (another tab, Clear, its undo) shows as what it now is.
  useEffect(() => {
    setCustom(!!value.cadenceDays && !preset);
  }, [value.cadenceDays]);
  return (
    <fieldset class="kith-followup">
      <legend>{t('followUpLabel')}</legend>
      <label>
        {t('followUpDue')}
        <input
          type="date"
          value={value.due ?? ''}
          aria-describedby={standing ? 'kith-due-standing' : undefined}
          onChange={(e) => onChange({ due: e.currentTarget.value || null })}
        />
      </label>
      {standing && (
        <p id="kith-due-standing" class={overdueDays > 0 ? 'kith-overdue' : 'kith-muted'}>
          {standing}
        </p>
      )}
      <label>
        {t('followUpCadence')}
        <select
          value={custom ? 'custom' : String(value.cadenceDays ?? '')}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setCustom(v === 'custom');
            if (v !== 'custom') onChange({ cadenceDays: v ? Number(v) : null });
          }}
        >
          <CadenceOptions />
        </select>
      </label>
      {custom && (
        <label>
          {t('followUpCustomDays')}
          <input
            type="number"
            min={1}
            max={MAX_DAYS}
            value={value.cadenceDays ?? ''}
            onChange={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n <= MAX_DAYS) onChange({ cadenceDays: n });
            }}
          />
        </label>
      )}
      <label>
        {t('followUpNote')}
        <input
          value={promise}
          onFocus={() => (typing.current = true)}
          onInput={(e) => setPromise(e.currentTarget.value)}
          onChange={(e) => onChange({ note: e.currentTarget.value.trim() || null })}
          onBlur={() => (typing.current = false)}
        />
      </label>
      {(value.due || value.cadenceDays) && (
        <button
          type="button"
          onClick={() => {
            const was = value;
            onChange({ due: null, cadenceDays: null, note: null });
            undo.offer(t('followUpCleared'), async () => onChange({ due: was.due ?? null, cadenceDays: was.cadenceDays ?? null, note: was.note ?? null }));
          }}
        >
          {t('followUpClear')}
        </button>
      )}
      <UndoBar state={undo} />
    </fieldset>
  );
}
