/**
 * Follow-up rules. Zone-dependent checks switch process.env.TZ with `inTimeZone` (Node applies the
 * assignment at once; dates.test.ts proves the switch takes effect, and the first test here does too).
 */
import { describe, expect, it } from 'vitest';
import { localDay, msUntilNextLocalMidnight, partialDateLastDay } from '../../utils/dates';
import {
  CADENCE_PRESETS,
  applyTouch,
  byDueThenName,
  lastTouchAfter,
  overdueBy,
  snooze,
  suggestFollowUpAfterMeeting,
} from '../../utils/followups';
import type { FollowUp } from '../../utils/model/types';

const ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Warsaw'] as const;

function inTimeZone(tz: string, fn: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    fn();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

const TODAY = '2024-06-19';

describe('overdueBy', () => {
  it('counts whole days past due', () => {
    expect(overdueBy({ due: '2024-06-18' }, TODAY)).toBe(1);
    expect(overdueBy({ due: '2024-05-20' }, TODAY)).toBe(30);
    expect(overdueBy({ due: TODAY }, TODAY)).toBe(0);
    expect(overdueBy({ due: '2024-06-25' }, TODAY)).toBe(0);
    expect(overdueBy({}, TODAY)).toBe(0);
  });

  it('turns overdue at local midnight in every zone', () => {
    const f: FollowUp = { due: '2024-06-19' };
    const offsets = new Set<number>();
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        offsets.add(new Date(2024, 5, 19).getTimezoneOffset());
        const lastSecond = new Date(2024, 5, 19, 23, 59, 59);
        const midnight = new Date(2024, 5, 20, 0, 0, 0);
        expect(overdueBy(f, localDay(lastSecond)), tz).toBe(0);
        expect(overdueBy(f, localDay(midnight)), tz).toBe(1);
        // The rollover timer fires exactly at that instant.
        expect(lastSecond.getTime() + msUntilNextLocalMidnight(lastSecond)).toBe(midnight.getTime());
      });
    }
    expect(offsets.size).toBe(3); // the zone switch really happened
  });

  it('depends on where the user is at one instant', () => {
    const instant = new Date(Date.UTC(2024, 5, 19, 12, 30)); // Auckland: 20 Jun 00:30; LA: 19 Jun 05:30
    const f: FollowUp = { due: '2024-06-19' };
    const late: Record<string, number> = {};
    for (const tz of ZONES) inTimeZone(tz, () => (late[tz] = overdueBy(f, localDay(instant))));
    expect(late).toEqual({ 'Pacific/Auckland': 1, 'America/Los_Angeles': 0, 'Europe/Warsaw': 0 });
  });

  it('rolls over on the DST nights in Warsaw', () => {
    inTimeZone('Europe/Warsaw', () => {
      for (const [y, m, d] of [
        [2025, 2, 29],
        [2025, 2, 30],
        [2025, 9, 25],
        [2025, 9, 26],
      ] as const) {
        const day = localDay(new Date(y, m, d, 12));
        const f: FollowUp = { due: day };
        expect(overdueBy(f, localDay(new Date(y, m, d, 23, 59, 59)))).toBe(0);
        expect(overdueBy(f, localDay(new Date(y, m, d + 1, 0, 0, 0)))).toBe(1);
      }
    });
  });
});

describe('applyTouch', () => {
  it('with a cadence, always resets the clock from the touch day', () => {
    const far: FollowUp = { due: '2025-06-01', cadenceDays: 30, note: 'send the deck' };
    expect(applyTouch(far, TODAY, TODAY)).toEqual({ due: '2024-07-19', cadenceDays: 30, note: 'send the deck' });
    expect(applyTouch({ due: '2024-06-01', cadenceDays: 14 }, TODAY, TODAY)).toEqual({ due: '2024-07-03', cadenceDays: 14 });
    expect(applyTouch({ cadenceDays: 14 }, TODAY, TODAY)).toEqual({ due: '2024-07-03', cadenceDays: 14 });
  });

  it('a back-dated touch resets from its own day and may leave the person overdue', () => {
    const f = applyTouch({ due: '2024-07-30', cadenceDays: 30 }, '2024-04-01', TODAY);
    expect(f).toEqual({ due: '2024-05-01', cadenceDays: 30 });
    expect(overdueBy(f, TODAY)).toBe(49);
    // A partial-date encounter ("April 2024") counts from its last day.
    expect(applyTouch({ cadenceDays: 30 }, partialDateLastDay('2024-04'), TODAY).due).toBe('2024-05-30');
  });

  it('without a cadence, clears a follow-up that is due or overdue, with its note', () => {
    expect(applyTouch({ due: TODAY, note: 'intro to Anna' }, TODAY, TODAY)).toEqual({});
    expect(applyTouch({ due: '2024-06-01', note: 'x' }, TODAY, TODAY)).toEqual({});
    const cleared = applyTouch({ due: '2024-06-01', note: 'x' }, TODAY, TODAY);
    expect('due' in cleared || 'note' in cleared).toBe(false);
  });

  it('without a cadence, keeps a planned future follow-up', () => {
    const planned: FollowUp = { due: '2024-07-01', note: 'call after the holidays' };
    const after = applyTouch(planned, TODAY, TODAY);
    expect(after).toEqual(planned);
    expect(after).not.toBe(planned);
    expect(applyTouch({ note: 'just a note' }, TODAY, TODAY)).toEqual({ note: 'just a note' });
    expect(applyTouch({}, TODAY, TODAY)).toEqual({});
  });

  it('treats a nonsense cadence as none', () => {
    expect(applyTouch({ due: '2024-06-01', cadenceDays: 0 }, TODAY, TODAY)).toEqual({});
    expect(applyTouch({ due: '2024-07-01', cadenceDays: -5 }, TODAY, TODAY).due).toBe('2024-07-01');
  });
});

describe('lastTouchAfter', () => {
  it('never moves backwards', () => {
    expect(lastTouchAfter(undefined, TODAY)).toBe(TODAY);
    expect(lastTouchAfter('2024-06-01', TODAY)).toBe(TODAY);
    expect(lastTouchAfter(TODAY, '2024-06-01')).toBe(TODAY);
    expect(lastTouchAfter(TODAY, TODAY)).toBe(TODAY);
  });
});

describe('snooze', () => {
  it('snoozes an overdue or due-today item from today', () => {
    expect(snooze({ due: '2024-06-10' }, { days: 1 }, TODAY)).toEqual({ due: '2024-06-20' });
    expect(snooze({ due: TODAY }, { days: 1 }, TODAY)).toEqual({ due: '2024-06-20' });
    expect(snooze({ due: '2024-06-10' }, { days: 7 }, TODAY)).toEqual({ due: '2024-06-26' });
    expect(snooze({}, { days: 7 }, TODAY)).toEqual({ due: '2024-06-26' });
  });

  it('snoozes a future item from its due date', () => {
    expect(snooze({ due: '2024-06-22' }, { days: 7 }, TODAY)).toEqual({ due: '2024-06-29' });
    expect(snooze({ due: '2024-06-20' }, { days: 1 }, TODAY)).toEqual({ due: '2024-06-21' });
  });

  it('keeps cadence and note', () => {
    expect(snooze({ due: '2024-06-10', cadenceDays: 30, note: 'deck' }, { days: 1 }, TODAY)).toEqual({
      due: '2024-06-20',
      cadenceDays: 30,
      note: 'deck',
    });
  });

  it('snoozes until a chosen day, today or later', () => {
    expect(snooze({ due: '2024-06-10', note: 'n' }, { until: '2024-07-01' }, TODAY)).toEqual({ due: '2024-07-01', note: 'n' });
    expect(snooze({ due: '2024-08-10' }, { until: '2024-07-01' }, TODAY)).toEqual({ due: '2024-07-01' });
    expect(snooze({ due: '2024-06-10' }, { until: TODAY }, TODAY)).toEqual({ due: TODAY });
  });

  it('rejects the past and nonsense', () => {
    expect(() => snooze({ due: '2024-06-10' }, { until: '2024-06-18' }, TODAY)).toThrow(RangeError);
    expect(() => snooze({}, { until: '2024-02-30' }, TODAY)).toThrow(RangeError);
    expect(() => snooze({}, { until: 'next week' }, TODAY)).toThrow(RangeError);
    for (const days of [0, -1, 1.5, Number.NaN, 100_000]) {
      expect(() => snooze({}, { days }, TODAY), String(days)).toThrow(RangeError);
    }
  });
});

describe('CADENCE_PRESETS', () => {
  it('offers five presets, each with its own message key', () => {
    expect(CADENCE_PRESETS.map((p) => p.days)).toEqual([14, 30, 91, 182, 365]);
    expect(new Set(CADENCE_PRESETS.map((p) => p.messageKey)).size).toBe(5);
  });
});

describe('suggestFollowUpAfterMeeting', () => {
  const base = {
    kind: 'in-person' as const,
    isFirstInPerson: true,
    encounterDay: TODAY,
    today: TODAY,
    current: {} as FollowUp,
    days: 2,
  };

  it('suggests a couple of days after a first in-person or event meeting', () => {
    expect(suggestFollowUpAfterMeeting(base)).toBe('2024-06-21');
    expect(suggestFollowUpAfterMeeting({ ...base, kind: 'event' })).toBe('2024-06-21');
    expect(suggestFollowUpAfterMeeting({ ...base, encounterDay: '2024-06-18' })).toBe('2024-06-20');
    expect(suggestFollowUpAfterMeeting({ ...base, encounterDay: '2024-06-17' })).toBe(TODAY);
    expect(suggestFollowUpAfterMeeting({ ...base, days: 7 })).toBe('2024-06-26');
  });

  it('counts from today when the meeting was logged late', () => {
    expect(suggestFollowUpAfterMeeting({ ...base, encounterDay: '2024-06-01' })).toBe('2024-06-21');
  });

  it('says nothing for other kinds, later meetings, or when off', () => {
    for (const kind of ['call', 'video', 'message', 'email', 'other'] as const) {
      expect(suggestFollowUpAfterMeeting({ ...base, kind })).toBeNull();
    }
    expect(suggestFollowUpAfterMeeting({ ...base, isFirstInPerson: false })).toBeNull();
    expect(suggestFollowUpAfterMeeting({ ...base, days: 0 })).toBeNull();
  });

  it('does not override a sooner due date', () => {
    expect(suggestFollowUpAfterMeeting({ ...base, current: { due: '2024-06-20' } })).toBeNull();
    expect(suggestFollowUpAfterMeeting({ ...base, current: { due: '2024-06-21' } })).toBeNull();
    expect(suggestFollowUpAfterMeeting({ ...base, current: { due: '2024-06-01' } })).toBeNull();
    expect(suggestFollowUpAfterMeeting({ ...base, current: { due: '2024-06-22' } })).toBe('2024-06-21');
    expect(suggestFollowUpAfterMeeting({ ...base, current: { cadenceDays: 30 } })).toBe('2024-06-21');
  });
});

describe('byDueThenName', () => {
  const p = (name: string, due: string, sortName?: string) => ({
    name,
    ...(sortName === undefined ? {} : { sortName }),
    followUp: { due },
  });
  const order = (people: ReturnType<typeof p>[]) => [...people].sort(byDueThenName).map((x) => x.name);

  it('orders the most overdue first, then by name', () => {
    const people = [
      p('Zofia', '2024-06-18', 'zofia'),
      p('Łukasz', '2024-06-01', 'lukasz'),
      p('Anna', '2024-06-18', 'anna'),
      p('Bob', TODAY, 'bob'),
      p('Adam', TODAY, 'adam'),
    ];
    expect(order(people)).toEqual(['Łukasz', 'Anna', 'Zofia', 'Adam', 'Bob']);
  });

  it('falls back to the lower-cased name and keeps ties in input order', () => {
    expect(order([p('bea', TODAY), p('Adam', TODAY), p('X', TODAY, 'same'), p('Y', TODAY, 'same')])).toEqual(['Adam', 'bea', 'X', 'Y']);
  });
});
