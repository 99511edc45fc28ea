import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import { sidePanel } from '@/utils/compat';
import { onPeopleChanged, send } from '@/utils/client';
import type { FollowUpRow as Row, Responses } from '@/utils/messages';
import type { EncounterKind } from '@/utils/model/types';
import { localDay } from '@/utils/dates';
import { t } from '@/utils/i18n';
import { FollowUpItem, type SnoozeBy } from '@/components/popup/FollowUpItem';
import { PopupSearch } from '@/components/popup/PopupSearch';
import { PopupNothingDue, PopupWelcome } from '@/components/popup/PopupEmpty';
import { formatDueDay, plural } from '@/utils/phrases';
import { EventCheckIn } from '@/components/shared/EventCheckIn';
import { MetSomeone } from '@/components/popup/MetSomeone';
import { UndoBar, useUndo } from '@/components/shared/UndoBar';
import { FIRST_SCREEN, FIRST_SCREEN_KEY, isFirstScreenOf } from '@/utils/first-screen';
import { FACES_PER_REQUEST, FaceCache } from './faces';

export interface PopupData {
  list: Responses['followups.list'];
}

/** Rows shown per group before "Show all": the popup stays quick however far behind the user is. */
const GROUP_LIMIT = 25;
const ALL = 100_000;
/**
 * The popup's first screen (FIRST_SCREEN rows a group, about what it shows before scrolling; the rest
 * are asked for a frame after the first paint): the one the background keeps ready in storage.session
 * (utils/first-screen.ts), if it is today's, else the background's answer. Reading the kept one takes a
 * few milliseconds and needs no service worker; only without it is the worker asked (and woken) before
 * the first paint, which would otherwise compete with the paint for the CPU.
 */
export async function firstPopupData(): Promise<PopupData> {
  const kept = await browser.storage.session
    ?.get(FIRST_SCREEN_KEY)
    .then((r) => r[FIRST_SCREEN_KEY])
    .catch(() => undefined);
  if (isFirstScreenOf(kept, localDay())) {
    performance.mark('kith-popup-kept');
    return { list: kept.list };
  }
  return { list: await send('followups.list', { limit: FIRST_SCREEN }) };
}

type GroupKey = 'overdue' | 'dueToday' | 'week';
const GROUPS: { key: GroupKey; title: string }[] = [
  { key: 'overdue', title: 'popupOverdue' },
  { key: 'dueToday', title: 'popupDueToday' },
  { key: 'week', title: 'popupWeek' },
];

/** The browser's side panel, where Kith can show instead of on the page. */
const panel = sidePanel();

function openUrl(url: string): void {
  browser.tabs.create({ url }).catch((e: Error) => console.error('Kith: open', e));
}

export function App({ initial, initialError }: { initial: PopupData | null; initialError?: string }) {
  const [data, setData] = useState(initial);
  const [error, setError] = useState(initialError ?? '');
  const undo = useUndo();
  const [busy, setBusy] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Partial<Record<GroupKey, boolean>>>({});
  const [firstScreen, setFirstScreen] = useState(true);
  const [capturing, setCapturing] = useState(false);
  /** Faces due in the drill (due and new), asked for after the first paint; null until then. */
  const [drillDue, setDrillDue] = useState<number | null>(null);
  const metButton = useRef<HTMLButtonElement>(null);
  const seq = useRef(0);
  /** The faces shown so far: a refresh asks for the list without them, then for the new ones only. */
  const faces = useRef<FaceCache | null>(null);
  if (!faces.current) {
    faces.current = new FaceCache();
    if (initial) faces.current.learn(initial.list);
  }
  /** Once the user asks for a whole group, later refreshes fetch every row. */
  const showAll = useRef(false);
  /** After an action, the place in the list where the keyboard focus goes back to. */
  const focusIndex = useRef<number | null>(null);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    const cache = faces.current!;
    let list: PopupData['list'];
    try {
      list = await send('followups.list', { limit: showAll.current ? ALL : GROUP_LIMIT, photos: false });
      if (seq.current !== mine) return;
      setData({ list: cache.fill(list) });
      setError('');
    } catch (e) {
      if (seq.current === mine) setError((e as Error).message);
      return;
    }
    // The faces not shown before (rows show a blank circle meanwhile): a row without one is still usable.
    const missing = cache.missing(list);
    try {
      for (let i = 0; i < missing.length; i += FACES_PER_REQUEST) {
        cache.add(await send('people.photos', { ids: missing.slice(i, i + FACES_PER_REQUEST) }));
        if (seq.current !== mine) return;
        setData({ list: cache.fill(list) });
      }
    } catch (e) {
      console.error('Kith: faces', e);
    }
  }, []);

  const countDrill = useCallback(
    () =>
      send('drill.due', { limit: 0 }).then(
        ({ counts }) => setDrillDue(counts.due + counts.new),
        () => undefined,
      ),
    [],
  );

  // The rest of the rows once the first screen has painted, then the drill's count.
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(
      () => (timer = window.setTimeout(() => void refresh().finally(() => {
        setFirstScreen(false);
        void countDrill();
      }))),
    );
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [refresh]);

  // Another tab, the sidebar or an import changed someone: show it at once.
  useEffect(
    () =>
      onPeopleChanged((ids) => {
        faces.current!.forget(ids); // a new photo, or someone deleted
        void refresh();
        void countDrill();
      }),
    [refresh, countDrill],
  );

  // A row that was acted on moves or goes: keep the keyboard at the same place in the list.
  useEffect(() => {
    const i = focusIndex.current;
    if (busy !== null || i === null) return;
    focusIndex.current = null;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.fu-row .fu-done')];
    const target = buttons[Math.min(i, buttons.length - 1)] ?? document.querySelector<HTMLInputElement>('.search-input');
    target?.focus();
  }, [data, busy]);

  /** Runs Done or Snooze on a row; what it did is offered for Undo (`undo`: the background's token). */
  const act = async (row: Row, action: () => Promise<{ text: string; undo: string }>) => {
    const rows = [...document.querySelectorAll<HTMLElement>('.fu-row')];
    const index = rows.findIndex((r) => r.dataset.person === row.id);
    // Only when the user acted from within the list (the row's buttons are disabled while busy).
    const fromRow = index >= 0 && rows[index].contains(document.activeElement);
    setBusy(row.id);
    try {
      const done = await action();
      undo.offer(done.text, async () => {
        await send('change.undo', { token: done.undo });
        await refresh();
      });
      setError('');
      if (fromRow) focusIndex.current = index;
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const nextDue = async (row: Row) => (await send('person.get', { id: row.id }))?.person.followUp.due;

  const onDone = (row: Row, kind: EncounterKind) =>
    act(row, async () => {
      const { undo: token } = await send('followups.done', { personId: row.id, kind });
      const due = await nextDue(row);
      return { text: due ? t('popupDoneNext', row.name, formatDueDay(due, localDay())) : t('popupDoneCleared', row.name), undo: token };
    });

  const onSnooze = (row: Row, by: SnoozeBy) =>
    act(row, async () => {
      const { undo: token } = await send('followups.snooze', { personId: row.id, ...by });
      const due = (await nextDue(row)) ?? ('until' in by ? by.until : undefined);
      return { text: due ? t('popupSnoozed', row.name, formatDueDay(due, localDay())) : t('popupSnoozedNoDay', row.name), undo: token };
    });

  // The window this popup belongs to, known before a click, which must open the side panel at once.
  const windowId = useRef<number | undefined>(undefined);
  useEffect(() => {
    void browser.windows.getCurrent().then((w) => (windowId.current = w.id));
  }, []);

  const manifest = browser.runtime.getManifest() as { options_ui?: unknown; options_page?: unknown };
  const hasOptions = Boolean(manifest.options_ui || manifest.options_page);

  let body = null;
  if (capturing) {
    body = (
      <MetSomeone
        onSaved={(name) => {
          setCapturing(false);
          undo.say(t('captureSaved', name));
          void countDrill();
          requestAnimationFrame(() => metButton.current?.focus());
        }}
        onClose={() => {
          setCapturing(false);
          requestAnimationFrame(() => metButton.current?.focus());
        }}
      />
    );
  } else if (data && !data.list.anyone) {
    body = <PopupWelcome onOpen={openUrl} />;
  } else if (data) {
    const list = data.list;
    const any = list.totals.overdue + list.totals.dueToday + list.totals.week > 0;
    let room = firstScreen ? FIRST_SCREEN : Infinity;
    body = (
      <PopupSearch onOpen={openUrl} onError={setError} autoFocus>
        {!any ? (
          <PopupNothingDue />
        ) : (
          GROUPS.map(({ key, title }) => {
            const rows = list[key];
            const total = list.totals[key];
            if (total === 0) return null;
            const shown = (expanded[key] ? rows : rows.slice(0, GROUP_LIMIT)).slice(0, room);
            room -= shown.length;
            return (
              <section key={key} class={`group group-${key}`} aria-label={t(title)}>
                <h2>
                  {t(title)} <span class="count">{total}</span>
                </h2>
                <ul class="rows">
                  {shown.map((row) => (
                    <FollowUpItem
                      key={row.id}
                      row={row}
                      today={list.today}
                      busy={busy === row.id}
                      onDone={onDone}
                      onSnooze={onSnooze}
                      onOpen={openUrl}
                    />
                  ))}
                </ul>
                {!firstScreen && shown.length < total && (
                  <button
                    type="button"
                    class="show-all"
                    onClick={() => {
                      showAll.current = true;
                      setExpanded({ ...expanded, [key]: true });
                      void refresh();
                    }}
                  >
                    {t('popupShowAll', total)}
                  </button>
                )}
              </section>
            );
          })
        )}
      </PopupSearch>
    );
  }

  return (
    <div class="popup">
      <header class="bar">
        <h1>{t('extName')}</h1>
        <button type="button" class="link" style={{ marginLeft: 'auto', marginRight: '8px' }} onClick={() => openUrl(browser.runtime.getURL('/network.html'))}>
          {t('networkOpen')}
        </button>
        {panel && (
          <button
            type="button"
            class="link"
            style={{ marginRight: '8px' }}
            onClick={() => {
              // Before anything is awaited: the browser opens its side panel only in answer to the click.
              if (windowId.current === undefined) return;
              panel.open(windowId.current).then(() => window.close(), (e: Error) => setError(e.message));
            }}
          >
            {t('popupSidePanel')}
          </button>
        )}
        {hasOptions && (
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popupSettings')}
          </button>
        )}
      </header>
      <main>
        {data && (
          <div class="popup-tools">
            <button type="button" ref={metButton} class="primary" aria-expanded={capturing} onClick={() => setCapturing(!capturing)}>
              {t('captureOpen')}
            </button>
            <button type="button" class="drill-open" onClick={() => openUrl(browser.runtime.getURL('/drill.html'))}>
              {t('drillOpen')} {drillDue !== null && <span class="count">{plural('drillDueCount', drillDue)}</span>}
            </button>
          </div>
        )}
        {data && (
          <div style={{ padding: '0 12px 8px' }}>
            <EventCheckIn />
          </div>
        )}
        {error && (
          <p role="alert" class="error">
            {t('popupError', error)}
          </p>
        )}
        <div class="undo-slot">
          <UndoBar state={undo} />
        </div>
        {body}
      </main>
    </div>
  );
}
