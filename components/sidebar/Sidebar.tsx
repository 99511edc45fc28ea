import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { ExtractedProfile } from '@/utils/sites/types';
import type { Payload } from '@/utils/messages';
import { send } from '@/utils/client';
import { formatPartialDate, localDay } from '@/utils/dates';
import { activeCheckIn, CHECKIN_KEY, type CheckIn } from '@/utils/checkin';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { EncounterForm } from '@/components/shared/EncounterForm';
import { EncounterList } from '@/components/shared/EncounterList';
import { TagEditor } from '@/components/shared/TagEditor';
import { NotesEditor } from '@/components/shared/NotesEditor';
import { FollowUpEditor } from '@/components/shared/FollowUpEditor';
import { usePerson } from '@/components/shared/usePerson';
import { LinkProfile } from './LinkProfile';

export interface SidebarProps {
  /** What the page shows; null while Kith waits for the page to show the person of the new URL. */
  profile: ExtractedProfile | null;
  open: boolean;
  onToggle: () => void;
  postMeetingDays: number;
}

/** Kith on a profile page: who this is, have I met them, record an encounter, tags, notes, follow-up. */
export function Sidebar({ profile, open, onToggle, postMeetingDays }: SidebarProps) {
  const { view, person, error, saver, act, form, openForm } = usePerson(profile, (encounter, followUpDue) => {
    // What the page shows, as the protocol takes it (the photo goes as photoUrl, fetched by the background).
    // Fields left undefined are absent to the background (valibot's optional takes both).
    const { photoUrl, readable: _readable, ...page } = profile!;
    const payload: Payload<'encounter.record'> = {
      profile: { ...page, name: page.name || person?.name || typedName },
      encounter,
      personId: person?.id,
      followUpDue,
      photoUrl,
    };
    return send('encounter.record', payload);
  });
  const [here, setHere] = useState<CheckIn | null>(null);
  const [typedName, setTypedName] = useState('');
  const [knownTags, setKnownTags] = useState<string[]>([]);

  useEffect(() => {
    // The event the user is checked in to (one storage read for each profile the page shows; the
    // check-in ends by itself after the event).
    browser.storage.local.get(CHECKIN_KEY).then((s) => setHere(activeCheckIn(s[CHECKIN_KEY], localDay())));
  }, [profile]);

  useEffect(() => {
    if (!open || !view) return;
    send('tags.list', {}).then(setKnownTags, () => undefined);
  }, [open, view?.person.id]);

  const name = person?.name || profile?.name || typedName;
  const label = name ? t('sidebarLabelPerson', name) : t('sidebarLabel');
  const photo = view?.photo ?? profile?.photoUrl;
  const headline = person?.headline ?? profile?.headline;

  return (
    <div class={`kith-root${open ? ' kith-open' : ''}`}>
      <button type="button" class="kith-tab" aria-expanded={open} aria-controls="kith-panel" aria-label={open ? t('sidebarClose') : t('sidebarOpen')} onClick={onToggle}>
        {view ? t('sidebarTabSaved') : t('sidebarTab')}
      </button>
      <aside id="kith-panel" aria-label={label} hidden={!open}>
        {!profile ? (
          <p role="status">{t('sidebarLoading')}</p>
        ) : (
          <>
            <header class="kith-head">
              <Avatar name={name || '?'} src={photo} />
              <div>
                <h2>{name || t('sidebarLabel')}</h2>
                {headline && <p class="kith-muted">{headline}</p>}
              </div>
            </header>
            {!profile.readable && !person && (
              <>
                <p class="kith-warn" role="note">
                  {t('sidebarUnreadable')}
                </p>
                <label>
                  {t('sidebarNameLabel')}
                  <input value={typedName} onInput={(e) => setTypedName(e.currentTarget.value)} autocomplete="off" />
                </label>
              </>
            )}
            {error && (
              <p class="kith-error" role="alert">
                {t('sidebarError', error)}
              </p>
            )}
            {saver?.error && (
              <p class="kith-error" role="alert">
                {t('autosaveFailed', saver.error)}
              </p>
            )}
            {form ? (
              <EncounterForm key={form.key} {...form.props} postMeetingDays={postMeetingDays} />
            ) : (
              view !== undefined && (
                // Checked in to an event: the one action is "Met here", the form prefilled with the event.
                <button
                  type="button"
                  class="kith-primary"
                  disabled={!person && !profile.name && !typedName.trim()}
                  onClick={() => openForm(here || {})}
                >
                  {here ? t('eventMetHere', here.eventName) : t('sidebarRecord')}
                </button>
              )
            )}
            {view === null && !form && <p class="kith-muted">{t('sidebarNotSaved')}</p>}
            {view && person && (
              <>
                <section aria-label={t('sidebarMet')}>
                  <h3>{t('sidebarMet')}</h3>
                  <EncounterList
                    encounters={view.encounters}
                    onEdit={(e) => openForm(e, e.id)}
                    onDelete={(id) => act(send('encounter.delete', { id })).catch(() => undefined)}
                  />
                  {person.lastTouch && <p class="kith-muted">{t('sidebarLastTouch', formatPartialDate(person.lastTouch))}</p>}
                </section>
                {view.introduced.length > 0 && (
                  <section aria-label={t('sidebarIntroducedYouTo')}>
                    <h3>{t('sidebarIntroducedYouTo')}</h3>
                    <ul>
                      {view.introduced.map((p) => (
                        <li key={p.id}>{p.name}</li>
                      ))}
                    </ul>
                  </section>
                )}
                <FollowUpEditor
                  value={person.followUp}
                  onChange={(followUp) => saver!.change({ followUp })}
                />
                <TagEditor
                  tags={person.tags}
                  known={knownTags}
                  onChange={(tags) => saver!.change({ tags })}
                />
                <NotesEditor
                  value={person.notes}
                  saving={saver!.unsaved()?.notes !== undefined}
                  onSave={(notes) => saver!.change({ notes })}
                />
              </>
            )}
            {view !== undefined && !form && <LinkProfile profile={profile} view={view} act={act} />}
          </>
        )}
      </aside>
    </div>
  );
}
