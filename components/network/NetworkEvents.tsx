import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EventOverview } from '@/utils/messages';
import type { KithEvent, LocalDay } from '@/utils/model/types';
import { onPeopleChanged, send } from '@/utils/client';
import { checkIn, checkOut, followEvent, type CheckIn } from '@/utils/checkin';
import { fold } from '@/utils/text';
import { t } from '@/utils/i18n';
import { EventEditor, EventMerge } from './EventEditor';
import { NetworkList } from './NetworkList';
import { formatDate, formatDays } from '@/utils/phrases';
import { countPhrase } from '@/components/shared/counts';

/** '19–20 Jun 2026', '19 Jun 2026', or nothing for an undated event. */
const eventDates = (ev: Pick<KithEvent, 'start' | 'end'>) => formatDays(ev.start, ev.end);

/** When and where: the event's own dates and place, else when and where people were met there. */
function whenAndWhere({ event: ev, lastMet, metPlace }: EventOverview): string {
  const when = eventDates(ev) || (lastMet ? t('eventLastMet', formatDate(lastMet)) : '');
  return [when, ev.place ?? metPlace].filter(Boolean).join(' · ');
}

export interface NetworkEventsProps {
  today: LocalDay;
  /** The event shown (from the address), or undefined for none; 'new' for the new-event form. */
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  onOpenPerson: (id: string) => void;
  checkedIn: CheckIn | null;
}

/** Every event with how many people you met there; one event's details, check-in, merge and people beside. */
export function NetworkEvents({ today, selected, onSelect, onOpenPerson, checkedIn }: NetworkEventsProps) {
  const [events, setEvents] = useState<EventOverview[] | null>(null);
  const [find, setFind] = useState('');
  const [error, setError] = useState('');
  const [total, setTotal] = useState<number | null>(null);

  const reload = () => send('events.overview', {}).then(setEvents, (e: Error) => setError(e.message));
  useEffect(() => {
    void reload();
    return onPeopleChanged(() => void reload());
  }, []);

  const shown = useMemo(() => {
    const q = fold(find.trim());
    if (!events || !q) return events ?? [];
    return events.filter(({ event: ev }) => [ev.name, ev.place, ev.notes].some((s) => s && fold(s).includes(q)));
  }, [events, find]);

  const current = events?.find((o) => o.event.id === selected);

  const saved = (ev: KithEvent) => {
    void followEvent(ev.id, ev, today);
    void reload();
    onSelect(ev.id);
  };

  return (
    <div class="split">
      <section class="pane list-pane" aria-label={t('networkEvents')}>
        <div class="toolbar">
          <label class="grow">
            {t('eventFind')}
            <input type="search" value={find} onInput={(e) => setFind(e.currentTarget.value)} autocomplete="off" />
          </label>
          <button type="button" class="kith-primary" onClick={() => onSelect('new')}>
            {t('eventNew')}
          </button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {events && events.length === 0 && <p class="muted">{t('eventNone')}</p>}
        <ul class="event-list" aria-label={t('networkEvents')}>
          {shown.map((o) => (
            <li key={o.event.id}>
              <button
                type="button"
                class={`event-item${o.event.id === selected ? ' selected' : ''}`}
                aria-current={o.event.id === selected ? 'true' : undefined}
                onClick={() => onSelect(o.event.id)}
              >
                <span class="row-name" title={o.event.name}>
                  {o.event.name}
                  {checkedIn?.id === o.event.id && <span class="badge">{t('eventHere')}</span>}
                </span>
                <span class="row-detail">{whenAndWhere(o)}</span>
                <span class="row-detail">{countPhrase('eventPeople', o.people)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section class="pane detail-pane" aria-label={current ? current.event.name : t('eventNewLabel')}>
        {selected === 'new' ? (
          <>
            <h2>{t('eventNewLabel')}</h2>
            <EventEditor onSaved={saved} onCancel={() => onSelect(undefined)} />
          </>
        ) : current ? (
          <>
            <header class="event-head">
              <h2>{current.event.name}</h2>
              <p class="muted">{whenAndWhere(current)}</p>
              <a class="event-refresher" href={`/drill.html#event/${encodeURIComponent(current.event.id)}`}>
                {t('eventRefresher')}
              </a>
              {checkedIn?.id === current.event.id ? (
                <button type="button" onClick={() => void checkOut()}>
                  {t('eventCheckOut')}
                </button>
              ) : (
                <button type="button" class="kith-primary" onClick={() => void checkIn(current.event, today)}>
                  {t('eventCheckInHere')}
                </button>
              )}
            </header>
            <h3 id="event-people">
              {t('eventMetThere')} {total !== null && <span class="count">{total}</span>}
            </h3>
            {total === 0 && <p class="muted">{t('eventNobodyYet')}</p>}
            <NetworkList
              idPrefix="event-person"
              fit
              query={{ sort: 'name', filter: { eventId: current.event.id } }}
              label={t('eventPeopleLabel', current.event.name)}
              today={today}
              onTotal={setTotal}
              onOpen={(row) => onOpenPerson(row.id)}
            />
            <details class="event-edit">
              <summary>{t('eventEdit')}</summary>
              <EventEditor key={current.event.id} event={current.event} onSaved={saved} />
              <EventMerge
                event={current.event}
                others={(events ?? []).filter((o) => o.event.id !== current.event.id)}
                onMerged={(kept, droppedId) => {
                  void followEvent(droppedId, kept, today);
                  void reload();
                  onSelect(kept.id);
                }}
              />
            </details>
          </>
        ) : (
          <p class="muted">{events && events.length > 0 ? t('eventPick') : ''}</p>
        )}
      </section>
    </div>
  );
}
