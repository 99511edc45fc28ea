import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { ExtractedProfile } from '@/utils/sites/types';
import type { Payload } from '@/utils/messages';
import { send } from '@/utils/client';
import { localDay } from '@/utils/dates';
import { activeCheckIn, CHECKIN_KEY, type CheckIn } from '@/utils/checkin';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { EncounterForm } from '@/components/shared/EncounterForm';
import { EncounterSection } from '@/components/shared/EncounterSection';
import { PersonActions } from '@/components/shared/PersonActions';
import { SamePerson } from '@/components/shared/SamePerson';
import { CaptureMatch } from '@/components/shared/CaptureMatch';
import { MemoryAids } from '@/components/shared/MemoryAids';
import { UndoBar, useUndo } from '@/components/shared/UndoBar';
import { TagEditor } from '@/components/shared/TagEditor';
import { NotesEditor } from '@/components/shared/NotesEditor';
import { FollowUpEditor } from '@/components/shared/FollowUpEditor';
import { usePerson } from '@/components/shared/usePerson';
import type { EncounterDraft } from '@/components/shared/EncounterForm';
import type { LocalDay } from '@/utils/model/types';
import { formatDate } from '@/utils/phrases';
import { MetHereDone, metHereEncounter, metHereFollowUp, type MetHereDoneProps } from './MetHere';

/**
 * What the page shows, as the protocol takes a profile: without the photo's address (it goes apart, as
 * photoUrl, for the background to fetch) and with `name` when the page showed none. Fields left
 * undefined are absent to the background (valibot's optional takes both).
 */
function pageProfile(profile: ExtractedProfile, name: string) {
  const { photoUrl: _photoUrl, readable: _readable, ...page } = profile;
  return { ...page, name: page.name || name };
}

export interface SidebarProps {
  /** What the page shows; null while Kith waits for the page to show the person of the new URL. */
  profile: ExtractedProfile | null;
  /** On the page, a frame with a tab on the edge that opens it; in the browser's side panel, always open. */
  presentation: 'page' | 'panel';
  open: boolean;
  onOpen: () => void;
  /** The close button, and Escape when no form is open. */
  onClose: () => void;
  /** Changes each time Kith should take the focus (it opened, or the shortcut asked). */
  focusRequest: number;
  postMeetingDays: number;
}

/** Kith on a profile page: who this is, have I met them, record an encounter, tags, notes, follow-up. */
export function Sidebar({ profile, presentation, open, onOpen, onClose, focusRequest, postMeetingDays }: SidebarProps) {
  const record = (encounter: EncounterDraft, followUpDue: LocalDay | undefined) => {
    const payload: Payload<'encounter.record'> = {
      profile: pageProfile(profile!, person?.name || typedName),
      encounter,
      personId: person?.id,
      followUpDue,
      photoUrl: profile!.photoUrl,
    };
    return send('encounter.record', payload);
  };
  const { view, person, error, saver, act, form, openForm } = usePerson(profile, record);
  // What one click on "Met here" recorded on this profile (its "Add a note" shows until the next profile).
  const [metHere, setMetHere] = useState<Omit<MetHereDoneProps, 'act'> | null>(null);
  useEffect(() => setMetHere(null), [profile]);
  const recordMetHere = async (at: CheckIn) => {
    const today = localDay();
    const followUpDue = metHereFollowUp(view ?? null, person?.followUp ?? {}, today, postMeetingDays);
    const before = new Set(view?.encounters.map((e) => e.id));
    const reply = record(metHereEncounter(at, today), followUpDue);
    await act(reply).catch(() => undefined);
    const added = (await reply.catch(() => null))?.encounters.find((e) => !before.has(e.id));
    if (added) setMetHere({ encounter: added, eventName: at.eventName, followUpDue });
  };
  const [here, setHere] = useState<CheckIn | null>(null);
  const [typedName, setTypedName] = useState('');
  const [knownTags, setKnownTags] = useState<string[]>([]);
  // A person deleted here: the offer to put them back outlives their part of the panel.
  const undoDelete = useUndo();

  useEffect(() => {
    // The event the user is checked in to (one storage read for each profile the page shows; the
    // check-in ends by itself after the event).
    browser.storage.local.get(CHECKIN_KEY).then((s) => setHere(activeCheckIn(s[CHECKIN_KEY], localDay())));
  }, [profile]);

  useEffect(() => {
    if (!open || !view) return;
    send('tags.list', {}).then(setKnownTags, () => undefined);
  }, [open, view?.person.id]);

  const panel = useRef<HTMLElement>(null);
  // Only a new request moves the focus, never a mount (the page showing the next person).
  const focused = useRef(focusRequest);
  useEffect(() => {
    if (focusRequest === focused.current) return;
    focused.current = focusRequest;
    // Opening moves focus into Kith: to the panel itself, so a screen reader starts at its name.
    if (open) panel.current?.focus();
  }, [open, focusRequest]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !open) return;
    e.preventDefault();
    // An open form is cancelled first; the next Escape closes Kith.
    if (form) form.props.onCancel();
    else onClose();
  };

  const name = person?.name || profile?.name || typedName;
  // An imported LinkedIn connection with no meeting recorded: Kith knows since when, not how you met.
  const askHowMet = Boolean(view && person?.connectedOn && view.encounters.length === 0);
  const label = name ? t('sidebarLabelPerson', name) : t('sidebarLabel');
  // Only the thumbnail Kith stored. The page's own photo address, shown in Kith's frame or side
  // panel, would be a request of Kith's own to the site (DESIGN.md: none but the photo the user saves).
  const photo = view?.photo;
  const headline = person?.headline ?? profile?.headline;

  return (
    <div class={`kith-root kith-${presentation}${open ? ' kith-open' : ''}`} onKeyDown={onKeyDown}>
      {presentation === 'page' && (
        <button type="button" class="kith-tab" aria-expanded={open} aria-controls="kith-panel" aria-label={t('sidebarOpen')} hidden={open} onClick={onOpen}>
          {view ? t('sidebarTabSaved') : t('sidebarTab')}
        </button>
      )}
      <aside id="kith-panel" aria-label={label} hidden={!open} ref={panel} tabIndex={-1}>
        <button type="button" class="kith-close" aria-label={t('sidebarClose')} title={t('sidebarClose')} onClick={onClose}>
          ×
        </button>
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
            {view !== undefined && (profile.name || typedName.trim()) && (
              // "Is this Agnieszka you met at Grow Up Start Up?": someone captured in the popup by this name.
              <CaptureMatch profile={pageProfile(profile, typedName)} photoUrl={profile.photoUrl} onAttached={(v) => void act(Promise.resolve(v))} />
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
            {askHowMet && !form && <p class="kith-connected">{t('sidebarConnectedSince', formatDate(person!.connectedOn!))}</p>}
            {form ? (
              <EncounterForm key={form.key} {...form.props} postMeetingDays={postMeetingDays} />
            ) : metHere ? (
              <MetHereDone key={metHere.encounter.id} {...metHere} act={act} />
            ) : (
              view !== undefined && (
                // Checked in to an event: the one action is "Met here", recorded at once; else the form.
                <button
                  type="button"
                  class="kith-primary"
                  disabled={!person && !profile.name && !typedName.trim()}
                  onClick={() => (here ? void recordMetHere(here) : openForm({}))}
                >
                  {here ? t('eventMetHere', here.eventName) : t(askHowMet ? 'sidebarRecordHowMet' : 'sidebarRecord')}
                </button>
              )
            )}
            {view === null && !form && <p class="kith-muted">{t('sidebarNotSaved')}</p>}
            {view && person && (
              <>
                <EncounterSection view={view} act={act} onEdit={(e) => openForm(e, e.id)} />
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
                <MemoryAids
                  personId={person.id}
                  howToSay={person.howToSay}
                  memoryHook={person.memoryHook}
                  voiceNote={view.voiceNote}
                  saver={saver!}
                  onVoiceNote={(v) => void act(Promise.resolve(v))}
                  recordHere={false}
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
                <PersonActions
                  view={view}
                  act={act}
                  onDeleted={(deleted, putBack) => {
                    act(Promise.resolve(null)).catch(() => undefined);
                    undoDelete.offer(t('personDeleted', deleted), async () => {
                      await putBack();
                      await act(send('person.lookup', { keys: profile.keys }));
                    });
                  }}
                />
              </>
            )}
            {view !== undefined && !form && <SamePerson profile={profile} view={view} act={act} />}
            <UndoBar state={undoDelete} />
          </>
        )}
      </aside>
    </div>
  );
}
