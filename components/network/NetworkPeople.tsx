import { useEffect, useRef, useState } from 'preact/hooks';
import type { Payload } from '@/utils/messages';
import type { KithEvent, LocalDay } from '@/utils/model/types';
import { CAPS } from '@/utils/model/caps';
import { onPeopleChanged, send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { NetworkList, type PeopleListQuery } from './NetworkList';
import { NetworkPerson } from './NetworkPerson';
import { countPhrase } from '@/components/shared/counts';
import { UndoBar, useUndo } from '@/components/shared/UndoBar';

type Filter = Payload<'people.list'>['filter'];
type FollowUpFilter = NonNullable<Filter['followUp']>;

const FOLLOW_UPS: [FollowUpFilter, string][] = [
  ['overdue', 'networkFollowUpOverdue'],
  ['today', 'networkFollowUpToday'],
  ['week', 'networkFollowUpWeek'],
  ['none', 'networkFollowUpNone'],
];

export interface NetworkPeopleProps {
  today: LocalDay;
  personId: string | undefined;
  onOpenPerson: (id: string | undefined) => void;
  postMeetingDays: number;
}

/**
 * Everyone saved: search as you type, filter by tag, event, company and follow-up, sort by name or
 * last touch; the chosen person's whole record opens beside the list.
 */
export function NetworkPeople({ today, personId, onOpenPerson, postMeetingDays }: NetworkPeopleProps) {
  const [text, setText] = useState('');
  const [company, setCompany] = useState('');
  const [tag, setTag] = useState('');
  const [eventId, setEventId] = useState('');
  const [followUp, setFollowUp] = useState<FollowUpFilter | ''>('');
  const [sort, setSort] = useState<PeopleListQuery['sort']>('name');
  const [tags, setTags] = useState<string[]>([]);
  const [events, setEvents] = useState<KithEvent[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const undo = useUndo();

  useEffect(() => {
    const load = () => {
      send('tags.list', {}).then(setTags, () => undefined);
      send('events.list', {}).then(setEvents, () => undefined);
    };
    load();
    search.current?.focus();
    return onPeopleChanged(load);
  }, []);

  const filter: Filter = {};
  if (text.trim()) filter.query = text.trim();
  if (company.trim()) filter.company = company.trim();
  if (tag) filter.tag = tag;
  if (eventId) filter.eventId = eventId;
  if (followUp) filter.followUp = followUp;
  const filtered = Object.keys(filter).length > 0;

  return (
    <div class="split">
      <section class="pane list-pane" aria-label={t('networkPeople')}>
        <div class="filters" role="search">
          <div class="field grow">
            <label for="filter-search">{t('networkSearch')}</label>
            <input
              id="filter-search"
              ref={search}
              type="search"
              value={text}
              maxLength={CAPS.query}
              autocomplete="off"
              spellcheck={false}
              placeholder={t('networkSearchPlaceholder')}
              onInput={(e) => setText(e.currentTarget.value)}
              // The browser stops an idle background, and with it what it keeps for the list (reading
              // 100,000 people again takes a second or two): wake it before the first keystroke.
              onFocus={() => void send('people.list', { offset: 0, limit: 1, sort, filter: {} }).catch(() => undefined)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  document.querySelector<HTMLElement>('.people-list')?.focus();
                }
              }}
            />
          </div>
          <div class="field">
            <label for="filter-tag">{t('networkTag')}</label>
            <select id="filter-tag" value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
              <option value="">{t('networkAny')}</option>
              {tags.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-event">{t('networkEvent')}</label>
            <select id="filter-event" value={eventId} onChange={(e) => setEventId(e.currentTarget.value)}>
              <option value="">{t('networkAny')}</option>
              {events.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-company">{t('networkCompany')}</label>
            <input id="filter-company" value={company} maxLength={CAPS.query} autocomplete="off" onInput={(e) => setCompany(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="filter-followup">{t('networkFollowUp')}</label>
            <select id="filter-followup" value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value as FollowUpFilter | '')}>
              <option value="">{t('networkAny')}</option>
              {FOLLOW_UPS.map(([v, key]) => (
                <option key={v} value={v}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-sort">{t('networkSort')}</label>
            <select id="filter-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as PeopleListQuery['sort'])}>
              <option value="name">{t('networkSortName')}</option>
              <option value="lastTouch">{t('networkSortLastTouch')}</option>
            </select>
          </div>
        </div>
        <p class="count-line" role="status">
          {total === null ? '' : filtered ? countPhrase('networkMatches', total) : countPhrase('networkEveryone', total)}
          {filtered && (
            <button
              type="button"
              class="link"
              onClick={() => {
                setText('');
                setCompany('');
                setTag('');
                setEventId('');
                setFollowUp('');
              }}
            >
              {t('networkClearFilters')}
            </button>
          )}
        </p>
        <NetworkList
          idPrefix="person"
          followFocus
          query={{ sort, filter }}
          label={t('networkPeopleLabel')}
          today={today}
          selectedId={personId}
          onTotal={setTotal}
          onOpen={(row) => onOpenPerson(row.id)}
        />
      </section>
      <section class="pane detail-pane" aria-label={t('networkPersonLabel')}>
        {personId ? (
          <NetworkPerson
            id={personId}
            postMeetingDays={postMeetingDays}
            onOpenPerson={onOpenPerson}
            onClose={() => onOpenPerson(undefined)}
            onDeleted={(name, putBack) => {
              const id = personId;
              onOpenPerson(undefined);
              undo.offer(t('personDeleted', name), async () => {
                await putBack();
                onOpenPerson(id);
              });
            }}
          />
        ) : (
          <p class="muted">{total === 0 && !filtered ? t('networkNobody') : t('networkPickPerson')}</p>
        )}
        <UndoBar state={undo} />
      </section>
    </div>
  );
}
