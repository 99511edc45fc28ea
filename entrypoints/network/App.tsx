import { useEffect, useState } from 'preact/hooks';
import { localDay } from '@/utils/dates';
import { getSettings, DEFAULT_SETTINGS } from '@/utils/settings';
import type { CheckIn } from '@/utils/checkin';
import { t } from '@/utils/i18n';
import { EventCheckIn } from '@/components/shared/EventCheckIn';
import { NetworkPeople } from '@/components/network/NetworkPeople';
import { NetworkEvents } from '@/components/network/NetworkEvents';
import { NetworkIntroductions } from '@/components/network/NetworkIntroductions';
import { NetworkCaptured } from '@/components/network/NetworkCaptured';

type View = 'people' | 'events' | 'introductions' | 'captured';
interface Route {
  view: View;
  /** The person (people view) or the event ('new' for a new one) shown beside the list. */
  id?: string;
}

/** '#people', '#person/<id>', '#events', '#event/<id>', '#introductions', '#captured': views can be linked to and the Back button works. */
function parseRoute(hash: string): Route {
  const [head = '', id] = hash.replace(/^#/, '').split('/');
  const decoded = id ? decodeURIComponent(id) : undefined;
  if (head === 'person') return { view: 'people', ...(decoded ? { id: decoded } : {}) };
  if (head === 'event') return { view: 'events', ...(decoded ? { id: decoded } : {}) };
  if (head === 'events' || head === 'introductions' || head === 'captured') return { view: head };
  return { view: 'people' };
}

function hashOf(r: Route): string {
  if (r.view === 'people') return r.id ? `#person/${encodeURIComponent(r.id)}` : '#people';
  if (r.view === 'events') return r.id ? `#event/${encodeURIComponent(r.id)}` : '#events';
  return r.view === 'captured' ? '#captured' : '#introductions';
}

const VIEWS: [View, string][] = [
  ['people', 'networkPeople'],
  ['events', 'networkEvents'],
  ['introductions', 'networkIntroductions'],
  ['captured', 'networkCaptured'],
];

/** The network page: everyone saved, events and who you met at each, and who introduced whom. */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [lastPerson, setLastPerson] = useState<string | undefined>(route.view === 'people' ? route.id : undefined);
  const [checkedIn, setCheckedIn] = useState<CheckIn | null>(null);
  const [postMeetingDays, setPostMeetingDays] = useState(DEFAULT_SETTINGS.postMeetingFollowUpDays);
  const today = localDay();

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    getSettings().then((s) => setPostMeetingDays(s.postMeetingFollowUpDays), () => undefined);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const go = (next: Route) => {
    if (next.view === 'people') setLastPerson(next.id);
    setRoute(next);
    const hash = hashOf(next);
    if (location.hash !== hash) history.pushState(null, '', hash);
  };
  const openPerson = (id: string | undefined) => go({ view: 'people', ...(id ? { id } : {}) });

  return (
    <div class="network">
      <header class="top">
        <h1>{t('networkHeading')}</h1>
        <nav aria-label={t('networkViews')}>
          <ul>
            {VIEWS.map(([view, key]) => (
              <li key={view}>
                <a
                  href={hashOf(view === 'people' ? { view, ...(lastPerson ? { id: lastPerson } : {}) } : { view })}
                  aria-current={route.view === view ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    go(view === 'people' ? { view, ...(lastPerson ? { id: lastPerson } : {}) } : { view });
                  }}
                >
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <a class="top-drill" href="/drill.html">
          {t('drillOpen')}
        </a>
        <div class="top-checkin">
          <EventCheckIn onChange={setCheckedIn} />
        </div>
      </header>
      <main>
        {/* Stays mounted while another view shows, so the search and filters are there on return. */}
        <div class="view" hidden={route.view !== 'people'}>
          <NetworkPeople today={today} personId={lastPerson} onOpenPerson={openPerson} postMeetingDays={postMeetingDays} />
        </div>
        {route.view === 'events' && (
          <NetworkEvents
            today={today}
            selected={route.id}
            onSelect={(id) => go({ view: 'events', ...(id ? { id } : {}) })}
            onOpenPerson={(id) => openPerson(id)}
            checkedIn={checkedIn}
          />
        )}
        {route.view === 'introductions' && <NetworkIntroductions today={today} onOpenPerson={(id) => openPerson(id)} />}
        {route.view === 'captured' && <NetworkCaptured today={today} onOpenPerson={(id) => openPerson(id)} />}
      </main>
    </div>
  );
}
