import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { exportIcal } from '../../../utils/formats/ical';
import { snooze } from '../../../utils/followups';
import type { KithData } from '../../../utils/model/types';
import { encounter, person, storeArb } from './data';

function sample(): KithData {
  return {
    people: [
      person('p1', {
        name: 'Łukasz Żółć',
        urls: { linkedin: 'https://www.linkedin.com/in/lukasz/' },
        followUp: { due: '2025-03-10', cadenceDays: 30, note: 'send the deck; and, intro\nto Anna' },
        company: 'Acme',
      }),
      person('p2', { name: 'Overdue Olga', followUp: { due: '2025-02-01' } }),
      person('p3', { name: 'No Follow-up', followUp: { cadenceDays: 7 } }),
      person('p4', { name: 'Anna Nowak' }),
    ],
    encounters: [encounter('e1', 'p1', { kind: 'event', eventId: 'v', place: 'Warsaw', introducedById: 'p4' })],
    events: [{ id: 'v', name: 'Grow Up Start Up', createdAt: 0, updatedAt: 0 }],
    photos: [],
    voiceNotes: [],
    drillCards: [],
    drillReviews: [],
  };
}

function events(text: string): ICAL.Component[] {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  expect(cal.name).toBe('vcalendar');
  return cal.getAllSubcomponents('vevent');
}

describe('iCalendar export', () => {
  it('writes one all-day event with a display alarm per pending follow-up', () => {
    const text = exportIcal(sample(), { today: '2025-02-20' });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const list = events(text);
    expect(list).toHaveLength(2);
    const [olga, lukasz] = list; // sorted by due date
    expect(olga.getFirstPropertyValue('summary')).toBe('Follow up: Overdue Olga');
    // Overdue: placed on today so it is seen; the UID names the person's follow-up alone.
    expect(olga.getFirstPropertyValue('uid')).toBe('followup-p2@kith');
    expect(String(olga.getFirstPropertyValue('dtstart'))).toBe('2025-02-20');
    expect(olga.getFirstPropertyValue('description')).toContain('Due since 2025-02-01.');

    const start = lukasz.getFirstProperty('dtstart')!;
    expect(start.type).toBe('date');
    expect((start.getFirstValue() as ICAL.Time).isDate).toBe(true);
    expect(String(start.getFirstValue())).toBe('2025-03-10');
    expect(String(lukasz.getFirstPropertyValue('dtend'))).toBe('2025-03-11');
    expect(lukasz.getFirstPropertyValue('uid')).toBe('followup-p1@kith');
    expect(lukasz.getFirstPropertyValue('summary')).toBe('Follow up: Łukasz Żółć');
    expect(lukasz.getFirstPropertyValue('url')).toBe('https://www.linkedin.com/in/lukasz/');
    expect(lukasz.getFirstPropertyValue('description')).toBe(
      'send the deck; and, intro\nto Anna\nEvery 30 days.\n\nHow we met:\n' +
        '2024-06-19 · at an event · Warsaw · Grow Up Start Up · introduced by Anna Nowak\n\nAcme',
    );
    const alarms = lukasz.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    const alarm = alarms[0];
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarm.getFirstProperty('trigger')!;
    expect(String(trigger.getFirstValue())).toBe('PT9H');
    expect(trigger.getParameter('related')).toBe('START');
    expect(alarm.getFirstPropertyValue('description')).toBe('Follow up: Łukasz Żółć: send the deck; and, intro\nto Anna');
  });

  it('is stable and has a VALARM with ACTION, TRIGGER and DESCRIPTION on every event (property)', () => {
    fc.assert(
      fc.property(storeArb(0, 40), (data) => {
        const text = exportIcal(data, { today: '2020-01-01' });
        expect(exportIcal(data, { today: '2020-01-01' })).toBe(text);
        for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        const list = events(text);
        expect(list).toHaveLength(data.people.filter((p) => p.followUp.due).length);
        const byUid = new Map(list.map((e) => [e.getFirstPropertyValue('uid'), e]));
        for (const p of data.people) {
          if (!p.followUp.due) continue;
          const ev = byUid.get(`followup-${p.id}@kith`)!;
          expect(ev.getFirstProperty('dtstart')!.type).toBe('date');
          expect(ev.getFirstPropertyValue('summary')).toBe(`Follow up: ${p.name || p.keys[0] || 'someone'}`);
          const alarm = ev.getFirstSubcomponent('valarm')!;
          expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
          expect(alarm.getFirstProperty('trigger')).not.toBeNull();
          expect(String(alarm.getFirstPropertyValue('description'))).toContain('Follow up: ');
        }
      }),
      { numRuns: 60 },
    );
  });

  describe('a re-import moves the event instead of adding another', () => {
    const DAY = 86_400_000;
    const t0 = Date.parse('2025-02-20T08:00:00Z');
    const one = (p: KithData['people'][number]): KithData => ({ people: [p], encounters: [], events: [], photos: [], voiceNotes: [], drillCards: [], drillReviews: [] });
    const read = (text: string) => {
      const list = events(text);
      expect(list).toHaveLength(1);
      const ev = list[0];
      return {
        uid: ev.getFirstPropertyValue('uid'),
        sequence: Number(ev.getFirstPropertyValue('sequence')),
        stamp: (ev.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime(),
        start: String(ev.getFirstPropertyValue('dtstart')),
      };
    };

    it('after a snooze: the same UID, a later SEQUENCE and DTSTAMP, the new date', () => {
      const before = person('p1', { name: 'Anna Nowak', followUp: { due: '2025-03-10', note: 'send the deck' }, updatedAt: t0 });
      const first = read(exportIcal(one(before), { today: '2025-02-20', now: t0 + 1000 }));
      // Snoozed a week the same morning (the data layer stamps the person's updatedAt), exported again.
      const after = { ...before, followUp: snooze(before.followUp, { days: 7 }, '2025-02-20'), updatedAt: t0 + 60_000 };
      const second = read(exportIcal(one(after), { today: '2025-02-20', now: t0 + 120_000 }));
      expect(first).toMatchObject({ uid: 'followup-p1@kith', start: '2025-03-10' });
      expect(second).toMatchObject({ uid: 'followup-p1@kith', start: '2025-03-17' });
      expect(second.sequence).toBeGreaterThan(first.sequence);
      expect(second.stamp).toBeGreaterThan(first.stamp);
      expect(first.stamp).toBe(t0);
    });

    it('an overdue follow-up moves to each new today, and a snooze after that still wins', () => {
      const olga = person('p2', { name: 'Olga', followUp: { due: '2025-02-01' }, updatedAt: t0 - 30 * DAY });
      const monday = read(exportIcal(one(olga), { today: '2025-02-20', now: t0 }));
      const tuesday = read(exportIcal(one(olga), { today: '2025-02-21', now: t0 + DAY }));
      expect([monday.start, tuesday.start]).toEqual(['2025-02-20', '2025-02-21']);
      expect(tuesday.uid).toBe(monday.uid);
      expect(tuesday.sequence).toBeGreaterThan(monday.sequence);
      // Snoozed a little later that day: the event goes to the chosen day, a newer version again.
      const snoozed = { ...olga, followUp: snooze(olga.followUp, { until: '2025-02-28' }, '2025-02-21'), updatedAt: t0 + DAY + 5000 };
      const later = read(exportIcal(one(snoozed), { today: '2025-02-21', now: t0 + DAY + 6000 }));
      expect(later).toMatchObject({ uid: monday.uid, start: '2025-02-28' });
      expect(later.sequence).toBeGreaterThan(tuesday.sequence);
    });
  });
});
