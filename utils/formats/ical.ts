/**
 * iCalendar export of pending follow-ups (DESIGN.md, "Formats"): one all-day event per person with a due
 * date, with a display alarm at 09:00 local time on that day. A follow-up already overdue on `today` is
 * placed on `today` (a calendar would otherwise file it in the past, unseen) and says since when it is
 * due.
 *
 * A calendar that imports a newer export moves the event instead of adding a second one: the UID names
 * the person's follow-up alone (`followup-<personId>@kith`, whatever its date), and SEQUENCE and DTSTAMP
 * say which version is newer. They come from the last time the event changed: the person's updatedAt
 * (a snooze, a Done, an edit), or for an overdue follow-up the export itself, since it moves to today.
 */
import ical, { ICalAlarmRelatesTo, ICalAlarmType, ICalEvent } from 'ical-generator';
import type { KithData, LocalDay } from '../model/types';
import {
  compareEncounters,
  encounterLine,
  foldContentLine,
  groupByPerson,
  indexById,
  isLocalDay,
  nextDay,
  profileUrls,
} from './shared';

/** Seconds after the start of the (all-day) event at which the alarm fires: 09:00 local time. */
const ALARM_SECONDS_AFTER_MIDNIGHT = 9 * 3600;

/** SEQUENCE counts seconds from here: it grows with every change and fits an int32 until 2088. */
const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/** The UID of a person's follow-up event, the same across exports. */
function followUpUid(personId: string): string {
  return `followup-${personId}@kith`;
}

function utcMidnight(day: LocalDay): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * `today`: the user's local day; `now`: the time of the export (ms), which an overdue follow-up's
 * SEQUENCE and DTSTAMP take since the event moves to today (noon UTC of `today` when not given).
 */
export function exportIcal(data: KithData, opts: { today: LocalDay; now?: number }): string {
  if (!isLocalDay(opts.today)) throw new Error(`exportIcal: today must be YYYY-MM-DD, got ${opts.today}`);
  const now = opts.now ?? Date.parse(`${opts.today}T12:00:00Z`);
  const events = indexById(data.events);
  const peopleById = indexById(data.people);
  const encounters = groupByPerson(data.encounters);
  const calendarData = { prodId: { company: 'Kith', product: 'Kith', language: 'EN' }, name: 'Kith follow-ups' };
  const cal = ical(calendarData);
  // ical-generator builds, escapes and formats every event; its whole-calendar line folding walks
  // every non-ASCII line character by character (slow at 30,000 people), so the calendar is
  // assembled here: the header and footer of an empty calendar, each event folded with our folder.
  const chunks: string[] = []; // joined every few hundred events, not one huge array of lines (GC)
  let out: string[] = [];
  const due = data.people
    .filter((p) => isLocalDay(p.followUp?.due))
    .sort((a, b) => {
      const x = a.followUp.due!;
      const y = b.followUp.due!;
      if (x !== y) return x < y ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  for (const p of due) {
    const f = p.followUp;
    const dueDay = f.due!;
    const overdue = dueDay < opts.today;
    const day = overdue ? opts.today : dueDay;
    const revised = overdue ? Math.max(p.updatedAt, now) : p.updatedAt;
    const name = p.name || p.keys[0] || 'someone';
    const summary = `Follow up: ${name}`;
    const lines: string[] = [];
    if (f.note) lines.push(f.note);
    if (dueDay < opts.today) lines.push(`Due since ${dueDay}.`);
    if (f.cadenceDays) lines.push(`Every ${f.cadenceDays} days.`);
    const met = (encounters.get(p.id) ?? []).slice().sort(compareEncounters);
    if (met.length > 0) {
      lines.push('', 'How we met:', ...met.map((e) => encounterLine(e, events, peopleById)));
    }
    const about = [p.position || p.headline, p.company].filter(Boolean).join(', ');
    if (about) lines.push('', about);
    const url = profileUrls(p)[0]?.url;
    // Not cal.createEvent: the calendar would keep every event alive until the end.
    const event = new ICalEvent(
      {
        id: followUpUid(p.id),
        sequence: Math.max(0, Math.floor((revised - SEQUENCE_EPOCH) / 1000)),
        stamp: new Date(revised),
        start: utcMidnight(day),
        end: utcMidnight(nextDay(day)),
        allDay: true,
        summary,
        description: lines.join('\n').trim() || undefined,
        url: url ?? null,
      },
      cal,
    );
    event
      .createAlarm({
        type: ICalAlarmType.display,
        triggerAfter: ALARM_SECONDS_AFTER_MIDNIGHT,
        description: f.note ? `${summary}: ${f.note}` : summary,
      })
      // ical-generator 11 writes an alarm after the start as TRIGGER;RELATED=END unless told otherwise,
      // and its constructor ignores a `relatesTo` option, so set it here: TRIGGER;RELATED=START:PT9H.
      .relatesTo(ICalAlarmRelatesTo.start);
    for (const line of event.toString().split('\r\n')) if (line) out.push(foldContentLine(line));
    if (out.length > 5000) {
      chunks.push(out.join('\r\n') + '\r\n');
      out = [];
    }
  }
  if (out.length > 0) chunks.push(out.join('\r\n') + '\r\n');
  const empty = ical(calendarData).toString();
  const end = empty.lastIndexOf('END:VCALENDAR');
  return empty.slice(0, end) + chunks.join('') + 'END:VCALENDAR\r\n';
}
