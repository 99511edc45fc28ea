import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/client';
import { openSyncPort } from '@/utils/sync-port';
import type { SyncStatus } from '@/utils/messages';
import type { SyncErrorCode } from '@/utils/sync/errors';
import { t } from '@/utils/i18n';
import { countPhrase, formatCount } from '@/components/shared/counts';
import { errorText } from './errorText';
import { serverPattern, syncErrorText, timeAgo } from './syncText';

/**
 * Options → Sync: connect this browser to the user's own CouchDB (every record encrypted here with
 * their passphrase first), then see how it goes and pause or disconnect it. Nothing is sent anywhere
 * until "Connect".
 */
/**
 * Asks for the sync server's origin. Call it within the click itself: browsers grant an optional
 * permission only from a user's gesture. A request that throws at once is a rejected promise here.
 */
function requestOrigin(pattern: string): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: [pattern] });
  } catch (err) {
    return Promise.reject(err);
  }
}

export function SyncPanel() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    send('sync.status', {}).then(setStatus, (e) => setLoadError(errorText(e)));
    // While this page is open the background runs the live feed and tells it each change of status.
    return openSyncPort(setStatus);
  }, []);

  return (
    <section class="kith-card" aria-labelledby="kith-sync-h" aria-busy={status ? undefined : 'true'}>
      <h2 id="kith-sync-h">{t('syncHeading')}</h2>
      <p class="kith-hint">{t('syncIntro')}</p>
      {loadError && (
        <p class="kith-error" role="alert">
          {t('syncStatusFailed', loadError)}
        </p>
      )}
      {status && (status.connected ? <SyncConnected status={status} onStatus={setStatus} /> : <SyncConnectForm onConnected={setStatus} />)}
    </section>
  );
}

interface Fields {
  url: string;
  database: string;
  username: string;
  password: string;
  passphrase: string;
}

interface Failure {
  code: SyncErrorCode;
  url: string;
  database: string;
  /** The server could not be reached and Kith holds no permission for it: the pattern to ask for. */
  askFor?: string;
}

const originOf = (url: string) => {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return url.trim();
  }
};

function SyncConnectForm({ onConnected }: { onConnected: (s: SyncStatus) => void }) {
  const [fields, setFields] = useState<Fields>({ url: '', database: 'kith', username: '', password: '', passphrase: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [problem, setProblem] = useState('');
  const [missing, setMissing] = useState<Partial<Record<keyof Fields, string>>>({});

  const field = (name: keyof Fields) => ({
    id: `kith-sync-${name}`,
    value: fields[name],
    onInput: (e: Event) => setFields((f) => ({ ...f, [name]: (e.currentTarget as HTMLInputElement).value })),
    'aria-invalid': missing[name] ? ('true' as const) : undefined,
    'aria-describedby': [`kith-sync-${name}-hint`, missing[name] ? `kith-sync-${name}-error` : ''].filter(Boolean).join(' ') || undefined,
  });

  const connect = async (createDatabase = false) => {
    const need: Partial<Record<keyof Fields, string>> = {};
    if (!fields.url.trim()) need.url = t('syncUrlNeeded');
    if (!fields.database.trim()) need.database = t('syncDatabaseNeeded');
    if (!fields.passphrase) need.passphrase = t('syncPassphraseNeeded');
    setMissing(need);
    setFailure(null);
    setProblem('');
    if (Object.keys(need).length) return;
    setBusy(true);
    const input = { ...fields, url: fields.url.trim(), database: fields.database.trim() };
    try {
      const reply = await send('sync.connect', { ...input, ...(createDatabase ? { createDatabase: true } : {}) });
      if (!reply.error) {
        onConnected(reply.status);
        return;
      }
      // Unreachable may only mean that the server does not let Kith's origin in (CORS): the browser
      // lets Kith in once the user allows that one server.
      const pattern = reply.error === 'unreachable' ? serverPattern(input.url) : undefined;
      const askFor = pattern && !(await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) ? pattern : undefined;
      setFailure({ code: reply.error, url: input.url, database: input.database, ...(askFor ? { askFor } : {}) });
    } catch (e) {
      setProblem(t('syncConnectFailed', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  const allow = (pattern: string) => {
    const origin = originOf(fields.url);
    void requestOrigin(pattern)
      .then((granted) => (granted ? connect() : setProblem(t('syncPermissionDenied', origin))))
      .catch((err) => setProblem(t('syncPermissionFailed', origin, errorText(err))));
  };

  const hinted = (name: keyof Fields, hint: string) => (
    <>
      <p id={`kith-sync-${name}-hint`} class="kith-hint">
        {hint}
      </p>
      {missing[name] && (
        <p id={`kith-sync-${name}-error`} class="kith-field-error">
          {missing[name]}
        </p>
      )}
    </>
  );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void connect();
      }}
    >
      <div class="kith-field">
        <label for="kith-sync-url">{t('syncUrl')}</label>
        <input {...field('url')} type="text" inputMode="url" autoComplete="url" spellcheck={false} placeholder="https://couch.example.org" />
        {hinted('url', t('syncUrlHint'))}
      </div>
      <div class="kith-field">
        <label for="kith-sync-database">{t('syncDatabase')}</label>
        <input {...field('database')} type="text" autoComplete="off" spellcheck={false} />
        {hinted('database', t('syncDatabaseHint'))}
      </div>
      <div class="kith-field">
        <label for="kith-sync-username">{t('syncUsername')}</label>
        <input {...field('username')} type="text" autoComplete="username" spellcheck={false} />
        {hinted('username', t('syncUsernameHint'))}
      </div>
      <div class="kith-field">
        <label for="kith-sync-password">{t('syncPassword')}</label>
        <input {...field('password')} type="password" autoComplete="current-password" />
        {hinted('password', t('syncPasswordHint'))}
      </div>
      <div class="kith-field">
        <label for="kith-sync-passphrase">{t('syncPassphrase')}</label>
        <input {...field('passphrase')} type="password" autoComplete="off" />
        {hinted('passphrase', t('syncPassphraseHint'))}
      </div>
      <div class="kith-row">
        <button type="submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('syncConnecting') : t('syncConnect')}
        </button>
      </div>
      {failure && (
        <div class="kith-error" role="alert">
          <p class="kith-plain">{syncErrorText(failure.code, failure.url, failure.database)}</p>
          {failure.code === 'no-database' && (
            <p class="kith-plain">
              <button type="button" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && void connect(true)}>
                {t('syncCreateDatabase', failure.database)}
              </button>
            </p>
          )}
          {failure.askFor && (
            <>
              <p class="kith-plain">{t('syncPermissionWhy', originOf(failure.url))}</p>
              <p class="kith-plain">
                <button type="button" onClick={() => allow(failure.askFor!)}>
                  {t('syncPermissionAllow', originOf(failure.url))}
                </button>
              </p>
            </>
          )}
        </div>
      )}
      {problem && (
        <p class="kith-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function SyncConnected({ status, onStatus }: { status: SyncStatus; onStatus: (s: SyncStatus) => void }) {
  const [now, setNow] = useState(Date.now());
  const [problem, setProblem] = useState('');
  // The server's permission taken back in the browser's settings shows as "no answer": offer it again.
  const [askFor, setAskFor] = useState<string | undefined>();
  const url = status.server?.url ?? '';
  useEffect(() => {
    const pattern = status.error === 'unreachable' ? serverPattern(url) : undefined;
    if (!pattern) return setAskFor(undefined);
    void browser.permissions
      .contains({ origins: [pattern] })
      .then((held) => setAskFor(held ? undefined : pattern))
      .catch(() => setAskFor(undefined));
  }, [status.error, url]);
  useEffect(() => {
    // "2 min. ago" grows older while the page stays open.
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => setNow(Date.now()), [status]);

  const act = async (name: 'sync.now' | 'sync.pause' | 'sync.resume' | 'sync.disconnect') => {
    setProblem('');
    try {
      onStatus(await send(name, {}));
    } catch (e) {
      setProblem(errorText(e));
    }
  };

  const server = status.server!;
  const origin = originOf(server.url);
  const allow = (pattern: string) => {
    void requestOrigin(pattern)
      .then((granted) => (granted ? act('sync.now') : setProblem(t('syncPermissionDenied', origin))))
      .catch((err) => setProblem(t('syncPermissionFailed', origin, errorText(err))));
  };
  const { progress } = status;
  const line = status.paused
    ? t('syncPausedLine')
    : status.running
      ? t(status.firstSync ? 'syncFirstRunning' : 'syncRunning')
      : status.lastSyncedAt
        ? t('syncLastSynced', timeAgo(status.lastSyncedAt, now), countPhrase('syncRecords', status.records))
        : t('syncNotYet');

  return (
    <>
      <p>{server.username ? t('syncConnectedAs', server.database, origin, server.username) : t('syncConnectedTo', server.database, origin)}</p>
      <p class="kith-sync-line" aria-live="polite" data-testid="sync-status">
        {line}
      </p>
      {status.running && status.firstSync && progress && (
        <div class="kith-progress">
          <span id="kith-sync-progress-label">{t('syncFirstProgress')}</span>
          <progress aria-labelledby="kith-sync-progress-label" aria-describedby="kith-sync-progress-step" max={progress.total || 1} value={progress.done} />
          <span id="kith-sync-progress-step" class="kith-hint">
            {t(progress.phase === 'pull' ? 'syncReceiving' : 'syncSending', formatCount(progress.done), formatCount(progress.total))}
          </span>
        </div>
      )}
      {status.error && !status.running && (
        <div class="kith-error" role="alert">
          <p class="kith-plain">{t('syncLastFailed', syncErrorText(status.error, server.url, server.database))}</p>
          {askFor && (
            <>
              <p class="kith-plain">{t('syncPermissionWhy', origin)}</p>
              <p class="kith-plain">
                <button type="button" onClick={() => allow(askFor)}>
                  {t('syncPermissionAllow', origin)}
                </button>
              </p>
            </>
          )}
        </div>
      )}
      <div class="kith-row kith-sync-actions">
        <button type="button" aria-disabled={status.paused ? 'true' : undefined} onClick={() => !status.paused && void act('sync.now')}>
          {t('syncNow')}
        </button>
        <button type="button" onClick={() => void act(status.paused ? 'sync.resume' : 'sync.pause')}>
          {status.paused ? t('syncResume') : t('syncPause')}
        </button>
        <button type="button" class="kith-danger-outline" onClick={() => void act('sync.disconnect')}>
          {t('syncDisconnect')}
        </button>
      </div>
      <p class="kith-hint">{t('syncDisconnectHint')}</p>
      {problem && (
        <p class="kith-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
