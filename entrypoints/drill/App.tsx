import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { DrillCardView, Responses } from '@/utils/messages';
import { send } from '@/utils/client';
import { localDay } from '@/utils/dates';
import { plural } from '@/utils/phrases';
import { t } from '@/utils/i18n';
import { DrillSession } from '@/components/drill/DrillSession';
import { RecallHistory } from '@/components/drill/RecallHistory';

/** Days the history shows. */
const HISTORY_DAYS = 14;

/** '#event/<id>': that event's refresher deck; anything else: today's deck. */
function eventOf(hash: string): string | undefined {
  const m = /^#event\/(.+)$/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

type Deck = { cards: DrillCardView[]; counts?: Responses['drill.due']['counts']; event?: { id: string; name: string } };

/**
 * The drill page, "Who's this?": today's deck (the faces due, then new ones), or an event's
 * refresher deck (`#event/<id>`, from the events view or a check-in), and recall over time.
 */
export function App() {
  const [eventId, setEventId] = useState(() => eventOf(location.hash));
  const [deck, setDeck] = useState<Deck | null>(null);
  const [history, setHistory] = useState<Responses['drill.history'] | null>(null);
  const [error, setError] = useState('');
  const today = localDay();

  const loadHistory = () => send('drill.history', { days: HISTORY_DAYS }).then(setHistory, () => undefined);

  useEffect(() => {
    const onHash = () => setEventId(eventOf(location.hash));
    addEventListener('hashchange', onHash);
    void loadHistory();
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    setDeck(null);
    const load: Promise<Deck> = eventId ? send('drill.refresher', { eventId }) : send('drill.due', {});
    load.then(
      (d) => {
        setDeck(d);
        setError('');
      },
      (e: Error) => setError(e.message),
    );
  }, [eventId]);

  const counts = deck?.counts;
  return (
    <div class="drill">
      <header class="top">
        <h1>{deck?.event ? t('drillRefresherHeading', deck.event.name) : t('drillHeading')}</h1>
        {counts && <p class="muted">{t('drillCounts', plural('drillDueCount', counts.due + counts.learning), plural('drillNewCount', counts.new))}</p>}
        <nav aria-label={t('drillElsewhere')}>
          {eventId && (
            <a href="#">
              {t('drillToday')}
            </a>
          )}
          <a href={browser.runtime.getURL('/network.html')}>{t('networkOpen')}</a>
        </nav>
      </header>
      <main class="drill-main">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {!deck && !error && (
          <p class="muted" role="status">
            {t('drillLoading')}
          </p>
        )}
        {deck && (
          <DrillSession
            key={eventId ?? 'today'}
            deck={deck.cards}
            today={today}
            more={() => (eventId ? Promise.resolve([]) : send('drill.due', {}).then((d) => d.cards))}
            onAnswered={() => void loadHistory()}
          />
        )}
        {history && <RecallHistory history={history} today={today} />}
      </main>
    </div>
  );
}
