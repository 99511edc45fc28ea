import { useEffect, useRef, useState } from 'preact/hooks';
import type { Payload } from '@/utils/messages';
import type { KithEvent } from '@/utils/model/types';
import { send } from '@/utils/client';
import { readCheckIn, type CheckIn } from '@/utils/checkin';
import { localDay } from '@/utils/dates';
import { fold } from '@/utils/text';
import { t } from '@/utils/i18n';

type Capture = Payload<'capture.save'>;

/** The event as typed: the check-in's or a known event's (by folded name), else a new one of that name. */
export function eventChoice(typed: string, checkIn: CheckIn | null, events: readonly KithEvent[]): Capture['event'] {
  const name = typed.trim();
  if (!name) return undefined;
  if (checkIn && fold(checkIn.eventName) === fold(name)) return { id: checkIn.id };
  const known = events.find((ev) => fold(ev.name) === fold(name));
  return known ? { id: known.id } : { name };
}

/**
 * "Met someone": at the event, a name (and the event, prefilled from the check-in; a note; who
 * introduced you), saved at once as someone to match to their profile later. Name and Enter is all it
 * takes. Escape or Cancel closes it.
 */
export function MetSomeone({ onSaved, onClose }: { onSaved: (name: string) => void; onClose: () => void }) {
  const [name, setName] = useState('');
  const [event, setEvent] = useState('');
  const [note, setNote] = useState('');
  const [introducer, setIntroducer] = useState('');
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [events, setEvents] = useState<KithEvent[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const eventTouched = useRef(false);

  useEffect(() => {
    nameInput.current?.focus();
    readCheckIn(localDay()).then((c) => {
      setCheckIn(c);
      if (c && !eventTouched.current) setEvent(c.eventName);
    }, () => undefined);
    send('events.list', {}).then(setEvents, () => undefined);
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const typed = name.trim();
    if (!typed || busy) return;
    setBusy(true);
    const chosen = eventChoice(event, checkIn, events);
    try {
      await send('capture.save', {
        name: typed,
        ...(chosen ? { event: chosen } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(introducer.trim() ? { introducedBy: { name: introducer.trim() } } : {}),
      });
      onSaved(typed);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      class="met-someone"
      aria-label={t('captureHeading')}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h2>{t('captureHeading')}</h2>
      <label>
        {t('captureName')}
        <input ref={nameInput} value={name} maxLength={200} required autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('captureEvent')}
        <input
          value={event}
          list="kith-capture-events"
          maxLength={200}
          autocomplete="off"
          onInput={(e) => {
            eventTouched.current = true;
            setEvent(e.currentTarget.value);
          }}
        />
      </label>
      <datalist id="kith-capture-events">
        {events.map((ev) => (
          <option key={ev.id} value={ev.name} />
        ))}
      </datalist>
      <label>
        {t('captureIntroducedBy')}
        <input value={introducer} maxLength={200} autocomplete="off" onInput={(e) => setIntroducer(e.currentTarget.value)} />
      </label>
      <label>
        {t('captureNote')}
        <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="met-actions">
        <button type="submit" class="primary" disabled={busy || !name.trim()}>
          {t('captureSave')}
        </button>
        <button type="button" onClick={onClose}>
          {t('captureCancel')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
