import { useEffect, useState } from 'preact/hooks';
import { CadenceOptions } from '@/components/shared/CadenceOptions';
import { getSettings, saveSettings, watchSettings, type Settings } from '@/utils/settings';
import { CADENCE_PRESETS } from '@/utils/followups';
import type { SiteId } from '@/utils/model/types';
import { MAX_DRILL_NEW_PER_DAY } from '@/utils/model/caps';
import { MAX_DAYS, MAX_POST_MEETING_DAYS } from '@/utils/model/caps';
import { t } from '@/utils/i18n';
import { errorText } from './errorText';
import { OptionsMastodon } from './OptionsMastodon';

/**
 * Sites with a working adapter. Only these get a checkbox: a switch for a site Kith cannot read yet
 * would do nothing. Mastodon's reads only the instances the user allows (OptionsMastodon, under it).
 */
const READY_SITES: readonly SiteId[] = ['linkedin', 'github', 'x', 'xing', 'mastodon'];
const SITE_LABELS: Record<SiteId, string> = {
  linkedin: 'optionsSiteLinkedin',
  github: 'optionsSiteGithub',
  x: 'optionsSiteX',
  xing: 'optionsSiteXing',
  mastodon: 'optionsSiteMastodon',
};

/** A whole number in [min, max] from an input's text, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

type Field = 'cadence' | 'postMeeting' | 'drillNew' | 'reminder' | 'time' | 'presentation' | `site-${SiteId}`;

/** Settings, each saved as soon as it changes; an invalid value gets a message and is not saved. */
export function OptionsSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
  // Drafts keep what the user typed on screen (valid or not) instead of snapping back.
  const [customCadence, setCustomCadence] = useState<boolean>(false);
  const [cadenceText, setCadenceText] = useState('');
  const [postMeetingText, setPostMeetingText] = useState('');
  const [drillNewText, setDrillNewText] = useState('');
  const [timeText, setTimeText] = useState('');
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);

  const adopt = (s: Settings) => {
    setSettings(s);
    setCustomCadence(s.defaultCadenceDays !== null && !CADENCE_PRESETS.some((p) => p.days === s.defaultCadenceDays));
    setCadenceText(s.defaultCadenceDays === null ? '' : String(s.defaultCadenceDays));
    setPostMeetingText(String(s.postMeetingFollowUpDays));
    setDrillNewText(String(s.drillNewPerDay));
    setTimeText(s.notifications.time);
  };

  useEffect(() => {
    void getSettings().then(adopt);
    // Another options tab may change them too.
    return watchSettings((s) => {
      adopt(s);
      setInvalid({});
    });
  }, []);

  if (!settings) return <section class="kith-card" aria-labelledby="kith-settings-h" aria-busy="true"><h2 id="kith-settings-h">{t('optionsSettingsHeading')}</h2></section>;

  const markInvalid = (field: Field, message: string | undefined) =>
    setInvalid((prev) => {
      const next = { ...prev };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });

  const save = async (field: Field, what: string, change: Partial<Settings>) => {
    markInvalid(field, undefined);
    // Show the change at once: a control bound to the stored value would otherwise snap back if the
    // page re-renders before the write answers (a checkbox seemed not to react to the click).
    setSettings((prev) => (prev ? { ...prev, ...change } : prev));
    try {
      const next = await saveSettings(change);
      setSettings(next);
      setStatus({ error: false, text: t('optionsSaved', what) });
    } catch (e) {
      // Not saved: show what is stored again, and why.
      void getSettings().then(adopt);
      setStatus({ error: true, text: t('optionsSaveFailed', what, errorText(e)) });
    }
  };

  const refuse = (field: Field, message: string) => {
    markInvalid(field, message);
    setStatus(null);
  };

  const cadenceLabel = t('optionsDefaultCadence');
  const cadenceValue = customCadence ? 'custom' : settings.defaultCadenceDays === null ? '' : String(settings.defaultCadenceDays);

  const errorFor = (field: Field) =>
    invalid[field] ? (
      <p id={`kith-err-${field}`} class="kith-field-error" role="alert">
        {invalid[field]}
      </p>
    ) : null;
  const described = (field: Field, hint?: string) => {
    const ids = [hint, invalid[field] ? `kith-err-${field}` : undefined].filter(Boolean).join(' ');
    return ids ? { 'aria-describedby': ids } : {};
  };

  return (
    <section class="kith-card" aria-labelledby="kith-settings-h">
      <h2 id="kith-settings-h">{t('optionsSettingsHeading')}</h2>

      <div class="kith-field">
        <label class="kith-check">
          <input
            type="checkbox"
            checked={settings.notifications.enabled}
            onChange={(e) =>
              void save('reminder', t('optionsReminder'), {
                notifications: { ...settings.notifications, enabled: e.currentTarget.checked },
              })
            }
          />
          {t('optionsReminder')}
        </label>
        <div class="kith-row kith-sub">
          <label for="kith-reminder-time" class="kith-inline">
            {t('optionsReminderTime')}
          </label>
          <input
            id="kith-reminder-time"
            type="time"
            value={timeText}
            disabled={!settings.notifications.enabled}
            aria-invalid={invalid.time ? 'true' : undefined}
            {...described('time')}
            onInput={(e) => setTimeText(e.currentTarget.value)}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) refuse('time', t('optionsReminderTimeInvalid'));
              else void save('time', t('optionsReminderTime'), { notifications: { ...settings.notifications, time: v } });
            }}
          />
        </div>
        {errorFor('time')}
      </div>

      <div class="kith-field">
        <label for="kith-cadence">{cadenceLabel}</label>
        <div class="kith-row">
          <select
            id="kith-cadence"
            value={cadenceValue}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v === 'custom') {
                setCustomCadence(true);
                // Nothing to save until a number of days is typed.
                return;
              }
              setCustomCadence(false);
              markInvalid('cadence', undefined);
              setCadenceText(v);
              void save('cadence', cadenceLabel, { defaultCadenceDays: v ? Number(v) : null });
            }}
          >
            <CadenceOptions />
          </select>
          {customCadence && (
            <label class="kith-inline">
              {t('optionsCadenceDays')}
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_DAYS}
                step={1}
                value={cadenceText}
                aria-invalid={invalid.cadence ? 'true' : undefined}
                {...described('cadence')}
                onInput={(e) => setCadenceText(e.currentTarget.value)}
                onChange={(e) => {
                  const n = wholeNumber(e.currentTarget.value, 1, MAX_DAYS);
                  if (n === null) refuse('cadence', t('optionsCadenceDaysInvalid'));
                  else void save('cadence', cadenceLabel, { defaultCadenceDays: n });
                }}
              />
            </label>
          )}
        </div>
        {errorFor('cadence')}
      </div>

      <div class="kith-field">
        <label for="kith-post-meeting">{t('optionsPostMeeting')}</label>
        <input
          id="kith-post-meeting"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_POST_MEETING_DAYS}
          step={1}
          value={postMeetingText}
          aria-invalid={invalid.postMeeting ? 'true' : undefined}
          {...described('postMeeting', 'kith-post-meeting-hint')}
          onInput={(e) => setPostMeetingText(e.currentTarget.value)}
          onChange={(e) => {
            const n = wholeNumber(e.currentTarget.value, 0, MAX_POST_MEETING_DAYS);
            if (n === null) refuse('postMeeting', t('optionsPostMeetingInvalid'));
            else void save('postMeeting', t('optionsPostMeeting'), { postMeetingFollowUpDays: n });
          }}
        />
        <p id="kith-post-meeting-hint" class="kith-hint">
          {t('optionsPostMeetingHint')}
        </p>
        {errorFor('postMeeting')}
      </div>

      <div class="kith-field">
        <label for="kith-drill-new">{t('optionsDrillNew')}</label>
        <input
          id="kith-drill-new"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_DRILL_NEW_PER_DAY}
          step={1}
          value={drillNewText}
          aria-invalid={invalid.drillNew ? 'true' : undefined}
          {...described('drillNew', 'kith-drill-new-hint')}
          onInput={(e) => setDrillNewText(e.currentTarget.value)}
          onChange={(e) => {
            const n = wholeNumber(e.currentTarget.value, 0, MAX_DRILL_NEW_PER_DAY);
            if (n === null) refuse('drillNew', t('optionsDrillNewInvalid', MAX_DRILL_NEW_PER_DAY));
            else void save('drillNew', t('optionsDrillNew'), { drillNewPerDay: n });
          }}
        />
        <p id="kith-drill-new-hint" class="kith-hint">
          {t('optionsDrillNewHint')}
        </p>
        {errorFor('drillNew')}
      </div>

      <fieldset class="kith-field">
        <legend>{t('optionsPresentation')}</legend>
        {(['page', 'panel'] as const).map((where) => (
          <label key={where} class="kith-check">
            <input
              type="radio"
              name="kith-presentation"
              checked={settings.presentation === where}
              onChange={() => void save('presentation', t('optionsPresentation'), { presentation: where })}
            />
            {where === 'page' ? t('optionsPresentationPage') : t('optionsPresentationPanel')}
          </label>
        ))}
        <p class="kith-hint">{t('optionsPresentationHint')}</p>
      </fieldset>

      <fieldset class="kith-field">
        <legend>{t('optionsSites')}</legend>
        {READY_SITES.map((site) => (
          <label key={site} class="kith-check">
            <input
              type="checkbox"
              checked={settings.sites[site]}
              onChange={(e) => void save(`site-${site}`, t(SITE_LABELS[site]), { sites: { ...settings.sites, [site]: e.currentTarget.checked } })}
            />
            {t(SITE_LABELS[site])}
          </label>
        ))}
        <OptionsMastodon />
      </fieldset>

      <p class="kith-status" role="status">
        {status && !status.error ? status.text : ''}
      </p>
      {status?.error && (
        <p class="kith-error" role="alert">
          {status.text}
        </p>
      )}
    </section>
  );
}
