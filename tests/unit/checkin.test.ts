import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { activeCheckIn, checkIn, checkInFor, checkOut, CHECKIN_KEY, followEvent, readCheckIn, watchCheckIn } from '../../utils/checkin';

const GUSU = { id: 'ev-1', name: 'Grow Up Start Up', place: 'Warsaw', start: '2026-06-19', end: '2026-06-20' };

beforeEach(() => fakeBrowser.reset());

describe('check-in expiry', () => {
  it('holds from the check-in through the event’s last day, and ends by itself the day after', () => {
    const c = checkInFor(GUSU, '2026-06-19');
    expect(c).toEqual({ id: 'ev-1', eventName: 'Grow Up Start Up', place: 'Warsaw', until: '2026-06-20' });
    expect(activeCheckIn(c, '2026-06-19')).toEqual(c);
    expect(activeCheckIn(c, '2026-06-20')).toEqual(c);
    expect(activeCheckIn(c, '2026-06-21')).toBeNull();
    expect(activeCheckIn(c, '2027-01-01')).toBeNull();
  });

  it('a one-day event (start only) lasts that day; an undated event lasts the day of the check-in', () => {
    const oneDay = checkInFor({ id: 'e', name: 'Meetup', start: '2026-03-05' }, '2026-03-05');
    expect(oneDay.until).toBe('2026-03-05');
    expect(activeCheckIn(oneDay, '2026-03-06')).toBeNull();
    const undated = checkInFor({ id: 'e', name: 'Coffee' }, '2026-03-05');
    expect(undated).toEqual({ id: 'e', eventName: 'Coffee', until: '2026-03-05' });
    expect(activeCheckIn(undated, '2026-03-05')).not.toBeNull();
    expect(activeCheckIn(undated, '2026-03-06')).toBeNull();
  });

  it('checking in to an event that already ended still covers today', () => {
    const late = checkInFor(GUSU, '2026-07-01');
    expect(late.until).toBe('2026-07-01');
    expect(activeCheckIn(late, '2026-07-02')).toBeNull();
  });

  it('rolls over at the turn of a month and a year (string order is calendar order)', () => {
    const c = checkInFor({ id: 'e', name: 'NYE', start: '2026-12-31' }, '2026-12-31');
    expect(activeCheckIn(c, '2026-12-31')).not.toBeNull();
    expect(activeCheckIn(c, '2027-01-01')).toBeNull();
  });

  it('nothing stored, or something without a last day, is no check-in', () => {
    for (const none of [undefined, null, 0, '', {}, { id: 'e', name: 'X' }, { id: 'e', name: 'X', until: 20990101 }]) {
      expect(activeCheckIn(none, '2026-06-19')).toBeNull();
    }
  });
});

describe('check-in storage', () => {
  it('checks in, reads back, follows an edit and a merge, and checks out', async () => {
    const seen: number[] = [];
    const stop = watchCheckIn(() => seen.push(1));
    expect(await readCheckIn('2026-06-19')).toBeNull();
    await checkIn(GUSU, '2026-06-19');
    expect((await fakeBrowser.storage.local.get(CHECKIN_KEY))[CHECKIN_KEY]).toMatchObject({ id: 'ev-1', until: '2026-06-20' });
    expect(await readCheckIn('2026-06-19')).toMatchObject({ eventName: 'Grow Up Start Up' });
    expect(await readCheckIn('2026-06-21')).toBeNull();

    // Renamed and extended while checked in.
    await followEvent('ev-1', { ...GUSU, name: 'GUSU 2026', end: '2026-06-21' }, '2026-06-19');
    expect(await readCheckIn('2026-06-21')).toMatchObject({ id: 'ev-1', eventName: 'GUSU 2026' });
    // Merged into another event: the check-in moves with its encounters.
    await followEvent('ev-1', { id: 'ev-2', name: 'Grow Up Start Up 2026', start: '2026-06-19', end: '2026-06-20' }, '2026-06-19');
    expect(await readCheckIn('2026-06-19')).toMatchObject({ id: 'ev-2', eventName: 'Grow Up Start Up 2026' });
    // An edit of some other event leaves it alone.
    await followEvent('ev-9', { id: 'ev-9', name: 'Other' }, '2026-06-19');
    expect(await readCheckIn('2026-06-19')).toMatchObject({ id: 'ev-2' });

    await checkOut();
    expect(await readCheckIn('2026-06-19')).toBeNull();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    stop();
  });
});
