import { useEffect, useState } from 'preact/hooks';
import type { ExtractedProfile } from '@/utils/sites/types';
import type { LinkSuggestion, PersonView } from '@/utils/messages';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { usePeopleSearch } from '@/components/shared/usePeopleSearch';

interface Props {
  profile: ExtractedProfile;
  /** The person this profile is saved as; null when it is not saved. */
  view: PersonView | null;
  /** Shows the person the background answers with, or no one (and any error). */
  act: (reply: Promise<PersonView | null>) => Promise<void>;
}

/** A site's name as the options page shows it ('optionsSiteGithub': "GitHub"). */
const siteName = (site: string) => t(`optionsSite${site[0].toUpperCase()}${site.slice(1)}`);

/**
 * One person across sites: "this profile is the same person as someone saved" (the person then has
 * both profiles), a suggestion when someone saved has the same name (never linked without a click),
 * and unlinking this site's profile from a person who has others.
 */
export function LinkProfile({ profile, view, act }: Props) {
  const [query, setQuery] = useState('');
  const [suggested, setSuggested] = useState<LinkSuggestion[]>([]);
  const found = usePeopleSearch(query);
  const self = view?.person.id;
  const { photoUrl: _photo, readable: _readable, ...page } = profile;

  // Not saved under this profile: anyone saved with the same name is offered (never linked without a click).
  useEffect(() => {
    setSuggested([]);
    if (!view && page.name) send('person.sameName', { name: page.name }).then(setSuggested, () => undefined);
  }, [self, page.name]);

  const run = (reply: Promise<PersonView | null>) => {
    setQuery('');
    act(reply).catch(() => undefined);
  };
  const link = (personId: string) => run(send('person.link', { personId, profile: { ...page, name: '' } }));
  const match = found.find((p) => p.id !== self && p.name.toLowerCase() === query.trim().toLowerCase());
  const sites = Object.keys(view?.person.urls ?? {});

  return (
    <section aria-label={t('linkSection')}>
      {suggested.map((s) => (
        <p key={s.id} class="kith-warn">
          {t('linkSuggestion', s.name, s.where)}{' '}
          <button type="button" onClick={() => link(s.id)}>
            {t('linkTo', s.name)}
          </button>
        </p>
      ))}
      {sites[1] && (
        <p class="kith-muted">
          {t('linkProfiles', sites.map(siteName).join(', '))}{' '}
          {/* Unlinked, this profile is no one's: what it shows is the lookup by its keys, not the person it left
              (the reply is the person; a page's own changes come in replies, never as notices). */}
          <button
            type="button"
            onClick={() => run(send('person.unlink', { personId: self!, site: profile.site }).then(() => send('person.lookup', { keys: profile.keys })))}
          >
            {t('unlink', siteName(profile.site))}
          </button>
        </p>
      )}
      <label>
        {t('linkField')}
        <input list="kith-people" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      <datalist id="kith-people">{found.map((p) => p.id !== self && <option key={p.id} value={p.name} />)}</datalist>
      <button type="button" disabled={!match} onClick={() => link(match!.id)}>
        {t('linkButton')}
      </button>
    </section>
  );
}
