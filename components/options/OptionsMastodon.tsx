import { browser } from '#imports';
import { useEffect, useRef, useState } from 'preact/hooks';
import { addInstance, INSTANCES_KEY, instancePattern, normaliseInstance, parseInstances, readInstances, removeInstance, type InstanceProblem } from '@/utils/mastodon-instances';
import { t } from '@/utils/i18n';
import { errorText } from './errorText';

const PROBLEMS: Record<InstanceProblem, string> = {
  empty: 'optionsMastodonEmpty',
  invalid: 'optionsMastodonInvalid',
  ip: 'optionsMastodonIp',
  port: 'optionsMastodonPort',
  scheme: 'optionsMastodonScheme',
  notMastodon: 'optionsMastodonNotMastodon',
};

/**
 * The Mastodon instances Kith may read, one at a time: the user names one, the browser asks them to
 * allow exactly that instance, and the list shows each allowed one with a way to take it back.
 */
export function OptionsMastodon() {
  const [hosts, setHosts] = useState<string[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void readInstances().then(setHosts);
    // The background drops an instance whose permission was taken back in the browser's own settings.
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && INSTANCES_KEY in changes) setHosts(parseInstances(changes[INSTANCES_KEY].newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  const allow = (e: Event) => {
    e.preventDefault();
    setStatus('');
    const got = normaliseInstance(text);
    if ('problem' in got) {
      setError(t(PROBLEMS[got.problem], text.trim()));
      return;
    }
    setError('');
    const { host } = got;
    // Asked for within the click itself: browsers grant an optional permission only from a user's gesture.
    let asked: Promise<boolean>;
    try {
      asked = browser.permissions.request({ origins: [instancePattern(host)] });
    } catch (err) {
      asked = Promise.reject(err);
    }
    void asked
      .then(async (granted) => {
        if (!granted) return setError(t('optionsMastodonDenied', host));
        setHosts(await addInstance(host));
        setText('');
        setStatus(t('optionsMastodonAllowed', host));
      })
      .catch((err) => setError(t('optionsMastodonFailed', host, errorText(err))));
  };

  const remove = async (host: string) => {
    setError('');
    setStatus('');
    try {
      await removeInstance(host);
      setHosts((prev) => (prev ?? []).filter((h) => h !== host));
      setStatus(t('optionsMastodonRemoved', host));
    } catch (err) {
      setError(t('optionsMastodonRemoveFailed', host, errorText(err)));
    }
    // Its button is gone: keep the keyboard in the section.
    input.current?.focus();
  };

  return (
    <form class="kith-field kith-sub" onSubmit={allow} noValidate>
      <label for="kith-mastodon-instance">{t('optionsMastodonInstance')}</label>
      <div class="kith-row">
        <input
          ref={input}
          id="kith-mastodon-instance"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="mastodon.social"
          value={text}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'kith-mastodon-hint kith-mastodon-error' : 'kith-mastodon-hint'}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit">{t('optionsMastodonAllow')}</button>
      </div>
      <p id="kith-mastodon-hint" class="kith-hint">
        {t('optionsMastodonHint')}
      </p>
      {error && (
        <p id="kith-mastodon-error" class="kith-field-error" role="alert">
          {error}
        </p>
      )}
      <p class="kith-status" role="status">
        {status}
      </p>
      {hosts && (
        <ul class="kith-instances" aria-label={t('optionsMastodonList')}>
          {hosts.length === 0 && <li class="kith-hint">{t('optionsMastodonNone')}</li>}
          {hosts.map((host) => (
            <li key={host} class="kith-row">
              <span>{host}</span>
              <button type="button" aria-label={t('optionsMastodonRemoveLabel', host)} onClick={() => void remove(host)}>
                {t('optionsMastodonRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
