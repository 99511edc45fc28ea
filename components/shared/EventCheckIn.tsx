import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { KithEvent } from '@/utils/model/types';
import { CAPS } from '@/utils/model/caps';
import { send } from '@/utils/client';
import { localDay } from '@/utils/dates';
import { checkIn, checkOut, readCheckIn, watchCheckIn, type CheckIn } from '@/utils/checkin';
import { fold } from '@/utils/text';
import { t } from '@/utils/i18n';
import { formatDueDay } from '@/utils/phrases';

/** Layout only (colours come from the page): the popup has no styles for this part. */
const ROW = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px' } as const;

/**
 * Check in to the event the user is at (then every profile's sidebar offers "Met here"), or check
 * out in one click. Typing a name no event has creates that event, dated today. Used by the popup and
 * the network page; the check-in lives in extension storage, so every open view follows it.
 */
export function EventCheckIn({ onChange }: { onChange?: (c: CheckIn | null) => void }) {
  // undefined while reading storage.
  const [current, setCurrent] = useState<CheckIn | null | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [events, setEvents] = useState<KithEvent[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const today = localDay();

  useEffect(() => {
    const read = () =>
      readCheckIn(localDay()).then((c) => {
        setCurrent(c);
        onChange?.(c);
      });
    void read();
    return watchCheckIn(() => void read());
  }, []);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const start = () => {
    setOpen(true);
    setError('');
    send('events.list', {}).then(setEvents, (e: Error) => setError(e.message));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const typed = name.trim();
    if (!typed) return;
    setBusy(true);
    try {
      const event = events.find((ev) => fold(ev.name) === fold(typed)) ?? (await send('event.create', { name: typed, start: today }));
      await checkIn(event, today);
      setOpen(false);
      setName('');
      setError('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (current === undefined) return null;
  if (current) {
    return (
      <div class="checkin checkin-on" style={ROW} role="group" aria-label={t('eventCheckInLabel')}>
        <span class="checkin-text">{t('eventCheckedIn', current.eventName, formatDueDay(current.until, today))}</span>
        {/* Before the people there: the refresher deck of whom you are likely to see. */}
        <button
          type="button"
          class="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/drill.html#event/${encodeURIComponent(current.id)}`) }).catch(() => undefined)}
        >
          {t('eventCheckedInRefresher')}
        </button>
        <button type="button" class="link" onClick={() => void checkOut()}>
          {t('eventCheckOut')}
        </button>
      </div>
    );
  }
  if (!open) {
    return (
      <button type="button" class="link checkin-start" onClick={start}>
        {t('eventCheckInStart')}
      </button>
    );
  }
  return (
    <form class="checkin checkin-form" style={ROW} aria-label={t('eventCheckInLabel')} onSubmit={submit}>
      <label style={ROW}>
        {t('eventCheckInWhich')}
        <input ref={input} list="kith-checkin-events" value={name} maxLength={CAPS.eventName} onInput={(e) => setName(e.currentTarget.value)} autocomplete="off" required />
      </label>
      <datalist id="kith-checkin-events">
        {events.map((ev) => (
          <option key={ev.id} value={ev.name} />
        ))}
      </datalist>
      <button type="submit" disabled={busy}>
        {t('eventCheckIn')}
      </button>
      <button type="button" class="link" onClick={() => setOpen(false)}>
        {t('eventCancel')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
