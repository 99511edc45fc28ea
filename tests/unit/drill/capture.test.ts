import { describe, expect, it } from 'vitest';
import { captureCandidates, captureMatch, isCaptured, type CaptureSubject } from '../../../utils/drill/capture';

const captured = (id: string, name: string, createdAt = 0): CaptureSubject => ({ id, name, keys: [], createdAt });

describe('matching captured people to a profile', () => {
  it('knows a captured person by having no profile key', () => {
    expect(isCaptured({ keys: [] })).toBe(true);
    expect(isCaptured({ keys: ['linkedin:anna'] })).toBe(false);
  });

  it('matches folded and forgiving: diacritics, case, middle names, order, a typo', () => {
    expect(captureMatch('agnieszka wisniewska', 'Agnieszka Wiśniewska')).toEqual({ reason: 'same-name', score: 100 });
    expect(captureMatch('LUKASZ NOWAK', 'Łukasz Nowak')?.reason).toBe('same-name');
    expect(captureMatch('Wiśniewska Agnieszka', 'Agnieszka Wiśniewska')?.reason).toBe('reordered');
    expect(captureMatch('Anna Nowak', 'Anna Maria Nowak')?.reason).toBe('middle-name');
    expect(captureMatch('Anna Maria Nowak', 'Anna Nowak')?.reason).toBe('middle-name');
    expect(captureMatch('Agnieszka Wisniewka', 'Agnieszka Wiśniewska')).toEqual({ reason: 'typo', score: 70 });
    expect(captureMatch('Anna Nowak', 'Dr. Anna Nowak, PhD')?.reason).toBe('same-name');
  });

  it('matches what was caught at the event: a first name, a surname, a first name and an initial', () => {
    expect(captureMatch('Agnieszka', 'Agnieszka Wiśniewska')).toEqual({ reason: 'first-name', score: 50 });
    expect(captureMatch('Agniezska', 'Agnieszka Wiśniewska')).toEqual({ reason: 'first-name', score: 45 });
    expect(captureMatch('Wiśniewska', 'Agnieszka Wiśniewska')?.reason).toBe('last-name');
    expect(captureMatch('Agnieszka W.', 'Agnieszka Wiśniewska')?.reason).toBe('initial');
    // The other way round: the profile shows only an initial.
    expect(captureMatch('Agnieszka Wiśniewska', 'Agnieszka W.')?.reason).toBe('initial');
    expect(captureMatch('Maria', 'Anna Maria Nowak')?.reason).toBe('part-of-name');
  });

  it('does not match other people', () => {
    expect(captureMatch('Agnieszka Kowalska', 'Agnieszka Wiśniewska')).toBeNull();
    expect(captureMatch('Anna', 'Hanna Nowak')?.reason).toBe('first-name'); // a typo away: offered, less sure
    expect(captureMatch('Jo', 'Bo Li')).toBeNull();
    expect(captureMatch('', 'Anna Nowak')).toBeNull();
  });

  it('ranks the candidates surest first, then the most recently captured, and only captured people', () => {
    const people = [
      captured('first-old', 'Agnieszka', 1),
      captured('first-new', 'agnieszka', 5),
      captured('typo', 'Agnieszka Wisniewka', 2),
      captured('same', 'Agnieszka Wisniewska', 3),
      captured('other', 'Piotr Zieliński', 9),
      { id: 'saved', name: 'Agnieszka Wiśniewska', keys: ['linkedin:agnieszka'], createdAt: 9 },
    ];
    expect(captureCandidates('Agnieszka Wiśniewska', people, { limit: 10 }).map((c) => [c.personId, c.reason])).toEqual([
      ['same', 'same-name'],
      ['typo', 'typo'],
      ['first-new', 'first-name'],
      ['first-old', 'first-name'],
    ]);
    expect(captureCandidates('Agnieszka Wiśniewska', people).map((c) => c.personId)).toEqual(['same', 'typo', 'first-new']);
    expect(captureCandidates('Agnieszka Wiśniewska', people, { exceptId: 'same', limit: 1 }).map((c) => c.personId)).toEqual(['typo']);
    expect(captureCandidates('Agnieszka Wiśniewska', [...people].reverse(), { limit: 10 })).toEqual(captureCandidates('Agnieszka Wiśniewska', people, { limit: 10 }));
  });

  it('serves a search by name the same way', () => {
    const people = [captured('a', 'Łukasz Nowak'), captured('b', 'Łucja Nowak')];
    expect(captureCandidates('lukasz', people).map((c) => [c.personId, c.reason])).toEqual([['a', 'first-name']]);
  });
});
