import { describe, expect, it } from 'vitest';
import { derivePersonFields } from '../../../utils/derive';
import { mergeData } from '../../../utils/import/merge';
import { mergeNotes } from '../../../utils/model/person-fields';
import type { KithData, KithEvent } from '../../../utils/model/types';
import { newCard, review } from '../../../utils/drill/schedule';
import { emptyStore, encounter, fakePhoto, person } from '../formats/data';

const T0 = 1_700_000_000_000;
const ev = (id: string, name: string, start?: string, updatedAt = T0): KithEvent => ({
  id,
  name,
  start,
  createdAt: T0,
  updatedAt,
});

describe('derivePersonFields', () => {
  it('indexes the names of the events merged into an event like its name', () => {
    const p = person('p', { name: 'Anna' });
    const d = derivePersonFields(p, [encounter('e', 'p', { eventId: 'v' })], [{ ...ev('v', 'Infoshare'), mergedNames: ['Info Share Gdańsk', 'InfoSzer'] }]);
    expect(d.terms).toEqual(['anna', 'gdansk', 'info', 'infoshare', 'infoszer', 'share']);
  });

  it('indexes name, company, headline, location, tags, encounter places and event names', () => {
    const p = person('p', {
      name: 'Łukasz Żółć',
      company: 'Acme S.A.',
      headline: 'CTO',
      position: 'Chief Technology Officer',
      location: 'Kraków',
      tags: ['VC', 'warsaw-2024'],
    });
    const d = derivePersonFields(p, [encounter('e', 'p', { place: 'Café Nero', eventId: 'v' }), encounter('x', 'other', { place: 'Elsewhere' })], [
      ev('v', 'Grow Up Start Up'),
    ]);
    expect(d.sortName).toBe('lukasz zolc');
    expect(d.terms).toEqual(
      ['lukasz', 'zolc', 'acme', 's', 'a', 'cto', 'krakow', 'vc', 'warsaw', '2024', 'cafe', 'nero', 'grow', 'up', 'start'].sort(),
    );
  });
});

describe('mergeData', () => {
  it('merges an incoming person with a new id into the stored one that shares a profile key', () => {
    const stored = person('s1', {
      name: 'Anna Nowak',
      keys: ['linkedin:anna-nowak'],
      urls: { linkedin: 'https://www.linkedin.com/in/anna-nowak/' },
      tags: ['investor'],
      notes: 'Met at the bar.',
      company: 'Old Co',
      updatedAt: T0,
    });
    const incoming = person('i1', {
      name: 'Anna Nowak-Kowalska',
      keys: ['linkedin:anna-nowak', 'linkedin-member:42'],
      urls: { github: 'https://github.com/anna' },
      tags: ['investor', 'ai'],
      notes: 'Likes sailing.',
      company: 'New Co',
      updatedAt: T0 + 1000,
    });
    const existing: KithData = { ...emptyStore(), people: [stored] };
    const { put, report } = mergeData(existing, {
      people: [incoming],
      encounters: [encounter('e1', 'i1', { introducedById: 'i1' })],
      events: [],
      photos: [{ personId: 'i1', dataUrl: fakePhoto(3), updatedAt: T0 }],
      voiceNotes: [],
      drillCards: [],
      drillReviews: [],
    });
    expect(report.people).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(report.encounters).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(put.people).toHaveLength(1);
    const merged = put.people[0];
    expect(merged.id).toBe('s1');
    expect(merged.keys).toEqual(['linkedin:anna-nowak', 'linkedin-member:42']);
    expect(merged.tags).toEqual(['investor', 'ai']);
    expect(merged.urls).toEqual({ linkedin: 'https://www.linkedin.com/in/anna-nowak/', github: 'https://github.com/anna' });
    expect(merged.name).toBe('Anna Nowak-Kowalska'); // incoming is newer
    expect(merged.company).toBe('New Co');
    expect(merged.notes).toContain('Met at the bar.');
    expect(merged.notes).toContain('Likes sailing.');
    expect(merged.hasPhoto).toBe(true);
    expect(merged.updatedAt).toBe(T0 + 1000);
    expect(merged.sortName).toBe('anna nowak-kowalska');
    expect(put.encounters[0]).toMatchObject({ id: 'e1', personId: 's1', introducedById: 's1' });
    expect(put.photos).toEqual([{ personId: 's1', dataUrl: fakePhoto(3), updatedAt: T0 }]);

    // Importing the same file again changes nothing.
    const after: KithData = { people: put.people, encounters: put.encounters, events: [], photos: put.photos, voiceNotes: [], drillCards: [], drillReviews: [] };
    const again = mergeData(after, {
      people: [incoming],
      encounters: [encounter('e1', 'i1', { introducedById: 'i1' })],
      events: [],
      photos: [{ personId: 'i1', dataUrl: fakePhoto(3), updatedAt: T0 }],
      voiceNotes: [],
      drillCards: [],
      drillReviews: [],
    });
    expect(again.report.people).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(again.report.encounters).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(again.put).toEqual(emptyStore());
  });

  it('keeps the stored fields when the incoming record is older, filling only gaps', () => {
    const stored = person('p', { name: 'Anna', company: 'Now Co', updatedAt: T0 + 5 });
    const older = person('p', { name: 'Ann', company: 'Then Co', location: 'Gdańsk', updatedAt: T0 });
    const { put } = mergeData({ ...emptyStore(), people: [stored] }, { ...emptyStore(), people: [older] });
    expect(put.people[0]).toMatchObject({ name: 'Anna', company: 'Now Co', location: 'Gdańsk', updatedAt: T0 + 5 });
  });

  it('takes the name parts with the name they belong to', () => {
    const stored = person('p', { name: 'Eduardo Alvarez Nowak', givenName: 'Eduardo', familyName: 'Alvarez Nowak', updatedAt: T0 });
    // Renamed on another device later, without parts.
    const renamed = person('p', { name: 'Eduardo Nowak', updatedAt: T0 + 5 });
    const { put } = mergeData({ ...emptyStore(), people: [stored] }, { ...emptyStore(), people: [renamed] });
    expect(put.people[0].name).toBe('Eduardo Nowak');
    expect(put.people[0]).not.toHaveProperty('givenName');
    expect(put.people[0]).not.toHaveProperty('familyName');
    // An older backup with parts fills no gap in a newer name.
    const older = mergeData({ ...emptyStore(), people: [renamed] }, { ...emptyStore(), people: [stored] });
    expect(older.put.people).toEqual([]);
    // A newer record with the parts brings them.
    const newer = mergeData({ ...emptyStore(), people: [renamed] }, { ...emptyStore(), people: [{ ...stored, updatedAt: T0 + 9 }] });
    expect(newer.put.people[0]).toMatchObject({ name: 'Eduardo Alvarez Nowak', givenName: 'Eduardo', familyName: 'Alvarez Nowak' });
  });

  it('never drops a stored encounter, and replaces one only with a newer version', () => {
    const existing: KithData = {
      ...emptyStore(),
      people: [person('p')],
      encounters: [encounter('a', 'p', { note: 'stored' }), encounter('b', 'p', { note: 'stored', updatedAt: T0 + 10 })],
    };
    const { put, report } = mergeData(existing, {
      ...emptyStore(),
      encounters: [encounter('a', 'p', { note: 'edited', updatedAt: T0 + 1 }), encounter('b', 'p', { note: 'stale' }), encounter('c', 'p')],
    });
    expect(report.encounters).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect(put.encounters.map((e) => [e.id, e.note])).toEqual([
      ['a', 'edited'],
      ['c', undefined],
    ]);
  });

  it('merges events by id and by the same name and start, and re-points encounters', () => {
    const existing: KithData = {
      ...emptyStore(),
      people: [person('p')],
      events: [ev('v1', 'Grow Up Start Up', '2024-06-19')],
    };
    const { put, report } = mergeData(existing, {
      ...emptyStore(),
      events: [ev('other-id', 'Grow Up Start Up', '2024-06-19'), ev('v2', 'Grow Up Start Up', '2025-06-19')],
      encounters: [encounter('e', 'p', { eventId: 'other-id' })],
    });
    expect(report.events).toEqual({ added: 1, updated: 0, unchanged: 1 });
    expect(put.events.map((e) => e.id)).toEqual(['v2']);
    expect(put.encounters[0].eventId).toBe('v1');
    // The person's terms now include the event's name.
    expect(put.people[0].terms).toEqual(expect.arrayContaining(['grow', 'start']));
  });

  it('keeps the names merged into an event on either side, and re-derives the search words of the people met there', () => {
    const stored = { ...ev('v1', 'Grow Up Start Up', '2024-06-19'), mergedNames: ['GUSU'] };
    const p = person('p');
    const e = encounter('e', 'p', { eventId: 'v1' });
    const existing: KithData = { ...emptyStore(), people: [{ ...p, ...derivePersonFields(p, [e], [stored]) }], encounters: [e], events: [stored] };
    expect(existing.people[0].terms).toEqual(expect.arrayContaining(['gusu', 'grow']));
    // The same event from another computer, where a different event was merged into it.
    const incoming = { ...ev('v1', 'Grow Up Start Up', '2024-06-19', T0 + 1), mergedNames: ['Grow-Up 24'] };
    const { put, report } = mergeData(existing, { ...emptyStore(), events: [incoming] });
    expect(report.events).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(put.events[0].mergedNames).toEqual(['Grow-Up 24', 'GUSU']);
    expect(put.people.map((x) => x.id)).toEqual(['p']);
    expect(put.people[0].terms).toEqual(expect.arrayContaining(['gusu', 'grow', '24']));
    // Merging the result again changes nothing.
    const again = mergeData({ ...existing, people: put.people, events: put.events }, { ...emptyStore(), events: [incoming] });
    expect(again.report.events).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(again.put.people).toEqual([]);
  });

  it('does not move a key that belongs to another stored person', () => {
    const a = person('a', { name: 'A', keys: ['linkedin:a'] });
    const b = person('b', { name: 'B', keys: ['linkedin:b'] });
    const inc = person('a', { name: 'A', keys: ['linkedin:a', 'linkedin:b'], updatedAt: T0 + 1 });
    const { put } = mergeData({ ...emptyStore(), people: [a, b] }, { ...emptyStore(), people: [inc] });
    expect(put.people.find((p) => p.id === 'a')?.keys ?? a.keys).toEqual(['linkedin:a']);
  });

  it('keeps the newer photo', () => {
    const existing: KithData = {
      ...emptyStore(),
      people: [person('p', { hasPhoto: true })],
      photos: [{ personId: 'p', dataUrl: fakePhoto(1), updatedAt: T0 + 5 }],
    };
    expect(mergeData(existing, { ...emptyStore(), photos: [{ personId: 'p', dataUrl: fakePhoto(2), updatedAt: T0 }] }).put.photos).toEqual([]);
    expect(
      mergeData(existing, { ...emptyStore(), photos: [{ personId: 'p', dataUrl: fakePhoto(2), updatedAt: T0 + 9 }] }).put.photos,
    ).toEqual([{ personId: 'p', dataUrl: fakePhoto(2), updatedAt: T0 + 9 }]);
  });

  it('joins notes without losing either, idempotently', () => {
    expect(mergeNotes('a', 'b', 100)).toBe('a\n\nb');
    expect(mergeNotes('a\n\nb', 'b', 100)).toBe('a\n\nb');
    expect(mergeNotes('', 'b', 100)).toBe('b');
    expect(mergeNotes('a', 'a plus more', 100)).toBe('a plus more');
  });
});

describe('derivePersonFields (property)', () => {
  it('equals the plain definition: sorted unique words() of every source text, fold(name)', async () => {
    const fc = (await import('fast-check')).default;
    const { fold, words } = await import('../../../utils/text');
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('Łukasz Żółć', 'ΟΔΟΣ', 'Zoë', 'straße'));
    const opt = fc.option(text, { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({ name: text, company: opt, headline: opt, position: opt, location: opt, tags: fc.array(text, { maxLength: 4 }) }),
        fc.array(fc.record({ place: opt, event: opt }), { maxLength: 4 }),
        (src, encs) => {
          const p = person('p', src);
          const evs = encs.map((e, i) => ({ id: `v${i}`, name: e.event ?? '', createdAt: 0, updatedAt: 0 }));
          const list = encs.map((e, i) => encounter(`e${i}`, 'p', { place: e.place, eventId: e.event === undefined ? undefined : `v${i}` }));
          const places = encs.flatMap((e) => [e.place, e.event]);
          const texts = [src.name, src.company, src.headline, src.location, ...src.tags, ...places];
          const expected = [...new Set(texts.flatMap((t) => words(t)))].sort();
          const derived = derivePersonFields(p, list, evs);
          expect(derived).toEqual({ terms: expected, sortName: fold(src.name).trim() });
          // Events given as a map of names give the same fields.
          expect(derivePersonFields(p, list, new Map(evs.map((e) => [e.id, e.name])))).toEqual(derived);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('mergeData: voice notes and the drill', () => {
  const card = (personId: string, at: number, grade: 1 | 3 = 3, id = `r-${personId}-${at}`) => review(newCard(personId, 'face-to-name', at), grade, at, { id });
  const anna = (id: string, updatedAt = T0) => person(id, { name: 'Anna Nowak', keys: ['linkedin:anna-nowak'], updatedAt });

  it('moves them with a person merged by profile key; the card answered last wins; answers are added once', () => {
    const older = card('s1', T0);
    const newer = card('i1', T0 + 60_000, 1);
    const stored: KithData = {
      ...emptyStore(),
      people: [anna('s1')],
      voiceNotes: [{ personId: 's1', dataUrl: 'data:audio/webm;base64,AAAA', seconds: 2, updatedAt: T0 + 5 }],
      drillCards: [older.card],
      drillReviews: [older.review],
    };
    const incoming: KithData = {
      ...emptyStore(),
      people: [anna('i1')],
      voiceNotes: [{ personId: 'i1', dataUrl: 'data:audio/ogg;base64,BBBB', seconds: 3, updatedAt: T0 }],
      drillCards: [newer.card],
      drillReviews: [newer.review, older.review],
    };
    const { put } = mergeData(stored, incoming);
    // The stored voice note is newer: it stays.
    expect(put.voiceNotes).toEqual([]);
    expect(put.drillCards).toEqual([{ ...newer.card, personId: 's1' }]);
    expect(put.drillReviews).toEqual([{ ...newer.review, personId: 's1' }]);

    // The other way round: the incoming card is older, the incoming voice note newer.
    const back = mergeData(
      { ...stored, drillCards: [{ ...newer.card, personId: 's1' }], voiceNotes: [] },
      { ...incoming, drillCards: [{ ...older.card, personId: 'i1' }] },
    );
    expect(back.put.drillCards).toEqual([]);
    expect(back.put.voiceNotes).toEqual([{ personId: 's1', dataUrl: 'data:audio/ogg;base64,BBBB', seconds: 3, updatedAt: T0 }]);
  });
});

