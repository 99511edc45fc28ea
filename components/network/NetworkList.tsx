import { useEffect, useRef, useState } from 'preact/hooks';
import type { NetworkRow, Payload } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { onPeopleChanged, send } from '@/utils/client';
import { daysBetween } from '@/utils/dates';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { VirtualList } from './VirtualList';
import { dueText, formatPastDay } from '@/utils/phrases';

export type PeopleListQuery = Pick<Payload<'people.list'>, 'sort' | 'filter'>;

/** Rows asked for at once: a screenful or three. */
const PAGE = 60;
const ROW_HEIGHT = 56;

interface Loaded {
  key: string;
  total: number;
  pages: Map<number, NetworkRow[]>;
  pending: Set<number>;
}

export interface NetworkListProps {
  query: PeopleListQuery;
  label: string;
  today: LocalDay;
  /** The person shown beside the list. */
  selectedId?: string | undefined;
  onOpen: (row: NetworkRow) => void;
  /** How many people match, once known (null while the first page is on its way). */
  onTotal?: (total: number | null) => void;
  /** An id prefix for the rows (two lists on one page). */
  idPrefix: string;
  /**
   * True: the person beside the list follows the keyboard (the people view). False: a person opens
   * only on Enter or a click (a list that leads elsewhere).
   */
  followFocus?: boolean;
  /** As tall as its rows (a short list in a page that scrolls). */
  fit?: boolean;
}

/**
 * Everyone matching a query, windowed: the background answers a page of rows at a time from its
 * indexes ('people.list'), and only the pages on screen are ever asked for. A new query keeps the
 * old rows on screen until its first page arrives, so typing never flashes an empty list.
 */
export function NetworkList({ query, label, today, selectedId, onOpen, onTotal, idPrefix, followFocus = false, fit }: NetworkListProps) {
  const key = JSON.stringify(query);
  const data = useRef<Loaded>({ key: '', total: 0, pages: new Map(), pending: new Set() });
  const wanted = useRef(key);
  const range = useRef<[number, number]>([0, PAGE - 1]);
  const [, setTick] = useState(0);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState('');
  const rerender = () => setTick((n) => n + 1);
  /** A row the keyboard moved to before its page arrived (End in a long list): opened when it does. */
  const openWhenLoaded = useRef(-1);

  const load = (page: number, replace: boolean) => {
    const k = wanted.current;
    const current = data.current;
    if (!replace) current.pending.add(page);
    const payload: Payload<'people.list'> = { offset: page * PAGE, limit: PAGE, sort: query.sort, filter: query.filter };
    send('people.list', payload).then(
      (res) => {
        if (wanted.current !== k) return;
        if (replace || data.current.key !== k) {
          data.current = { key: k, total: res.total, pages: new Map([[page, res.rows]]), pending: new Set() };
          onTotal?.(res.total);
          ensure(...range.current);
        } else {
          data.current.pages.set(page, res.rows);
          data.current.pending.delete(page);
          if (data.current.total !== res.total) onTotal?.(res.total);
          data.current.total = res.total;
        }
        setError('');
        rerender();
      },
      (e: Error) => {
        data.current.pending.delete(page);
        if (wanted.current === k) setError(e.message);
      },
    );
  };

  /** Asks for the pages of rows [first, last] that are neither here nor on their way. */
  const ensure = (first: number, last: number) => {
    range.current = [first, last];
    const d = data.current;
    if (d.key !== wanted.current) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (!d.pages.has(p) && !d.pending.has(p) && p * PAGE < d.total) load(p, false);
    }
  };

  useEffect(() => {
    wanted.current = key;
    openWhenLoaded.current = -1;
    setActive(-1);
    range.current = [0, PAGE - 1];
    onTotal?.(null);
    load(0, true);
  }, [key]);

  // Someone was saved, changed or imported: reload what is on screen (the background already knows).
  useEffect(() => onPeopleChanged(() => load(Math.floor(range.current[0] / PAGE), true)), [key]);

  const d = data.current;
  const rowAt = (i: number) => d.pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  const stale = d.key !== key;

  useEffect(() => {
    const row = openWhenLoaded.current >= 0 ? rowAt(openWhenLoaded.current) : undefined;
    if (row && !stale) {
      openWhenLoaded.current = -1;
      onOpen(row);
    }
  });

  return (
    <>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <VirtualList
        class="people-list"
        label={label}
        count={d.total}
        rowHeight={ROW_HEIGHT}
        resetKey={key}
        fit={fit}
        busy={stale}
        rowId={(i) => `${idPrefix}-${i}`}
        active={active}
        onActive={(i) => {
          setActive(i);
          if (!followFocus) return;
          const row = rowAt(i);
          openWhenLoaded.current = row ? -1 : i;
          if (row) onOpen(row);
        }}
        onActivate={(i) => {
          const row = rowAt(i);
          if (row) onOpen(row);
        }}
        onRange={ensure}
        row={(i) => {
          const row = rowAt(i);
          if (!row) return <span class="row-loading">{t('networkLoadingRow')}</span>;
          const detail = row.headline || row.company;
          const overdueDays = row.due && row.due < today ? daysBetween(row.due, today) : 0;
          return (
            <span class={`person-row${row.id === selectedId ? ' selected' : ''}`}>
              <Avatar name={row.name} src={row.photo} size={36} />
              <span class="row-text">
                <span class="row-name" title={row.name}>
                  {row.name}
                </span>
                {detail && <span class="row-detail">{detail}</span>}
              </span>
              <span class="row-meta">
                {row.due && <span class={`due${overdueDays > 0 ? ' due-over' : ''}`}>{dueText({ due: row.due, overdueDays }, today)}</span>}
                {row.lastTouch && <span class="row-detail">{t('networkLastTouch', formatPastDay(row.lastTouch, today))}</span>}
              </span>
            </span>
          );
        }}
      />
    </>
  );
}
