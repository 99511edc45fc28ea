import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../utils/formats/errors';
import { BACKUP_FORMAT, BACKUP_VERSION, exportBackup, parseBackup } from '../../../utils/formats/json-backup';
import { mergeData } from '../../../utils/import/merge';
import type { KithData } from '../../../utils/model/types';
import { newCard, review } from '../../../utils/drill/schedule';
import { emptyStore, encounter, fakePhoto, fakeVoice, person, storeArb } from './data';

const AT = '2025-01-02T03:04:05.000Z';

function byId<T extends { id: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sorted(d: KithData): KithData {
  return {
    people: byId(d.people),
    encounters: byId(d.encounters),
    events: byId(d.events),
    photos: [...d.photos].sort((a, b) => (a.personId < b.personId ? -1 : 1)),
    voiceNotes: [...d.voiceNotes].sort((a, b) => (a.personId < b.personId ? -1 : 1)),
    drillCards: [...d.drillCards].sort((a, b) => (a.personId < b.personId ? -1 : 1)),
    drillReviews: byId(d.drillReviews),
  };
}

function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

const answered = review(newCard('p1', 'face-to-name', 1_700_000_000_000), 3, 1_700_000_000_000, { id: 'r1', verdict: 'right' });

function small(): KithData {
  const anna = person('p1', {
    name: 'Anna Nowak',
    keys: ['linkedin:anna-nowak'],
    urls: { linkedin: 'https://www.linkedin.com/in/anna-nowak/' },
    tags: ['investor'],
    hasPhoto: true,
  });
  const bob = person('p2', { name: 'Bob', followUp: { due: '2025-01-10', cadenceDays: 30, note: 'send deck' } });
  return {
    people: [anna, bob],
    encounters: [encounter('e1', 'p1', { eventId: 'v1', place: 'Warsaw', introducedById: 'p2' })],
    events: [{ id: 'v1', name: 'Grow Up Start Up', start: '2024-06-19', end: '2024-06-20', createdAt: 1, updatedAt: 1 }],
    photos: [{ personId: 'p1', dataUrl: fakePhoto(1), updatedAt: 5 }],
    voiceNotes: [{ personId: 'p1', dataUrl: fakeVoice(1), seconds: 3.2, updatedAt: 6 }],
    drillCards: [answered.card],
    drillReviews: [answered.review],
  };
}

describe('JSON backup: round trips (property)', () => {
  it('a store of thousands of people survives export -> parse unchanged, and export is byte-stable', () => {
    fc.assert(
      fc.property(storeArb(1000, 2500), (data) => {
        const text = exportBackup(data, AT);
        const parsed = parseBackup(text);
        expect(sorted(parsed)).toEqual(sorted(data));
        expect(exportBackup(parsed, AT)).toBe(text);
      }),
      { numRuns: 3 },
    );
  });

  it('small stores round-trip too (many runs, for odd text)', () => {
    fc.assert(
      fc.property(storeArb(0, 8), (data) => {
        const text = exportBackup(data, AT);
        const parsed = parseBackup(text);
        expect(sorted(parsed)).toEqual(sorted(data));
        expect(exportBackup(parsed, AT)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('merging a backup into an empty store adds everything; merging it again changes nothing', () => {
    fc.assert(
      fc.property(storeArb(1000, 2000), (data) => {
        const parsed = parseBackup(exportBackup(data, AT));
        const first = mergeData(emptyStore(), parsed);
        expect(first.report.people).toEqual({ added: parsed.people.length, updated: 0, unchanged: 0 });
        expect(first.report.encounters).toEqual({ added: parsed.encounters.length, updated: 0, unchanged: 0 });
        expect(first.report.events).toEqual({ added: parsed.events.length, updated: 0, unchanged: 0 });
        expect(sorted(first.put)).toEqual(sorted(parsed));

        const again = mergeData(first.put, parseBackup(exportBackup(data, AT)));
        expect(again.report.people).toEqual({ added: 0, updated: 0, unchanged: parsed.people.length });
        expect(again.report.encounters).toEqual({ added: 0, updated: 0, unchanged: parsed.encounters.length });
        expect(again.report.events).toEqual({ added: 0, updated: 0, unchanged: parsed.events.length });
        expect(again.put).toEqual(emptyStore());
      }),
      { numRuns: 2 },
    );
  });
});

describe('JSON backup: layout', () => {
  it('writes format, version, exportedAt, records sorted by id in a fixed key order, one per line', () => {
    const data = small();
    data.people.reverse();
    const text = exportBackup(data, AT);
    const doc = JSON.parse(text);
    expect(doc.format).toBe(BACKUP_FORMAT);
    expect(doc.version).toBe(BACKUP_VERSION);
    expect(doc.exportedAt).toBe(AT);
    expect(doc.people.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
    expect(Object.keys(doc.people[1])).toEqual(['id', 'keys', 'urls', 'name', 'tags', 'followUp', 'notes', 'createdAt', 'updatedAt']);
    expect(Object.keys(doc.people[1].followUp)).toEqual(['due', 'cadenceDays', 'note']);
    // Derived fields are not written; they are recomputed on import.
    expect(doc.people[0].terms).toBeUndefined();
    expect(doc.people[0].sortName).toBeUndefined();
    expect(doc.people[0].hasPhoto).toBeUndefined();
    expect(doc.photos[0].dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(text.split('\n')[0]).toBe('{');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('recomputes derived fields instead of trusting the file', () => {
    const doc = JSON.parse(exportBackup(small(), AT));
    doc.people[0].terms = ['evil'];
    doc.people[0].sortName = 'zzz';
    doc.people[1].hasPhoto = true;
    const parsed = parseBackup(JSON.stringify(doc));
    expect(parsed.people[0].terms).toEqual(['grow', 'investor', 'anna', 'nowak', 'start', 'up', 'warsaw'].sort());
    expect(parsed.people[0].sortName).toBe('anna nowak');
    expect(parsed.people[0].hasPhoto).toBe(true);
    expect(parsed.people[1].hasPhoto).toBeUndefined();
  });

  it('keeps encounters whose person, event or introducer is not in the backup', () => {
    const data = small();
    data.encounters.push(encounter('e2', 'gone', { eventId: 'gone-event', introducedById: 'gone-too' }));
    const parsed = parseBackup(exportBackup(data, AT));
    expect(parsed.encounters.find((e) => e.id === 'e2')).toMatchObject({ personId: 'gone', eventId: 'gone-event' });
  });

  it('accepts a BOM, cleans and caps text, and fills missing optional lists', () => {
    const doc = JSON.parse(exportBackup(small(), AT));
    doc.people[0].name = '  Anna\u202e \u200bNowak  ' + 'x'.repeat(500);
    delete doc.events;
    delete doc.encounters;
    delete doc.photos;
    const parsed = parseBackup('\ufeff' + JSON.stringify(doc));
    expect(parsed.people[0].name).toHaveLength(200);
    expect(parsed.people[0].name.startsWith('Anna Nowak xxx')).toBe(true);
    expect(parsed.events).toEqual([]);
    expect(parsed.people[0].hasPhoto).toBeUndefined();
  });
});

describe('JSON backup: hand-made files', () => {
  it('reads a left-out or null field as none, and gives a person their empty lists, notes and follow-up', () => {
    const doc = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      people: [{ id: 'p1', keys: ['linkedin:anna'], name: 'Anna', headline: null, email: '', lastTouch: null, createdAt: 1, updatedAt: 2 }],
      encounters: null,
    };
    const { people, encounters, events, photos } = parseBackup(JSON.stringify(doc));
    expect(people).toEqual([{ id: 'p1', keys: ['linkedin:anna'], urls: {}, name: 'Anna', tags: [], notes: '', followUp: {}, terms: ['anna'], sortName: 'anna', createdAt: 1, updatedAt: 2 }]);
    expect(Object.keys(people[0])).not.toContain('headline');
    expect([encounters, events, photos]).toEqual([[], [], []]);
  });
});

describe('JSON backup: bad files', () => {
  const good = () => JSON.parse(exportBackup(small(), AT));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests break the document on purpose
  const bad = (mutate: (doc: any) => void) => {
    const doc = good();
    mutate(doc);
    return errorOf(() => parseBackup(JSON.stringify(doc))).message;
  };

  it('rejects an empty file', () => {
    expect(errorOf(() => parseBackup('')).message).toBe('The file is empty.');
    expect(errorOf(() => parseBackup(' \n\ufeff ')).message).toBe('The file is empty.');
  });

  it('rejects text that is not JSON', () => {
    const e = errorOf(() => parseBackup('First Name,Last Name\nAnna,Nowak'));
    expect(e.message).toBe('This is not a Kith backup: the file is not JSON.');
  });

  it('names the line of a JSON syntax error', () => {
    const lines = exportBackup(small(), AT).split('\n');
    lines[5] = lines[5].replace('"name"', 'name');
    const e = errorOf(() => parseBackup(lines.join('\n')));
    expect(e.line).toBe(6);
    expect(e.message).toBe('This backup is damaged: the JSON is broken on line 6.');
  });

  it('recognises a truncated file', () => {
    const text = exportBackup(small(), AT);
    for (const cut of [text.length - 3, Math.floor(text.length / 2), 40, 2]) {
      const e = errorOf(() => parseBackup(text.slice(0, cut)));
      expect(e.message).toMatch(/^This backup is cut short/);
    }
  });

  it("rejects another app's JSON", () => {
    expect(errorOf(() => parseBackup('{"people":[]}')).message).toMatch(/^This is not a Kith backup: it is JSON from another app/);
    expect(errorOf(() => parseBackup('[1,2]')).message).toMatch(/^This is not a Kith backup/);
    expect(errorOf(() => parseBackup('{"format":"monica-export","version":1}')).message).toBe(
      'This is not a Kith backup: it is JSON of another kind ("format": "monica-export").',
    );
  });

  it('asks for an update for a newer version', () => {
    expect(bad((d) => (d.version = 7))).toBe('This backup was made by a newer Kith (version 7); update Kith to import it.');
    expect(bad((d) => (d.version = '1'))).toMatch(/"version" is not a whole number/);
  });

  it('names the record, index and field of a wrong shape', () => {
    expect(bad((d) => (d.people[1].name = 42))).toBe('This backup cannot be imported: people[1].name must be text.');
    expect(bad((d) => (d.people[0].keys = 'linkedin:x'))).toMatch(/people\[0\]\.keys must be a list/);
    expect(bad((d) => (d.people[0].keys = ['no colon']))).toMatch(/people\[0\]\.keys\[0\] must be a profile key/);
    expect(bad((d) => (d.people[0].tags = ['ok', 3]))).toMatch(/people\[0\]\.tags\[1\] must be text/);
    expect(bad((d) => (d.people[0].urls = { myspace: 'https://x' }))).toMatch(/people\[0\]\.urls\.myspace is not a site/);
    expect(bad((d) => (d.people[0].urls.linkedin = 'javascript:alert(1)'))).toMatch(/people\[0\]\.urls\.linkedin must be a web address/);
    expect(bad((d) => (d.people[1].followUp.due = '2025-02-30'))).toMatch(/people\[1\]\.followUp\.due must be a day written YYYY-MM-DD/);
    expect(bad((d) => (d.people[1].followUp.cadenceDays = 1.5))).toMatch(/people\[1\]\.followUp\.cadenceDays must be a whole number/);
    expect(bad((d) => (d.people[1].followUp.cadenceDays = 3651))).toBe(
      'This backup cannot be imported: people[1].followUp.cadenceDays must be a whole number of days from 1 to 3650.',
    );
    expect(bad((d) => (d.people[1].followUp = []))).toBe('This backup cannot be imported: people[1].followUp must be an object.');
    expect(bad((d) => delete d.people[1].name)).toBe('This backup cannot be imported: people[1].name must be text.');
    expect(bad((d) => delete d.people)).toBe('This backup cannot be imported: "people" must be a list.');
    expect(bad((d) => (d.people[0].createdAt = '2024'))).toMatch(/people\[0\]\.createdAt must be a time/);
    expect(bad((d) => (d.people[0].id = ''))).toMatch(/people\[0\]\.id must be an id/);
    expect(bad((d) => (d.people[1] = null))).toBe('This backup cannot be imported: people[1] must be an object.');
    expect(bad((d) => (d.people = {}))).toMatch(/"people" must be a list/);
    expect(bad((d) => (d.encounters[0].date = 'June 2014'))).toMatch(/encounters\[0\]\.date must be a date written YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(bad((d) => (d.encounters[0].kind = 'telepathy'))).toMatch(/encounters\[0\]\.kind must be one of in-person, event/);
    expect(bad((d) => (d.events[0].start = '19 Jun 2024'))).toMatch(/events\[0\]\.start must be a day/);
    expect(bad((d) => (d.events[0].name = ['x']))).toMatch(/events\[0\]\.name must be text/);
  });

  it('checks ids are unique', () => {
    expect(bad((d) => (d.people[1].id = 'p1'))).toBe('This backup cannot be imported: people[1].id repeats people[0].id.');
    expect(bad((d) => d.encounters.push({ ...d.encounters[0] }))).toMatch(/encounters\[1\]\.id repeats encounters\[0\]\.id/);
    expect(bad((d) => d.photos.push({ ...d.photos[0] }))).toMatch(/photos\[1\]\.personId repeats photos\[0\]\.personId/);
  });

  it('carries voice notes and the drill, and checks them', () => {
    const parsed = parseBackup(exportBackup(small(), AT));
    expect(parsed.voiceNotes).toEqual(small().voiceNotes);
    expect(parsed.drillCards).toEqual([answered.card]);
    expect(parsed.drillReviews).toEqual([answered.review]);
    expect(bad((d) => (d.voiceNotes[0].dataUrl = 'data:image/png;base64,AAAA'))).toMatch(/voiceNotes\[0\]\.dataUrl must be a data: URL of WebM, Ogg or MP4 audio/);
    expect(bad((d) => (d.voiceNotes[0].dataUrl = 'data:audio/webm;base64,' + 'A'.repeat(170_000)))).toMatch(/voiceNotes\[0\]\.dataUrl is too long for a voice note/);
    expect(bad((d) => (d.voiceNotes[0].seconds = 600))).toMatch(/voiceNotes\[0\]\.seconds must be a number of seconds up to 10/);
    expect(bad((d) => d.voiceNotes.push({ ...d.voiceNotes[0] }))).toMatch(/voiceNotes\[1\]\.personId repeats voiceNotes\[0\]\.personId/);
    expect(bad((d) => (d.drillCards[0].state = 7))).toBe('This backup cannot be imported: drillCards[0] must be a drill card.');
    expect(bad((d) => (d.drillReviews[0].grade = 5))).toBe('This backup cannot be imported: drillReviews[0] must be a drill answer.');
    expect(bad((d) => d.drillReviews.push({ ...d.drillReviews[0] }))).toMatch(/drillReviews\[1\]\.id repeats drillReviews\[0\]\.id/);
    // A backup from before voice notes and the drill has none of these lists.
    expect(parseBackup('{"format":"kith-backup","version":1,"people":[]}')).toMatchObject({ voiceNotes: [], drillCards: [], drillReviews: [] });
  });

  it('checks photos are small JPEG, PNG or WebP data URLs', () => {
    expect(bad((d) => (d.photos[0].dataUrl = 'https://media.licdn.com/x.jpg'))).toMatch(/photos\[0\]\.dataUrl must be a data: URL/);
    expect(bad((d) => (d.photos[0].dataUrl = 'data:image/svg+xml;base64,PHN2Zz4='))).toMatch(/photos\[0\]\.dataUrl must be a data: URL/);
    expect(bad((d) => (d.photos[0].dataUrl = 'data:image/png;base64,' + 'A'.repeat(210_000)))).toMatch(/photos\[0\]\.dataUrl is too big/);
    expect(bad((d) => (d.photos[0].dataUrl = 'data:image/png;base64,!!!'))).toMatch(/photos\[0\]\.dataUrl must be a data: URL/);
  });
});
