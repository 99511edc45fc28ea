import { describe, expect, it } from 'vitest';
import { earlierEditions, isTagFor, refresherDeck, seriesName, type RefresherEncounter, type RefresherEvent, type RefresherPerson } from '../../../utils/drill/refresher';

const ev = (id: string, name: string, start?: string, mergedNames?: string[]): RefresherEvent => ({ id, name, ...(start ? { start } : {}), ...(mergedNames ? { mergedNames } : {}) });
const person = (id: string, name: string, tags: string[] = [], hasPhoto = true): RefresherPerson => ({ id, name, tags, hasPhoto });
const met = (personId: string, eventId: string, date: string, introducedById?: string): RefresherEncounter => ({ personId, eventId, date, ...(introducedById ? { introducedById } : {}) });

describe('event series', () => {
  it('sees through years, short years, edition numbers and months', () => {
    const key = (n: string) => seriesName(n).key;
    expect(key('Grow Up Start Up 2026')).toBe('growupstartup');
    expect(key('Grow Up Start Up 2025')).toBe('growupstartup');
    expect(key('grow-up start-up')).toBe('growupstartup');
    expect(key("GUSU '24")).toBe('gusu');
    expect(key('GUSU ’24')).toBe('gusu');
    expect(key('Warsaw JS #41')).toBe('warsawjs');
    expect(key('41. Warsaw JS')).toBe('warsawjs');
    expect(key('Infoshare 2025/26')).toBe('infoshare');
    expect(key('PyCon PL XII')).toBe('pyconpl');
    expect(key('Founders Breakfast, 5th edition')).toBe('foundersbreakfast');
    expect(key('Founders Breakfast March 2025')).toBe('foundersbreakfast');
    expect(key('Wolves Summit — Edycja 12')).toBe('wolvessummit');
    expect(key('Śniadanie Założycieli 2024')).toBe('sniadaniezalozycieli');
    // A number inside a name is part of it; an event named only by a year keeps it.
    expect(key('Web 3 Summit 2025')).toBe('web3summit');
    expect(key('2025')).toBe('2025');
    // A month is an edition only beside a year: "May" alone may be the name.
    expect(key('Meet May')).toBe('meetmay');
    expect(seriesName('Grow Up Start Up 2026').initials).toBe('gusu');
    expect(seriesName('Web Summit').initials).toBeUndefined();
  });

  it('finds the earlier editions of an event, by name, initials and merged names', () => {
    const now = ev('e26', 'Grow Up Start Up 2026', '2026-06-19');
    const events = [
      now,
      ev('e25', 'Grow Up Start Up 2025', '2025-06-20'),
      ev('e24', "GUSU '24"),
      ev('e23', 'Startup Fair 2023', '2023-05-01', ['GUSU 2023']),
      ev('e22', 'Something else 2022', '2022-06-01'),
      ev('e27', 'Grow Up Start Up 2027', '2027-06-18'),
      ev('ex', 'Grow Up Start Up'),
    ];
    expect(earlierEditions(now, events).map((e) => e.id)).toEqual(['e25', 'e24', 'e23', 'ex']);
    // An event's own merged names find editions by their names too.
    const renamed = ev('r', 'Warsaw Founders Day 2026', '2026-06-19', ['Grow Up Start Up 2026']);
    expect(earlierEditions(renamed, events).map((e) => e.id)).toEqual(['e25', 'e24', 'e23', 'ex']);
    // Without a date of its own, a year in the name decides.
    expect(earlierEditions(ev('n', 'GUSU 2025'), events).map((e) => e.id)).toEqual(['e25', 'e24', 'e23', 'ex']);
  });

  it('takes a tag of the event’s name, with or without the year, as a tag for it', () => {
    const event = ev('e', 'Grow Up Start Up 2026', '2026-06-19', ['Kraków Startup Night']);
    for (const tag of ['Grow Up Start Up 2026', 'grow up start up', 'growupstartup', 'GUSU', 'gusu 2026', 'krakow-startup-night']) expect(isTagFor(tag, event)).toBe(true);
    for (const tag of ['startup', 'gu', '2026', 'investor', 'grow up']) expect(isTagFor(tag, event)).toBe(false);
  });
});

describe('refresher deck', () => {
  const event = ev('e26', 'Grow Up Start Up 2026', '2026-06-19', ['GUSU Warsaw 2026']);
  const events = [event, ev('e25', 'Grow Up Start Up 2025', '2025-06-20'), ev('e24', "GUSU '24"), ev('w', 'GUSU Warsaw 2025'), ev('other', 'Web Summit 2025', '2025-11-10')];
  const people = [
    person('anna', 'Anna Nowak'),
    person('bart', 'Bartosz Wiśniewski'),
    person('cezary', 'Cezary Zieliński', [], false),
    person('dorota', 'Dorota Kamińska', ['GUSU']),
    person('ewa', 'Ewa Lewandowska', ['grow up start up 2026', 'investor']),
    person('filip', 'Filip Wójcik'),
    person('gosia', 'Małgorzata Kowalczyk'),
    person('henryk', 'Henryk Mazur'),
    person('igor', 'Igor Krawczyk', ['web summit']),
  ];
  const encounters = [
    met('anna', 'e25', '2025-06-20', 'filip'),
    met('bart', 'e24', '2024-06-14', 'filip'),
    met('cezary', 'w', '2025-03-02'),
    met('anna', 'e24', '2024-06-14'),
    met('gosia', 'e26', '2026-06-19'),
    met('igor', 'other', '2025-11-10', 'henryk'),
    { personId: 'ewa', date: '2025-01-10', introducedById: 'henryk' },
    { personId: 'dorota', date: '2025-02-01', introducedByName: 'someone' } as RefresherEncounter,
  ];

  it('takes the people met here and at earlier editions, then the tagged, then who introduced them', () => {
    const deck = refresherDeck({ event, events, encounters, people });
    expect(deck.map((c) => [c.personId, c.reason])).toEqual([
      ['gosia', 'this-event'],
      ['anna', 'earlier-edition'],
      ['cezary', 'earlier-edition'],
      ['bart', 'earlier-edition'],
      ['dorota', 'tagged'],
      ['ewa', 'tagged'],
      ['filip', 'introducer'],
      ['henryk', 'introducer'],
    ]);
    expect(deck.find((c) => c.personId === 'anna')).toMatchObject({ eventId: 'e25', direction: 'face-to-name' });
    expect(deck.find((c) => c.personId === 'cezary')).toMatchObject({ eventId: 'w', direction: 'name-to-context' });
    expect(deck.find((c) => c.personId === 'filip')!.introduced).toEqual(['anna', 'bart']);
    // Henryk introduced Ewa (tagged) somewhere else, and Igor at another event: only Ewa counts here.
    expect(deck.find((c) => c.personId === 'henryk')!.introduced).toEqual(['ewa']);
  });

  it('is the same whatever order its input comes in, and stops at the limit', () => {
    const deck = refresherDeck({ event, events, encounters, people });
    const shuffled = refresherDeck({ event, events: [...events].reverse(), encounters: [...encounters].reverse(), people: [...people].reverse() });
    expect(shuffled).toEqual(deck);
    expect(refresherDeck({ event, events, encounters, people, limit: 3 })).toEqual(deck.slice(0, 3));
  });

  it('keeps the default deck short', () => {
    const many = Array.from({ length: 120 }, (_, i) => person(`p${i}`, `Person ${i}`));
    const at = many.map((p, i) => met(p.id, 'e25', `2025-06-${String(1 + (i % 28)).padStart(2, '0')}`));
    expect(refresherDeck({ event, events, encounters: at, people: many })).toHaveLength(50);
  });

  it('leaves out encounters of people no longer saved and self-introductions', () => {
    const deck = refresherDeck({ event, events, encounters: [met('gone', 'e25', '2025-06-20', 'anna'), met('bart', 'e25', '2025-06-20', 'bart')], people });
    expect(deck.map((c) => c.personId)).toEqual(['bart', 'dorota', 'ewa']);
  });
});
