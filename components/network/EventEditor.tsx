import { useState } from 'preact/hooks';
import type { EventOverview, Payload } from '@/utils/messages';
import type { KithEvent } from '@/utils/model/types';
import { CAPS } from '@/utils/model/caps';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { formatDays } from '@/utils/phrases';

type Fields = { name: string; start: string; end: string; place: string; url: string; notes: string };

const fieldsOf = (ev?: KithEvent): Fields => ({
  name: ev?.name ?? '',
  start: ev?.start ?? '',
  end: ev?.end ?? '',
  place: ev?.place ?? '',
  url: ev?.url ?? '',
  notes: ev?.notes ?? '',
});

/** An event's name, dates, place, link and notes: a new event (no `event`) or an edit of one. */
export function EventEditor({ event, onSaved, onCancel }: { event?: KithEvent; onSaved: (ev: KithEvent) => void; onCancel?: () => void }) {
  const [f, setF] = useState<Fields>(fieldsOf(event));
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = event ? `event-${event.id}` : 'event-new';
  const set = (k: keyof Fields) => (e: Event) => {
    setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
    setStatus('');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (f.start && f.end && f.end < f.start) return setError(t('eventEndBeforeStart'));
    setBusy(true);
    try {
      const trimmed = { name: f.name.trim(), start: f.start, end: f.end, place: f.place.trim(), url: f.url.trim(), notes: f.notes.trim() };
      let saved: KithEvent;
      if (event) {
        saved = await send('event.update', { id: event.id, patch: trimmed });
      } else {
        const input: Payload<'event.create'> = { name: trimmed.name };
        for (const k of ['start', 'end', 'place', 'url', 'notes'] as const) if (trimmed[k]) input[k] = trimmed[k];
        saved = await send('event.create', input);
      }
      setError('');
      setStatus(t('eventSaved'));
      onSaved(saved);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="event-form" aria-label={event ? t('eventEditLabel', event.name) : t('eventNewLabel')} onSubmit={submit}>
      <label>
        {t('eventName')}
        <input id={`${id}-name`} value={f.name} onInput={set('name')} maxLength={CAPS.eventName} required />
      </label>
      <div class="event-dates">
        <label>
          {t('eventStart')}
          <input type="date" value={f.start} onInput={set('start')} />
        </label>
        <label>
          {t('eventEnd')}
          <input type="date" value={f.end} min={f.start || undefined} onInput={set('end')} />
        </label>
      </div>
      <label>
        {t('eventPlace')}
        <input value={f.place} onInput={set('place')} maxLength={CAPS.place} />
      </label>
      <label>
        {t('eventUrl')}
        <input type="url" value={f.url} onInput={set('url')} placeholder="https://" />
      </label>
      <label>
        {t('eventNotes')}
        <textarea rows={3} value={f.notes} onInput={set('notes')} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="kith-primary" disabled={busy}>
          {event ? t('eventSave') : t('eventCreate')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('eventCancel')}
          </button>
        )}
        <span role="status" class="muted">
          {status}
        </span>
      </div>
    </form>
  );
}

/**
 * Merges a duplicate into this event: the duplicate's encounters move here and it is removed. Asks
 * once, saying what will happen, before doing it.
 */
export function EventMerge({ event, others, onMerged }: { event: KithEvent; others: EventOverview[]; onMerged: (kept: KithEvent, droppedId: string) => void }) {
  const [dropId, setDropId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const drop = others.find((o) => o.event.id === dropId);
  if (others.length === 0) return null;

  const merge = async () => {
    try {
      const { event: kept } = await send('event.merge', { keepId: event.id, dropId });
      setConfirming(false);
      setDropId('');
      setError('');
      onMerged(kept, dropId);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <fieldset class="event-merge">
      <legend>{t('eventMergeLegend')}</legend>
      <p class="muted">{t('eventMergeHint', event.name)}</p>
      <label>
        {t('eventMergeWhich')}
        <select
          value={dropId}
          onChange={(e) => {
            setDropId(e.currentTarget.value);
            setConfirming(false);
          }}
        >
          <option value="">{t('eventMergeChoose')}</option>
          {others.map((o) => (
            <option key={o.event.id} value={o.event.id}>
              {o.event.start || o.event.end ? `${o.event.name} (${formatDays(o.event.start, o.event.end)})` : o.event.name}
            </option>
          ))}
        </select>
      </label>
      {drop &&
        (confirming ? (
          <div class="confirm" role="group" aria-label={t('eventMergeConfirmLabel')}>
            <p>{t('eventMergeConfirm', drop.event.name, event.name, drop.encounters)}</p>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void merge()}>
                {t('eventMergeDo', drop.event.name)}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('eventCancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('eventMerge')}
          </button>
        ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
