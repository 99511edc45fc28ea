import { useEffect, useState } from 'preact/hooks';
import type { ExtractedProfile } from '@/utils/sites/types';
import type { LinkSuggestion, PersonView } from '@/utils/messages';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { usePeopleSearch } from './usePeopleSearch';

interface Props {
  profile: ExtractedProfile;
  /** The person this profile is saved as; null when it is not saved. */
  view: PersonView | null;
  /** Shows the person the background answers with (and any error). */
  act: (reply: Promise<PersonView | null>) => Promise<void>;
}

/** A site's name as the options page shows it ('optionsSiteGithub': "GitHub"). */
const siteName = (site: string) => t(`optionsSite${site[0].toUpperCase()}${site.slice(1)}`);

/**
 * One person across sites, said in words and shown when it applies: someone saved with the same name
 * is offered with what linking does (never linked without a click); the search for whoever else it
 * may be stays behind a question ("Saved them from another profile?") until asked, with what linking
 * does beside it; and a person with several profiles can have this one taken off, saying what stays.
 */
export function SamePerson({ profile, view, act }: Props) {
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState(false);
  const [suggested, setSuggested] = useState<LinkSuggestion[]>([]);
  const found = usePeopleSearch(asked ? query : '');
  const self = view?.person.id;
  const { photoUrl: _photo, readable: _readable, ...page } = profile;

  // Not saved under this profile: anyone saved with the same name is offered (never linked without a click).
  useEffect(() => {
    setSuggested([]);
    setAsked(false);
    if (!view && page.name) send('person.sameName', { name: page.name }).then(setSuggested, () => undefined);
  }, [self, page.name]);

  const run = (reply: Promise<PersonView | null>) => {
    setQuery('');
    setAsked(false);
    act(reply).catch(() => undefined);
  };
  const link = (personId: string) => run(send('person.link', { personId, profile: { ...page, name: '' } }));
  const match = found.find((p) => p.id !== self && p.name.toLowerCase() === query.trim().toLowerCase());
  const sites = Object.keys(view?.person.urls ?? {});

  return (
    <section class="kith-link-profile" aria-label={t('linkSection')}>
      {suggested.map((s) => (
        <div key={s.id} class="kith-warn">
          <p>{t('linkSuggestion', s.name, s.where)}</p>
          <p class="kith-muted">{t('linkSuggestionHelp')}</p>
          <button type="button" onClick={() => link(s.id)}>
            {t('linkTo', s.name)}
          </button>
        </div>
      ))}
      {/* Unlinked, this profile is no one's: what it shows is the lookup by its keys, not the person it left
          (the reply is the person; a page's own changes come in replies, never as notices). */}
      {sites[1] && (
        <div>
          <p class="kith-muted">{t('linkProfiles', sites.map(siteName).join(', '))}</p>
          <p class="kith-muted" id="kith-unlink-help">
            {t('unlinkExplain', siteName(profile.site))}
          </p>
          <button type="button" aria-describedby="kith-unlink-help" onClick={() => run(send('person.unlink', { personId: self!, site: profile.site }).then(() => send('person.lookup', { keys: profile.keys })))}>
            {t('unlink', siteName(profile.site))}
          </button>
        </div>
      )}
      <button type="button" class="kith-link" aria-expanded={asked} aria-controls="kith-link-form" onClick={() => setAsked(!asked)}>
        {t('linkAsk')}
      </button>
      {asked && (
        <div id="kith-link-form">
          <p id="kith-link-help" class="kith-muted">
            {t('linkExplain')}
          </p>
          <label>
            {t('linkField')}
            <input list="kith-link-people" value={query} aria-describedby="kith-link-help" onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          <datalist id="kith-link-people">{found.map((p) => p.id !== self && <option key={p.id} value={p.name} />)}</datalist>
          <button type="button" disabled={!match} onClick={() => link(match!.id)}>
            {t('linkButton')}
          </button>
        </div>
      )}
    </section>
  );
}
