import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { ExtractedProfile } from '@/utils/sites/types';
import type { KithEvent } from '@/utils/types';
import type { PersonView, Payload } from '@/utils/messages';
import { onPeopleChanged, send } from '@/utils/client';
import { formatPartialDate, localDay } from '@/utils/dates';
import { activeCheckIn, CHECKIN_KEY, type CheckIn } from '@/utils/checkin';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { EncounterForm, type EncounterDraft } from '@/components/shared/EncounterForm';
import { EncounterList } from '@/components/shared/EncounterList';
import { TagEditor } from '@/components/shared/TagEditor';
import { NotesEditor } from '@/components/shared/NotesEditor';
import { FollowUpEditor } from '@/components/shared/FollowUpEditor';
import { LinkProfile } from './LinkProfile';
import { join, useAutosave } from '@/components/shared/autosave';

type EncounterInit = NonNullable<Parameters<typeof EncounterForm>[0]['initial']>;

export interface SidebarProps {
  /** What the page shows; null while Kith waits for the page to show the person of the new URL. */
  profile: ExtractedProfile | null;
  open: boolean;
  onToggle: () => void;
  postMeetingDays: number;
}

/** Kith on a profile page: who this is, have I met them, record an encounter, tags, notes, follow-up. */
export function Sidebar({ profile, open, onToggle, postMeetingDays }: SidebarProps) {
  // undefined: still asking the background; null: not saved yet.
  const [view, setView] = useState<PersonView | null | undefined>(undefined);
  const [error, setError] = useState('');
  // false, or what the encounter form starts with ("Met here" prefills the event of the check-in).
  const [recording, setRecording] = useState<false | EncounterInit>(false);
  const [here, setHere] = useState<CheckIn | null>(null);
  // The encounter being edited in the form, if the form is editing rather than recording.
  const [editId, setEditId] = useState<string | null>(null);
  const [typedName, setTypedName] = useState('');
  const [events, setEvents] = useState<KithEvent[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);

  const viewRef = useRef(view);
  viewRef.current = view;
  const keys = profile?.keys.join(' ') ?? '';
  const refresh = useCallback(() => {
    if (!profile) return;
    send('person.lookup', { keys: profile.keys }).then(
      (v) => {
        setView(v);
        setError('');
      },
      (e: Error) => setError(e.message),
    );
  }, [keys]);

  useEffect(() => {
    setView(undefined);
    setRecording(false);
    refresh();
    // The event the user is checked in to (one storage read; the check-in ends by itself after the event).
    browser.storage.local.get(CHECKIN_KEY).then((s) => setHere(activeCheckIn(s[CHECKIN_KEY], localDay())));
  }, [refresh]);

  useEffect(
    () =>
      onPeopleChanged((ids) => {
        // A change to this person (in another tab, the popup, an import) or to anyone when not yet saved.
        const current = viewRef.current;
        if (!current || ids.length === 0 || ids.includes(current.person.id)) refresh();
      }),
    [refresh],
  );

  useEffect(() => {
    if (!open || !view) return;
    send('tags.list', {}).then(setKnownTags, () => undefined);
  }, [open, view?.person.id]);

  const act = async (p: Promise<PersonView>) => {
    try {
      setView(await p);
      setError('');
    } catch (e) {
      setError((e as Error).message);
      throw e;
    }
  };

  const startRecording = (init: EncounterInit, edit: string | null = null) => {
    setRecording(init);
    setEditId(edit);
    send('events.list', {}).then(setEvents, () => undefined);
  };

  // Tags, notes and the follow-up save as they change, and keep trying after a failure.
  const saver = useAutosave(view?.person.id, setView);
  const person = saver ? join(view!.person, saver.unsaved()) : undefined;
  const name = person?.name || profile?.name || typedName;
  const label = name ? t('sidebarLabelPerson', name) : t('sidebarLabel');
  const photo = view?.photo ?? profile?.photoUrl;

  const record = (encounter: EncounterDraft, followUpDue: string | undefined) => {
    if (editId) return act(send('encounter.update', { id: editId, encounter })).then(() => setRecording(false));
    if (!profile) return Promise.resolve();
    // What the page shows, as the protocol takes it (the photo goes as photoUrl, fetched by the background).
    // Fields left undefined are absent to the background (valibot's optional takes both).
    const { photoUrl, readable: _readable, ...page } = profile;
    const payload: Payload<'encounter.record'> = {
      profile: { ...page, name: profile.name || person?.name || typedName },
      encounter,
      personId: person?.id,
      followUpDue,
      photoUrl,
    };
    return act(send('encounter.record', payload)).then(() => setRecording(false));
  };

  return (
    <div class={`kith-root${open ? ' kith-open' : ''}`}>
      <button type="button" class="kith-tab" aria-expanded={open} aria-controls="kith-panel" aria-label={open ? t('sidebarClose') : t('sidebarOpen')} onClick={onToggle}>
        {view ? '✓ Kith' : 'Kith'}
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
                {(person?.headline ?? profile.headline) && <p class="kith-muted">{person?.headline ?? profile.headline}</p>}
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
            {saver && saver.error && (
              <p class="kith-error" role="alert">
                {t('autosaveFailed', saver.error)}
              </p>
            )}
            {recording ? (
              <EncounterForm
                key={editId ?? 'new'}
                initial={recording}
                events={events}
                firstInPerson={!editId && !view?.encounters.some((e) => e.kind === 'in-person' || e.kind === 'event')}
                current={person?.followUp ?? {}}
                postMeetingDays={postMeetingDays}
                onSave={record}
                onCancel={() => setRecording(false)}
              />
            ) : (
              view !== undefined && (
                // Checked in to an event: the one action is "Met here", the form prefilled with the event.
                <button
                  type="button"
                  class="kith-primary"
                  disabled={!person && !profile.name && !typedName.trim()}
                  onClick={() => startRecording(here || {})}
                >
                  {here ? t('eventMetHere', here.eventName) : t('sidebarRecord')}
                </button>
              )
            )}
            {view === null && !recording && <p class="kith-muted">{t('sidebarNotSaved')}</p>}
            {view && person && (
              <>
                <section aria-label={t('sidebarMet')}>
                  <h3>{t('sidebarMet')}</h3>
                  <EncounterList
                    encounters={view.encounters}
                    onEdit={(e) => startRecording(e, e.id)}
                    onDelete={(id) => void act(send('encounter.delete', { id })).catch(() => undefined)}
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
                  onChange={(followUp) => void saver!.change({ followUp })}
                />
                <TagEditor
                  tags={person.tags}
                  known={knownTags}
                  onChange={(tags) => void saver!.change({ tags })}
                />
                <NotesEditor
                  value={person.notes}
                  saving={saver!.unsaved()?.notes !== undefined}
                  onSave={(notes) => saver!.change({ notes })}
                />
              </>
            )}
            {view !== undefined && !recording && <LinkProfile profile={profile} view={view} act={act} />}
          </>
        )}
      </aside>
    </div>
  );
}
