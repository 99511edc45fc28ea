/** Test data for the format tests: a fast-check arbitrary of whole stores, and small hand-made records. */
import fc from 'fast-check';
import { derivePersonFields } from '../../../utils/derive';
import { groupByPerson, indexById } from '../../../utils/formats/shared';
import { CAPS } from '../../../utils/model/caps';
import { cleanLine, cleanText } from '../../../utils/text';
import { ENCOUNTER_KINDS, type Encounter, type KithData, type KithEvent, type Person, type Photo, type VoiceNote } from '../../../utils/model/types';
import { newCard, review, type DrillCard, type DrillReview } from '../../../utils/drill/schedule';
import type { DrillGrade } from '../../../utils/drill/grades';

/** Fragments that break naive serialisers. */
export const NASTY = [
  'Łukasz',
  'Żółć',
  'Zoë',
  "O'Brien",
  '"Quoted"',
  'a, b',
  'x; y',
  'back\\slash',
  '🚀',
  '👩🏽‍💻',
  '=SUM(A1:A9)',
  '+48 600 700 800',
  '-dash',
  '@handle',
  'Ünïcödé',
  '中文名',
  'العربية',
  '\ttab',
  'ß',
  'a\u0301',
  '<b>html</b>',
  '{"json":1}',
  'BEGIN:VCARD',
  'END:VEVENT',
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** A line of text as the app stores it (cleaned and capped). */
const line = (cap: number) =>
  fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => cleanLine(parts.join(' '), cap));
const optLine = (cap: number) => fc.option(line(cap), { nil: undefined, freq: 3 }).map((v) => v || undefined);
const multiline = (cap: number) =>
  fc.array(fc.oneof(fragment, fc.constant('\n'), fc.constant('\r\n')), { maxLength: 8 }).map((p) => cleanText(p.join(''), cap));

const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partialDate = fc.oneof(day, day.map((d) => d.slice(0, 7)), day.map((d) => d.slice(0, 4)));
const time = fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 });

export const uuid = (i: number, kind = 0) =>
  `0000000${kind}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

const rawPerson = fc.record({
  name: line(CAPS.name),
  // First and last name as a Connections import stores them (not always matching the name: a rename).
  nameParts: fc.option(fc.tuple(line(CAPS.name), line(CAPS.name)), { nil: undefined, freq: 3 }),
  slug: fc.option(fc.stringMatching(/^[a-z0-9-]{3,20}$/), { nil: undefined }),
  member: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: undefined }),
  headline: optLine(CAPS.headline),
  company: optLine(CAPS.company),
  position: optLine(CAPS.headline),
  location: optLine(CAPS.location),
  email: fc.option(fc.emailAddress(), { nil: undefined }),
  github: fc.boolean(),
  tags: fc.uniqueArray(line(CAPS.tag), { maxLength: 12 }),
  notes: multiline(2000),
  due: fc.option(day, { nil: undefined }),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }),
  followNote: optLine(200),
  lastTouch: fc.option(day, { nil: undefined }),
  connectedOn: fc.option(day, { nil: undefined }),
  howToSay: optLine(CAPS.howToSay),
  memoryHook: optLine(CAPS.memoryHook),
  photo: fc.nat(9),
  createdAt: time,
  updatedAt: time,
  encounters: fc.array(
    fc.record({
      date: partialDate,
      kind: fc.constantFrom(...ENCOUNTER_KINDS),
      place: optLine(CAPS.place),
      event: fc.option(fc.nat(30), { nil: undefined }),
      introducedBy: fc.option(fc.oneof(fc.nat(5000), line(CAPS.name)), { nil: undefined }),
      note: fc.option(multiline(CAPS.note), { nil: undefined }).map((v) => v || undefined),
      createdAt: time,
      updatedAt: time,
    }),
    { maxLength: 4 },
  ),
});

const rawEvent = fc.record({
  name: line(CAPS.eventName),
  start: fc.option(day, { nil: undefined }),
  place: optLine(CAPS.place),
  url: fc.option(fc.webUrl({ withQueryParameters: true }), { nil: undefined }),
  notes: fc.option(multiline(500), { nil: undefined }).map((v) => v || undefined),
  // The names of events merged into this one (stored non-empty and distinct).
  mergedNames: fc
    .option(fc.array(line(CAPS.eventName), { maxLength: 3 }), { nil: undefined, freq: 4 })
    .map((names) => {
      const distinct = [...new Set(names?.filter(Boolean))];
      return distinct.length > 0 ? distinct : undefined;
    }),
  createdAt: time,
  updatedAt: time,
});

function strip<T extends object>(r: T): T {
  for (const k in r) if (r[k] === undefined) delete r[k];
  return r;
}

/** A small valid base64 "recording" (not real audio; the formats never decode it). */
export function fakeVoice(seed: number): string {
  return `data:audio/${seed % 2 ? 'webm' : 'ogg'};base64,${Buffer.alloc(200 + (seed % 300), seed % 256).toString('base64')}`;
}

/** A small valid base64 "image" (not a real picture; the formats never decode it). */
export function fakePhoto(seed: number, mime = 'jpeg'): string {
  const bytes = Buffer.alloc(60 + (seed % 500), seed % 256);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seed * 31 + i * 7) % 256;
  return `data:image/${mime};base64,${bytes.toString('base64')}`;
}

/** Whole stores as the app would hold them: cleaned text, unique ids, consistent derived fields. */
export function storeArb(minPeople: number, maxPeople: number): fc.Arbitrary<KithData> {
  return fc
    .record({
      people: fc.array(rawPerson, { minLength: minPeople, maxLength: maxPeople }),
      events: fc.array(rawEvent, { maxLength: 30 }),
    })
    .map(({ people: raw, events: rawEvents }) => {
      const events: KithEvent[] = rawEvents.map((e, i) => {
        const end = e.start && i % 2 ? e.start : undefined;
        return strip({ id: uuid(i, 3), ...e, end });
      });
      const people: Person[] = [];
      const encounters: Encounter[] = [];
      const photos: Photo[] = [];
      const voiceNotes: VoiceNote[] = [];
      const drillCards: DrillCard[] = [];
      const drillReviews: DrillReview[] = [];
      const slugs = new Set<string>();
      raw.forEach((r, i) => {
        const id = uuid(i, 1);
        const keys: string[] = [];
        const urls: Person['urls'] = {};
        if (r.slug && !slugs.has(r.slug)) {
          slugs.add(r.slug);
          keys.push(`linkedin:${r.slug}`);
          urls.linkedin = `https://www.linkedin.com/in/${r.slug}/`;
          if (r.member) keys.push(`linkedin-member:${r.member}-${i}`);
        }
        if (r.github) {
          keys.push(`github:user${i}`);
          urls.github = `https://github.com/user${i}`;
        }
        const p = strip({
          id,
          keys,
          name: r.name,
          givenName: r.nameParts?.[0] || undefined,
          familyName: r.nameParts?.[1] || undefined,
          headline: r.headline,
          company: r.company,
          position: r.position,
          location: r.location,
          email: r.email,
          urls,
          tags: r.tags.filter(Boolean),
          notes: r.notes,
          followUp: strip({ due: r.due, cadenceDays: r.cadenceDays, note: r.followNote }),
          lastTouch: r.lastTouch,
          connectedOn: r.connectedOn,
          howToSay: r.howToSay,
          memoryHook: r.memoryHook,
          hasPhoto: r.photo === 0 ? true : undefined,
          terms: [] as string[],
          sortName: '',
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
        }) as Person;
        people.push(p);
        if (r.photo === 0) photos.push({ personId: id, dataUrl: fakePhoto(i, i % 3 ? 'jpeg' : 'webp'), updatedAt: r.updatedAt });
        if (r.photo === 1) voiceNotes.push({ personId: id, dataUrl: fakeVoice(i), seconds: 1 + (i % 9) + 0.5, updatedAt: r.updatedAt });
        if (r.photo === 2) {
          const answered = review(newCard(id, 'name-to-context', r.createdAt), ((i % 4) + 1) as DrillGrade, r.createdAt + 1000, { id: uuid(i, 4) });
          drillCards.push(answered.card);
          drillReviews.push(answered.review);
        }
        r.encounters.forEach((e, j) => {
          encounters.push(
            strip({
              id: uuid(i * 10 + j, 2),
              personId: id,
              date: e.date,
              kind: e.kind,
              place: e.place,
              eventId: e.event !== undefined && e.event < events.length ? events[e.event].id : undefined,
              introducedById:
                typeof e.introducedBy === 'number' && e.introducedBy < raw.length ? uuid(e.introducedBy, 1) : undefined,
              introducedByName: typeof e.introducedBy === 'string' ? e.introducedBy || undefined : undefined,
              note: e.note,
              createdAt: e.createdAt,
              updatedAt: e.updatedAt,
            }),
          );
        });
      });
      const byPerson = groupByPerson(encounters);
      const eventsById = indexById(events);
      for (const p of people) Object.assign(p, derivePersonFields(p, byPerson.get(p.id) ?? [], eventsById));
      return { people, encounters, events, photos, voiceNotes, drillCards, drillReviews };
    });
}

/** Hand-made records for example-based tests. */
export function person(id: string, fields: Partial<Person> = {}): Person {
  const p: Person = {
    id,
    keys: [],
    name: '',
    urls: {},
    tags: [],
    notes: '',
    followUp: {},
    terms: [],
    sortName: '',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...fields,
  };
  return { ...p, ...derivePersonFields(p) };
}

export function encounter(id: string, personId: string, fields: Partial<Encounter> = {}): Encounter {
  return {
    id,
    personId,
    date: '2024-06-19',
    kind: 'in-person',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...fields,
  };
}

export const emptyStore = (): KithData => ({ people: [], encounters: [], events: [], photos: [], voiceNotes: [], drillCards: [], drillReviews: [] });
