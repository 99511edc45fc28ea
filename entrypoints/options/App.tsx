import { useCallback, useEffect, useState } from 'preact/hooks';
import { onPeopleChanged, send } from '@/utils/client';
import type { Responses } from '@/utils/messages';
import { t } from '@/utils/i18n';
import { countPhrase } from '@/components/shared/counts';
import { errorText } from '@/components/options/errorText';
import { OptionsSettings } from '@/components/options/OptionsSettings';
import { ExportPanel } from '@/components/options/ExportPanel';
import { ImportPanel } from '@/components/options/ImportPanel';
import { OptionsDeleteAll } from '@/components/options/OptionsDeleteAll';
import { SyncPanel } from '@/components/options/SyncPanel';

type Stats = Responses['stats.get'];

/** The options page: what is stored, import, export, settings, sync, delete all. */
export function App() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [statsError, setStatsError] = useState('');

  const refresh = useCallback(async () => {
    try {
      setStats(await send('stats.get', {}));
      setStatsError('');
    } catch (e) {
      setStatsError(errorText(e));
    }
  }, []);

  // Changes made anywhere (a sidebar in another tab, an import) are announced by the background.
  useEffect(() => {
    void refresh();
    return onPeopleChanged(() => void refresh());
  }, [refresh]);

  return (
    <main class="kith-options">
      <header class="kith-top">
        <h1>{t('optionsHeading')}</h1>
        <p class="kith-stats" data-testid="stats">
          {statsError
            ? t('optionsStatsError', statsError)
            : stats
              ? t(
                  'optionsStats',
                  countPhrase('optionsPeople', stats.people),
                  countPhrase('optionsEncounters', stats.encounters),
                  countPhrase('optionsEvents', stats.events),
                )
              : t('optionsStatsLoading')}
        </p>
      </header>
      {/* In the order people come here for: bring their people in, back them up, then the settings. */}
      <ImportPanel onImported={refresh} />
      <ExportPanel />
      <OptionsSettings />
      <SyncPanel />
      <OptionsDeleteAll onDeleted={refresh} />
    </main>
  );
}
