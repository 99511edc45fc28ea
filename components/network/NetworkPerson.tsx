import { useEffect, useState } from 'preact/hooks';
import type { SiteId } from '@/utils/model/types';
import { send } from '@/utils/client';
import { formatDate } from '@/utils/phrases';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { EncounterForm } from '@/components/shared/EncounterForm';
import { EncounterSection } from '@/components/shared/EncounterSection';
import { PersonActions } from '@/components/shared/PersonActions';
import { TagEditor } from '@/components/shared/TagEditor';
import { NotesEditor } from '@/components/shared/NotesEditor';
import { FollowUpEditor } from '@/components/shared/FollowUpEditor';
import { safeUrl } from '@/components/shared/safeUrl';
import { usePerson } from '@/components/shared/usePerson';
import { MemoryAids } from '@/components/shared/MemoryAids';

const SITE_MESSAGE: Record<SiteId, string> = {
  linkedin: 'networkSiteLinkedin',
  github: 'networkSiteGithub',
  x: 'networkSiteX',
  xing: 'networkSiteXing',
  mastodon: 'networkSiteMastodon',
};

export interface NetworkPersonProps {
  id: string;
  postMeetingDays: number;
  /** Opens another person (someone they introduced, or who introduced them). */
  onOpenPerson: (id: string) => void;
  onClose: () => void;
  /** They were deleted: `undo` puts them back. */
  onDeleted: (name: string, undo: () => Promise<unknown>) => void;
}

/**
 * A person's whole record beside the list, editable with the sidebar's own parts: how you met
 * (every encounter), who they introduced you to, follow-up, tags, notes and their profile links.
 */
export function NetworkPerson({ id, postMeetingDays, onOpenPerson, onClose, onDeleted }: NetworkPersonProps) {
  // view: undefined while loading; null when this person is no longer saved.
  const { view, person, error, saver, act, form, openForm } = usePerson({ id }, (encounter, followUpDue) =>
    send('encounter.record', { personId: id, encounter, ...(followUpDue ? { followUpDue } : {}) }),
  );
  const [knownTags, setKnownTags] = useState<string[]>([]);

  useEffect(() => {
    send('tags.list', {}).then(setKnownTags, () => undefined);
  }, [id]);

  if (view === undefined) {
    return (
      <p class="muted" role="status">
        {error || t('networkLoadingPerson')}
      </p>
    );
  }
  if (view === null || !person) {
    return (
      <p class="muted" role="status">
        {t('networkPersonGone')}
      </p>
    );
  }

  const links = (Object.entries(person.urls) as [SiteId, string][]).map(([site, url]) => [site, safeUrl(url)] as const).filter(([, url]) => url);

  return (
    <article class="person" aria-labelledby="person-name">
      <header class="person-head">
        <Avatar name={person.name} src={view.photo} size={64} />
        <div class="person-title">
          <h2 id="person-name" class="person-name">
            {person.name}
          </h2>
          {person.headline && <p>{person.headline}</p>}
          <p class="muted">{[person.position, person.company, person.location].filter(Boolean).join(' · ')}</p>
          {links.length > 0 && (
            <ul class="links" aria-label={t('networkProfiles')}>
              {links.map(([site, url]) => (
                <li key={site}>
                  <a href={url} target="_blank" rel="noreferrer">
                    {t(SITE_MESSAGE[site] ?? 'networkSiteOther')}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <PersonActions view={view} act={act} onDeleted={onDeleted} />
        </div>
        <button type="button" class="link close" onClick={onClose} aria-label={t('networkClosePerson', person.name)}>
          ×
        </button>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {saver?.error && (
        <p class="error" role="alert">
          {t('autosaveFailed', saver.error)}
        </p>
      )}
      {form ? (
        <EncounterForm key={form.key} {...form.props} postMeetingDays={postMeetingDays} />
      ) : (
        <button type="button" class="kith-primary" onClick={() => openForm({})}>
          {t('sidebarRecord')}
        </button>
      )}
      <EncounterSection view={view} act={act} onEdit={(e) => openForm(e, e.id)} />
      {person.connectedOn && <p class="muted">{t('networkConnectedOn', formatDate(person.connectedOn))}</p>}
      {view.encounters.some((e) => e.introducedById) && (
        <p>
          {t('networkIntroducedBy')}{' '}
          {[...new Map(view.encounters.filter((e) => e.introducedById).map((e) => [e.introducedById!, e.introducerName ?? ''])).entries()].map(([pid, name], i) => (
            <span key={pid}>
              {i > 0 && ', '}
              <button type="button" class="link" onClick={() => onOpenPerson(pid)}>
                {name}
              </button>
            </span>
          ))}
        </p>
      )}
      {view.introduced.length > 0 && (
        <section aria-labelledby="person-introduced">
          <h3 id="person-introduced">{t('sidebarIntroducedYouTo')}</h3>
          <ul class="plain">
            {view.introduced.map((p) => (
              <li key={p.id}>
                <button type="button" class="link" onClick={() => onOpenPerson(p.id)}>
                  {p.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <FollowUpEditor
        key={person.id}
        value={person.followUp}
        onChange={(followUp) => void saver!.change({ followUp })}
      />
      <MemoryAids
        personId={person.id}
        howToSay={person.howToSay}
        memoryHook={person.memoryHook}
        voiceNote={view.voiceNote}
        saver={saver!}
        onVoiceNote={(v) => void act(Promise.resolve(v))}
      />
      <TagEditor tags={person.tags} known={knownTags} onChange={(tags) => void saver!.change({ tags })} />
      <NotesEditor key={person.id} value={person.notes} saving={saver!.unsaved()?.notes !== undefined} onSave={(notes) => saver!.change({ notes })} />
    </article>
  );
}
