import { useEffect, useState } from 'preact/hooks';
import type { IntroductionView } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { onPeopleChanged, send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { formatPastDay } from '@/utils/phrases';

/** Who introduced you to whom: everyone saved who introduced someone, and the people they introduced. */
export function NetworkIntroductions({ today, onOpenPerson }: { today: LocalDay; onOpenPerson: (id: string) => void }) {
  const [list, setList] = useState<IntroductionView[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const load = () => send('introductions.list', {}).then(setList, (e: Error) => setError(e.message));
    void load();
    return onPeopleChanged(() => void load());
  }, []);

  return (
    <section class="pane intros" aria-labelledby="intros-title">
      <h2 id="intros-title">{t('networkIntroductions')}</h2>
      <p class="muted">{t('networkIntroductionsHint')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list && list.length === 0 && <p class="muted">{t('networkIntroductionsNone')}</p>}
      <ul class="intro-list">
        {list?.map(({ introducer, introduced }) => (
          <li key={introducer.id}>
            <button type="button" class="link strong" onClick={() => onOpenPerson(introducer.id)}>
              {introducer.name}
            </button>{' '}
            <span class="muted">{t('networkIntroducedYouTo')}</span>
            <ul aria-label={t('networkIntroducedByLabel', introducer.name)}>
              {introduced.map((p) => (
                <li key={p.id}>
                  <button type="button" class="link" onClick={() => onOpenPerson(p.id)}>
                    {p.name}
                  </button>{' '}
                  <span class="muted">{formatPastDay(p.date, today)}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
