/**
 * Time zones: Node applies an assignment to process.env.TZ at once (it resets V8's and ICU's zone
 * cache), so `inTimeZone` can switch zones inside one test file. The first test proves the switch
 * really takes effect (the offsets differ); if a test runner ever ignored it, that test fails loudly
 * instead of the zone tests passing vacuously in UTC.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  comparePartialDates,
  daysBetween,
  daysInMonth,
  formatPartialDate,
  isLocalDay,
  isPartialDate,
  localDay,
  msUntilNextLocalMidnight,
  nextLocalTime,
  parseDateInput,
  partialDateLastDay,
} from '../../utils/dates';

const ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Warsaw'] as const;
const HOUR = 3_600_000;

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

const januaryOffset = (): number => new Date(2025, 0, 15, 12).getTimezoneOffset();

/** Valid days 1900-01-01 .. 2200-12-31, generated independently of the code under test. */
const anyDay = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('time zone switching (test harness)', () => {
  it('really changes the zone Date uses', () => {
    const offsets: Record<string, number> = {};
    for (const tz of ['UTC', ...ZONES]) inTimeZone(tz, () => (offsets[tz] = januaryOffset()));
    expect(offsets).toEqual({
      UTC: 0,
      'Pacific/Auckland': -780, // NZDT, UTC+13
      'America/Los_Angeles': 480, // PST, UTC-8
      'Europe/Warsaw': -60, // CET, UTC+1
    });
  });
});

describe('localDay', () => {
  it('uses the local calendar, not UTC', () => {
    // 2024-06-19 12:30 UTC
    const instant = new Date(Date.UTC(2024, 5, 19, 12, 30));
    const days: Record<string, string> = {};
    for (const tz of ['UTC', ...ZONES]) inTimeZone(tz, () => (days[tz] = localDay(instant)));
    expect(days).toEqual({
      UTC: '2024-06-19',
      'Pacific/Auckland': '2024-06-20', // 00:30 NZST
      'America/Los_Angeles': '2024-06-19', // 05:30 PDT
      'Europe/Warsaw': '2024-06-19', // 14:30 CEST
    });
    inTimeZone('America/Los_Angeles', () => {
      expect(localDay(new Date(Date.UTC(2024, 0, 1, 7, 59)))).toBe('2023-12-31');
      expect(localDay(new Date(Date.UTC(2024, 0, 1, 8, 0)))).toBe('2024-01-01');
    });
  });

  it('rolls over exactly at local midnight in every zone', () => {
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        expect(localDay(new Date(2024, 5, 19, 23, 59, 59, 999))).toBe('2024-06-19');
        expect(localDay(new Date(2024, 5, 20, 0, 0, 0, 0))).toBe('2024-06-20');
        expect(localDay(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31');
        expect(localDay(new Date(2025, 0, 1))).toBe('2025-01-01');
      });
    }
  });

  it('defaults to now', () => {
    expect(isLocalDay(localDay())).toBe(true);
  });
});

describe('addDays and daysBetween', () => {
  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-06-19', 0)).toBe('2024-06-19');
    expect(addDays('2024-06-19', 365)).toBe('2025-06-19');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(daysBetween('2024-06-19', '2024-06-19')).toBe(0);
  });

  it('computes beyond the 1900-2200 input range, so arithmetic always round-trips', () => {
    expect(addDays('1900-01-01', -1)).toBe('1899-12-31');
    expect(addDays('2200-12-31', 1)).toBe('2201-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01'); // no Date.UTC two-digit-year quirk
    expect(daysBetween('0001-01-01', '0002-01-01')).toBe(365);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('is not shifted by DST in Warsaw (last Sundays of March and October)', () => {
    inTimeZone('Europe/Warsaw', () => {
      // 2025-03-30: 02:00 -> 03:00, a 23-hour day; 2025-10-26: 03:00 -> 02:00, a 25-hour day.
      expect(new Date(2025, 2, 31).getTime() - new Date(2025, 2, 30).getTime()).toBe(23 * HOUR);
      expect(new Date(2025, 9, 27).getTime() - new Date(2025, 9, 26).getTime()).toBe(25 * HOUR);
      expect(addDays('2025-03-29', 1)).toBe('2025-03-30');
      expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
      expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
      expect(addDays('2025-03-31', -2)).toBe('2025-03-29');
      expect(addDays('2025-10-25', 1)).toBe('2025-10-26');
      expect(addDays('2025-10-26', 1)).toBe('2025-10-27');
      expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
      expect(addDays('2025-10-27', -2)).toBe('2025-10-25');
      expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
      expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
      expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    });
  });

  it('agrees with the local calendar in every zone, every day of 2024-2026', () => {
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        let day = '2024-01-01';
        for (let i = 1; i <= 3 * 366; i++) {
          // The local Date constructor normalizes d + i itself; its local day is the truth.
          const expected = localDay(new Date(2024, 0, 1 + i, 12));
          const next = addDays(day, 1);
          expect(next).toBe(expected);
          expect(addDays('2024-01-01', i)).toBe(expected);
          day = next;
        }
      });
    }
  });

  it('rejects invalid input', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2024-6-19', 1)).toThrow(RangeError);
    expect(() => addDays('2024-06', 1)).toThrow(RangeError);
    expect(() => addDays('2024-06-19', 1.5)).toThrow(RangeError);
    expect(() => daysBetween('2024-06-19', 'tomorrow')).toThrow(RangeError);
  });

  it('property: addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(addDays(moved, -n)).toBe(d);
        expect(daysBetween(d, moved)).toBe(n);
        expect(Math.sign(comparePartialDates(moved, d))).toBe(Math.sign(n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isPartialDate and isLocalDay', () => {
  it('accepts years, months and real days in 1900-2200', () => {
    for (const s of ['2024', '2024-06', '2024-06-19', '2024-02-29', '2000-02-29', '1900', '2200-12-31', '1900-01-01']) {
      expect(isPartialDate(s), s).toBe(true);
    }
  });
  it('rejects everything else', () => {
    for (const s of [
      '',
      '24',
      '1899',
      '2201',
      '1899-12-31',
      '2024-13',
      '2024-00',
      '2024-6',
      '2024-06-1',
      '2024-06-00',
      '2024-06-31',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      ' 2024',
      '2024-06-19T00:00',
      '2024/06/19',
      '20240619',
    ]) {
      expect(isPartialDate(s), s).toBe(false);
    }
    expect(isPartialDate(undefined as unknown as string)).toBe(false);
  });
  it('isLocalDay wants a full day', () => {
    expect(isLocalDay('2024-06-19')).toBe(true);
    expect(isLocalDay('2024-02-29')).toBe(true);
    expect(isLocalDay('2024-06')).toBe(false);
    expect(isLocalDay('2024')).toBe(false);
    expect(isLocalDay('2023-02-29')).toBe(false);
  });
  it('knows month lengths', () => {
    expect([2023, 2024, 1900, 2000, 2100].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29, 28]);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});

describe('parseDateInput', () => {
  it.each([
    ['2024-06-19', '2024-06-19'],
    ['2024-6-9', '2024-06-09'],
    ['2024-06', '2024-06'],
    ['2024', '2024'],
    ['  2024  ', '2024'],
    ['2024/6/19', '2024-06-19'],
    ['2024/06', '2024-06'],
    ['2024.06.19', '2024-06-19'],
    ['19.06.2024', '2024-06-19'],
    ['9.6.2024', '2024-06-09'],
    ['06.2024', '2024-06'],
    ['6/2024', '2024-06'],
    ['19/06/2024', '2024-06-19'],
    ['06/19/2024', '2024-06-19'],
    ['5/5/2024', '2024-05-05'],
    ['19-06-2024', '2024-06-19'],
    ['June 2014', '2014-06'],
    ['june 2014', '2014-06'],
    ['Jun 2014', '2014-06'],
    ['Jun. 2014', '2014-06'],
    ['Sept 2014', '2014-09'],
    ['19 Jun 2024', '2024-06-19'],
    ['19 June 2024', '2024-06-19'],
    ['19th June 2024', '2024-06-19'],
    ['1st Mar 2024', '2024-03-01'],
    ['Jun 19, 2024', '2024-06-19'],
    ['June 19 2024', '2024-06-19'],
    ['29 Feb 2024', '2024-02-29'],
    ['czerwiec 2014', '2014-06'],
    ['19 czerwca 2024', '2024-06-19'],
    ['19 cze 2024', '2024-06-19'],
    ['3 paź 2024', '2024-10-03'],
    ['3 października 2024', '2024-10-03'],
    ['Maj 2020', '2020-05'],
    ['May 2020', '2020-05'],
  ])('%s -> %s', (input, expected) => {
    expect(parseDateInput(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'hello',
    'yesterday',
    '2023-02-29',
    '29 Feb 2023',
    '31.04.2024',
    '2024-13',
    '2024-06-19 10:00',
    '03/04/2024', // March 4 or 3 April? Not a guess.
    '12-Mar-24', // two-digit year
    '19 Jun 24',
    '19 Jux 2024',
    'Ju 2014',
    'Junk 2014',
    '19 June',
    'June',
    '1899',
    '2201-01-01',
    '32 Jan 2024',
    '2024 June 19',
    '<b>2024</b>',
  ])('%j -> null', (input) => {
    expect(parseDateInput(input)).toBeNull();
  });

  it('reads an ambiguous day/month as the user\'s language writes it, when told which comes first', () => {
    expect(parseDateInput('03/04/2024', true)).toBe('2024-03-04');
    expect(parseDateInput('03/04/2024', false)).toBe('2024-04-03');
    expect(parseDateInput('03-04-2024', true)).toBe('2024-03-04');
    // What is not ambiguous stays as it reads, whatever the language says.
    expect(parseDateInput('19/06/2024', true)).toBe('2024-06-19');
    expect(parseDateInput('06/19/2024', false)).toBe('2024-06-19');
    expect(parseDateInput('03.04.2024', true)).toBe('2024-04-03');
    expect(parseDateInput('31/04/2024', false)).toBeNull();
  });

  it('never throws on non-strings', () => {
    expect(parseDateInput(undefined as unknown as string)).toBeNull();
    expect(parseDateInput(42 as unknown as string)).toBeNull();
  });

  it('property: every valid day parses to itself and back from its English and Polish display', () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        expect(parseDateInput(d)).toBe(d);
        expect(parseDateInput(formatPartialDate(d, 'en'))).toBe(d);
        expect(parseDateInput(formatPartialDate(d, 'pl'))).toBe(d);
        const month = d.slice(0, 7);
        expect(parseDateInput(formatPartialDate(month, 'en'))).toBe(month);
        expect(parseDateInput(formatPartialDate(month, 'pl'))).toBe(month);
      }),
      { numRuns: 500 },
    );
  });
});

describe('comparePartialDates', () => {
  it('sorts a partial date as day 0 of its period', () => {
    const dates = ['2014-06-15', '2014', '2014-06', '2013-12-31', '2014-06-01', '2014-07', '2015', '2014-05-31'];
    const newestFirst = [...dates].sort((a, b) => comparePartialDates(b, a));
    expect(newestFirst).toEqual([
      '2015',
      '2014-07',
      '2014-06-15',
      '2014-06-01',
      '2014-06', // "some time in June" below every dated June day
      '2014-05-31',
      '2014', // "some time in 2014" below everything dated in 2014
      '2013-12-31',
    ]);
    expect([...dates].sort(comparePartialDates)).toEqual(newestFirst.reverse());
    expect(comparePartialDates('2014-06', '2014-06')).toBe(0);
    expect(comparePartialDates('2014-06', '2014-06-01')).toBeLessThan(0);
  });
});

describe('partialDateLastDay', () => {
  it.each([
    ['2014', '2014-12-31'],
    ['2014-06', '2014-06-30'],
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['2000-02', '2000-02-29'],
    ['2100-02', '2100-02-28'],
    ['2024-12', '2024-12-31'],
    ['2024-06-19', '2024-06-19'],
  ])('%s lasts until %s', (d, last) => {
    expect(partialDateLastDay(d)).toBe(last);
  });
  it('throws on invalid partial dates', () => {
    expect(() => partialDateLastDay('2023-02-29')).toThrow(RangeError);
    expect(() => partialDateLastDay('June 2014')).toThrow(RangeError);
  });
});

describe('formatPartialDate', () => {
  it('formats each precision', () => {
    expect(formatPartialDate('2024-06-19')).toBe('19 Jun 2024');
    expect(formatPartialDate('2014-06')).toBe('June 2014');
    expect(formatPartialDate('2014')).toBe('2014');
    expect(formatPartialDate('2024-06-19', 'en-US')).toBe('Jun 19, 2024');
    expect(formatPartialDate('2024-06-19', 'pl')).toBe('19 cze 2024');
    expect(formatPartialDate('2014-06', 'pl')).toBe('czerwiec 2014');
  });
  it('does not shift the day in any zone', () => {
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        expect(formatPartialDate('2024-01-01')).toBe('1 Jan 2024');
        expect(formatPartialDate('2024-12-31')).toBe('31 Dec 2024');
        expect(formatPartialDate('2024-01')).toBe('January 2024');
        expect(formatPartialDate('2024')).toBe('2024');
      });
    }
  });
  it('returns odd data unchanged', () => {
    expect(formatPartialDate('2023-02-29')).toBe('2023-02-29');
    expect(formatPartialDate('someday')).toBe('someday');
  });
});

describe('msUntilNextLocalMidnight', () => {
  it('counts to the start of the next local day', () => {
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        expect(msUntilNextLocalMidnight(new Date(2024, 5, 19, 23, 59, 59))).toBe(1000);
        expect(msUntilNextLocalMidnight(new Date(2024, 5, 19, 23, 59, 59, 999))).toBe(1);
        expect(msUntilNextLocalMidnight(new Date(2024, 5, 19, 12, 0))).toBe(12 * HOUR);
        const at = new Date(2024, 5, 19, 18, 30);
        expect(localDay(new Date(at.getTime() + msUntilNextLocalMidnight(at)))).toBe('2024-06-20');
      });
    }
  });
  it('follows short and long days in Warsaw', () => {
    inTimeZone('Europe/Warsaw', () => {
      expect(msUntilNextLocalMidnight(new Date(2025, 2, 30, 0, 0))).toBe(23 * HOUR);
      expect(msUntilNextLocalMidnight(new Date(2025, 9, 26, 0, 0))).toBe(25 * HOUR);
      expect(msUntilNextLocalMidnight(new Date(2025, 2, 30, 12, 0))).toBe(12 * HOUR);
    });
  });
});

describe('nextLocalTime', () => {
  it('is today while the time is ahead, else tomorrow', () => {
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        expect(nextLocalTime(new Date(2024, 5, 19, 8, 59), '09:00')).toEqual(new Date(2024, 5, 19, 9, 0));
        expect(nextLocalTime(new Date(2024, 5, 19, 9, 0), '09:00')).toEqual(new Date(2024, 5, 20, 9, 0));
        expect(nextLocalTime(new Date(2024, 5, 19, 23, 30), '9:05')).toEqual(new Date(2024, 5, 20, 9, 5));
        expect(nextLocalTime(new Date(2024, 11, 31, 23, 30), '00:00')).toEqual(new Date(2025, 0, 1, 0, 0));
      });
    }
  });

  it('keeps the wall-clock time across DST in Warsaw', () => {
    inTimeZone('Europe/Warsaw', () => {
      // Saturday 10:00 -> Sunday 09:00 over the spring-forward night: 22 real hours.
      const spring = nextLocalTime(new Date(2025, 2, 29, 10, 0), '09:00');
      expect([localDay(spring), spring.getHours(), spring.getMinutes()]).toEqual(['2025-03-30', 9, 0]);
      expect(spring.getTime() - new Date(2025, 2, 29, 10, 0).getTime()).toBe(22 * HOUR);
      // On the day itself, from 01:00 (before the jump) to 09:00: 7 real hours.
      const sameDay = nextLocalTime(new Date(2025, 2, 30, 1, 0), '09:00');
      expect(sameDay.getTime() - new Date(2025, 2, 30, 1, 0).getTime()).toBe(7 * HOUR);
      expect(sameDay.getHours()).toBe(9);
      // Saturday 10:00 -> Sunday 09:00 over the fall-back night: 24 real hours.
      const autumn = nextLocalTime(new Date(2025, 9, 25, 10, 0), '09:00');
      expect([localDay(autumn), autumn.getHours()]).toEqual(['2025-10-26', 9]);
      expect(autumn.getTime() - new Date(2025, 9, 25, 10, 0).getTime()).toBe(24 * HOUR);
      // From Sunday 09:00 to Monday 09:00 after fall-back.
      const after = nextLocalTime(new Date(2025, 9, 26, 9, 0), '09:00');
      expect([localDay(after), after.getHours()]).toEqual(['2025-10-27', 9]);
      // 02:30 does not exist on 2025-03-30: it comes out later that same day, never the day before.
      const gap = nextLocalTime(new Date(2025, 2, 30, 0, 0), '02:30');
      expect(localDay(gap)).toBe('2025-03-30');
      expect(gap.getTime()).toBeGreaterThan(new Date(2025, 2, 30, 0, 0).getTime());
      expect(gap.getTime()).toBe(new Date(2025, 2, 30, 3, 30).getTime());
      // 02:30 happens twice on 2025-10-26: the first one.
      const twice = nextLocalTime(new Date(2025, 9, 26, 0, 0), '02:30');
      expect(twice.getTime() - new Date(2025, 9, 26, 0, 0).getTime()).toBe(2.5 * HOUR);
    });
  });

  it('rejects malformed times', () => {
    const now = new Date(2024, 5, 19);
    for (const bad of ['24:00', '12:60', '9', '09:5', 'noon', '', '-1:00']) {
      expect(() => nextLocalTime(now, bad), bad).toThrow(RangeError);
    }
  });
});
