import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PersonSummary } from '@/utils/messages';
import { CAPS } from '@/utils/model/caps';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { safeUrl } from '@/components/shared/safeUrl';

/** The words for why someone matched (PersonSummary.matched), by field. */
const MATCH_MESSAGE: Record<NonNullable<PersonSummary['matched']>['field'], string> = {
  company: 'popupMatchCompany',
  headline: 'popupMatchHeadline',
  location: 'popupMatchLocation',
  tag: 'popupMatchTag',
  event: 'popupMatchEvent',
  place: 'popupMatchPlace',
};

/** How long typing must pause before Kith searches (the search itself takes a few ms). */
const DEBOUNCE_MS = 60;
const LIMIT = 20;
/** After opening, the popup reads the rest of its rows first: warm the search after that. */
const WARM_AFTER_MS = 250;

export interface PopupSearchProps {
  onOpen: (url: string) => void;
  onError: (message: string) => void;
  autoFocus?: boolean;
  /** Shown while the search box is empty (the follow-ups). */
  children: ComponentChildren;
}

/** Search everyone saved as you type; a result (or Enter) opens their profile in a tab. */
export function PopupSearch({ onOpen, onError, autoFocus, children }: PopupSearchProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; people: PersonSummary[] } | null>(null);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const q = query.trim();

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);

  // Search is answered from the background's table of everyone, which it reads once after it starts
  // (about half a second at 30,000 people): have it read while the user is still about to type, once
  // the popup's own list is on screen, so the first keystroke does not wait for it.
  const warmed = useRef(false);
  const warm = () => {
    if (warmed.current) return;
    warmed.current = true;
    setTimeout(() => void send('people.search', { query: 'a', limit: 1 }).catch(() => undefined), WARM_AFTER_MS);
  };

  useEffect(() => {
    const mine = ++seq.current;
    if (!q) {
      setResults(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      send('people.search', { query: q, limit: LIMIT }).then(
        (people) => {
          if (seq.current === mine) setResults({ query: q, people });
        },
        (e: Error) => {
          if (seq.current === mine) onError(e.message);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.result') ?? [])];

  const openFirst = async () => {
    if (!q) return;
    try {
      // Enter may come before the debounced search answered: ask now rather than open a stale result.
      const people = results?.query === q ? results.people : await send('people.search', { query: q, limit: LIMIT });
      const url = people.map((p) => safeUrl(p.url)).find(Boolean);
      if (url) onOpen(url);
    } catch (e) {
      onError((e as Error).message);
    }
  };

  const onListKey = (e: KeyboardEvent) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown' && i < all.length - 1) {
      e.preventDefault();
      all[i + 1]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i > 0) all[i - 1]?.focus();
      else input.current?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.current?.focus();
    }
  };

  const shown = results && results.query === q ? results.people : results?.people;

  return (
    <>
      <div class="search">
        <input
          ref={input}
          type="search"
          class="search-input"
          aria-label={t('popupSearchLabel')}
          placeholder={t('popupSearchPlaceholder')}
          maxLength={CAPS.query}
          autocomplete="off"
          spellcheck={false}
          value={query}
          onFocus={warm}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void openFirst();
            } else if (e.key === 'ArrowDown') {
              const first = links()[0];
              if (first) {
                e.preventDefault();
                first.focus();
              }
            } else if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
      </div>
      {!q ? (
        children
      ) : shown === undefined ? null : shown.length === 0 ? (
        results?.query === q && <p class="empty search-none">{t('popupSearchNone', q)}</p>
      ) : (
        <ul class="results" ref={list} aria-label={t('popupSearchResults')} onKeyDown={onListKey}>
          {shown.map((p) => {
            const url = safeUrl(p.url);
            const detail = p.headline || p.company;
            // Why they matched, unless the line under the name already shows it.
            const why = p.matched && p.matched.text !== detail ? t(MATCH_MESSAGE[p.matched.field], p.matched.text) : undefined;
            const body = (
              <>
                <Avatar name={p.name} src={p.photo} size={32} />
                <span class="result-text">
                  <span class="result-name" title={p.name}>
                    {p.name}
                  </span>
                  {detail && (
                    <span class="result-detail" title={detail}>
                      {detail}
                    </span>
                  )}
                  {why && <span class="result-detail result-why">{why}</span>}
                  {!url && <span class="result-detail">{t('popupSearchNoProfile')}</span>}
                </span>
              </>
            );
            return (
              <li key={p.id}>
                {url ? (
                  <a
                    class="result"
                    href={url}
                    target="_blank"
                    rel="noreferrer"
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(url);
                    }}
                  >
                    {body}
                  </a>
                ) : (
                  <div class="result">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
