import { useEffect, useState } from 'preact/hooks';
import type { CapturedRow, PersonSummary } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { onPeopleChanged, send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { offerWhere } from '@/components/shared/CaptureMatch';
import { countPhrase } from '@/components/shared/counts';

/** Finds a saved person to attach a captured one to, by search as you type. */
function MatchSearch({ row, onMatched }: { row: CapturedRow; onMatched: (name: string) => void }) {
  const [query, setQuery] = useState(row.name);
  const [found, setFound] = useState<PersonSummary[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    const q = query.trim();
    if (!q) return setFound([]);
    send('people.search', { query: q, limit: 8 }).then(
      (people) => live && setFound(people.filter((p) => p.id !== row.id)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [query]);
  const attach = (p: PersonSummary) =>
    send('capture.attach', { capturedId: row.id, personId: p.id }).then(
      () => onMatched(p.name),
      (e: Error) => setError(e.message),
    );
  return (
    <div class="captured-match">
      <label>
        {t('capturedSearch')}
        <input type="search" value={query} maxLength={200} autocomplete="off" onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      {found.length > 0 ? (
        <ul class="plain">
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" class="link" onClick={() => void attach(p)}>
                {t('capturedThisIs', p.name)}
              </button>
              {(p.headline || p.company) && <span class="muted"> {p.headline ?? p.company}</span>}
            </li>
          ))}
        </ul>
      ) : (
        query.trim() && <p class="muted">{t('capturedNoneFound')}</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Everyone captured with "Met someone" and not yet matched to a profile, newest first: where you met
 * them, their person panel, and a search to match them to someone saved. Opening their profile
 * matches them too (the sidebar offers it).
 */
export function NetworkCaptured({ today, onOpenPerson }: { today: LocalDay; onOpenPerson: (id: string) => void }) {
  const [rows, setRows] = useState<CapturedRow[] | null>(null);
  const [matching, setMatching] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    const load = () => send('capture.unmatched', {}).then(setRows, (e: Error) => setError(e.message));
    void load();
    return onPeopleChanged(() => void load());
  }, []);
  return (
    <section class="pane captured" aria-labelledby="captured-heading">
      <h2 id="captured-heading">{t('capturedHeading')}</h2>
      <p class="muted">{t('capturedHint')}</p>
      <p role="status" class="count-line">
        {status || (rows ? countPhrase('capturedCount', rows.length) : '')}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p class="muted">{t('capturedNone')}</p>}
      <ul class="captured-list" aria-label={t('capturedHeading')}>
        {rows?.map((row) => (
          <li key={row.id} class="captured-row">
            <h3>{row.name}</h3>
            {offerWhere(row, today) && <p class="muted">{offerWhere(row, today)}</p>}
            {row.met?.note && <p class="captured-note">{row.met.note}</p>}
            <div class="captured-actions">
              <button type="button" onClick={() => onOpenPerson(row.id)}>
                {t('capturedOpen', row.name)}
              </button>
              <button type="button" aria-expanded={matching === row.id} onClick={() => setMatching(matching === row.id ? null : row.id)}>
                {t('capturedFind')}
              </button>
            </div>
            {matching === row.id && (
              <MatchSearch
                row={row}
                onMatched={(name) => {
                  setMatching(null);
                  setStatus(t('capturedMatched', row.name, name));
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
