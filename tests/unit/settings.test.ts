import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, parseSettings, saveSettings, watchSettings } from '../../utils/settings';
import { MAX_DAYS } from '../../utils/model/caps';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults when nothing is stored', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid fields and replaces broken ones with defaults, one by one', () => {
    expect(
      parseSettings({ defaultCadenceDays: 30, postMeetingFollowUpDays: 'two', notifications: { enabled: false, time: '25:00' }, sites: { linkedin: false, github: 'yes' } }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      defaultCadenceDays: 30,
      notifications: { enabled: false, time: DEFAULT_SETTINGS.notifications.time },
      sites: { ...DEFAULT_SETTINGS.sites, linkedin: false },
    });
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    // The drill's daily cap on new faces: 20 unless a whole number up to 200 is stored.
    expect(DEFAULT_SETTINGS.drillNewPerDay).toBe(20);
    expect(parseSettings({ drillNewPerDay: 5 }).drillNewPerDay).toBe(5);
    expect(parseSettings({ drillNewPerDay: 201 }).drillNewPerDay).toBe(20);
    expect(parseSettings({ drillNewPerDay: 2.5 }).drillNewPerDay).toBe(20);
  });

  it('saves valid changes, refuses invalid ones, and tells watchers', async () => {
    const seen: unknown[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await saveSettings({ notifications: { enabled: true, time: '07:30' } });
    expect((await getSettings()).notifications.time).toBe('07:30');
    await expect(saveSettings({ postMeetingFollowUpDays: -1 })).rejects.toThrow(/Invalid setting/);
    await expect(saveSettings({ defaultCadenceDays: 0 })).rejects.toThrow(/Invalid setting/);
    // The one cadence cap (MAX_DAYS), as everywhere else.
    await expect(saveSettings({ defaultCadenceDays: MAX_DAYS + 1 })).rejects.toThrow(/Invalid setting/);
    expect((await saveSettings({ defaultCadenceDays: MAX_DAYS })).defaultCadenceDays).toBe(MAX_DAYS);
    expect((await getSettings()).postMeetingFollowUpDays).toBe(DEFAULT_SETTINGS.postMeetingFollowUpDays);
    expect(seen).toHaveLength(2);
    stop();
  });
});
