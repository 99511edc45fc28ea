import { useState } from 'preact/hooks';
import { CadenceOptions } from './CadenceOptions';
import type { FollowUp } from '@/utils/types';
import { CADENCE_PRESETS } from '@/utils/followups';
import { t } from '@/utils/i18n';

/** Next follow-up day, cadence (presets or custom days) and what was promised. */
export function FollowUpEditor({ value, onChange }: { value: FollowUp; onChange: (f: FollowUp) => void }) {
  const preset = CADENCE_PRESETS.some((p) => p.days === value.cadenceDays);
  const [custom, setCustom] = useState(!!value.cadenceDays && !preset);
  const [promise, setPromise] = useState(value.note ?? '');
  const set = (change: Partial<FollowUp>) => {
    const next: FollowUp = { ...value, ...change };
    for (const k of Object.keys(next) as (keyof FollowUp)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(next);
  };
  return (
    <fieldset class="kith-followup">
      <legend>{t('followUpLabel')}</legend>
      <label>
        {t('followUpDue')}
        <input type="date" value={value.due ?? ''} onChange={(e) => set({ due: e.currentTarget.value || undefined })} />
      </label>
      <label>
        {t('followUpCadence')}
        <select
          value={custom ? 'custom' : String(value.cadenceDays ?? '')}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setCustom(v === 'custom');
            if (v !== 'custom') set({ cadenceDays: v ? Number(v) : undefined });
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
            max={3650}
            value={value.cadenceDays ?? ''}
            onChange={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n <= 3650) set({ cadenceDays: n });
            }}
          />
        </label>
      )}
      <label>
        {t('followUpNote')}
        <input
          value={promise}
          onInput={(e) => setPromise(e.currentTarget.value)}
          onChange={(e) => set({ note: e.currentTarget.value.trim() || undefined })}
        />
      </label>
      {(value.due || value.cadenceDays) && (
        <button type="button" onClick={() => onChange({})}>
          {t('followUpClear')}
        </button>
      )}
    </fieldset>
  );
}
