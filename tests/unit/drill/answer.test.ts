import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gradeAnswer } from '../../../utils/drill/answer';
import { compareNames, foldName, nameSpellings, typoDistance, typosAllowed } from '../../../utils/drill/names';
import { GRADES, gradeForKey, verdictOfGrade } from '../../../utils/drill/grades';

const verdict = (typed: string, name: string) => gradeAnswer(typed, name).verdict;

describe('answer matching', () => {
  it('takes the exact full name as right, suggesting Good', () => {
    expect(gradeAnswer('Łukasz Nowak', 'Łukasz Nowak')).toEqual({ verdict: 'right', suggestedGrade: GRADES.good, match: 'same' });
  });

  it('forgives accents and diacritics, including the letters NFD keeps (ł, ß, ø, æ)', () => {
    expect(gradeAnswer('Lukasz Nowak', 'Łukasz Nowak').verdict).toBe('right');
    expect(verdict('lukasz zolc', 'Łukasz Żółć')).toBe('right');
    expect(verdict('Strasse', 'Straße')).toBe('right');
    expect(verdict('Soren Ostergaard', 'Søren Østergaard')).toBe('right');
    expect(verdict('Aeschylus', 'Æschylus')).toBe('right');
    expect(verdict('Dorthe', 'Đorthe')).toBe('right');
    expect(verdict('Jose Garcia', 'José García')).toBe('right');
    expect(verdict('Zoe', 'Zoë')).toBe('right');
  });

  it('takes umlauts written out as right (Müller = Mueller), both ways', () => {
    expect(verdict('Jürgen Mueller', 'Jürgen Müller')).toBe('right');
    expect(verdict('Juergen Müller', 'Jurgen Muller')).toBe('almost'); // a typo away, not a known spelling of "Muller"
    expect(verdict('Jurgen Muller', 'Jürgen Müller')).toBe('right');
    expect(verdict('Juergen Mueller', 'Ju\u0308rgen Mu\u0308ller')).toBe('right'); // decomposed umlauts
    expect(verdict('Soeren Oestergaard', 'Søren Østergaard')).toBe('right');
  });

  it('ignores case, extra spaces and punctuation, and how a name is joined', () => {
    expect(verdict('  anna   NOWAK. ', 'Anna Nowak')).toBe('right');
    expect(verdict("Sean O'Brien", 'Seán O’Brien')).toBe('right');
    expect(verdict('sean obrien', 'Seán O’Brien')).toBe('right');
    expect(verdict('Jean Pierre Dupont', 'Jean-Pierre Dupont')).toBe('right');
    expect(verdict('Jeanpierre Dupont', 'Jean-Pierre Dupont')).toBe('right');
  });

  it('takes the words in another order, or without middle names, as right', () => {
    expect(gradeAnswer('Nowak Anna', 'Anna Nowak').match).toBe('reordered');
    expect(verdict('Nowak Anna', 'Anna Nowak')).toBe('right');
    expect(gradeAnswer('Anna Nowak', 'Anna Maria Nowak').match).toBe('middle');
    expect(verdict('Maria Nowak', 'Anna Maria Nowak')).toBe('right');
    expect(verdict('Anna Nowak', 'Anna Nowak-Kowalska')).toBe('right');
    expect(verdict('Anna Maria Nowak', 'Anna Nowak')).toBe('right');
  });

  it('leaves out titles, credentials, pronouns and what follows a comma or bar on a profile', () => {
    expect(verdict('Anna Nowak', 'Dr. Anna Nowak')).toBe('right');
    expect(verdict('Anna Nowak', 'prof. dr hab. Anna Nowak')).toBe('right');
    expect(verdict('Anna Nowak', 'Anna Nowak, PhD, MBA')).toBe('right');
    expect(verdict('Anna Nowak', 'Anna Nowak PhD')).toBe('right');
    expect(verdict('Anna Nowak', 'Anna Nowak (she/her)')).toBe('right');
    expect(verdict('Anna Nowak', 'Anna Nowak 🚀 | Founder at Acme')).toBe('right');
    expect(verdict('Anna Nowak', 'Anna Nowak - Founder')).toBe('right');
  });

  it('grades the first name alone as almost, suggesting Hard', () => {
    expect(gradeAnswer('Łukasz', 'Łukasz Nowak')).toEqual({ verdict: 'almost', suggestedGrade: GRADES.hard, match: 'first' });
    expect(gradeAnswer('lukasz', 'Łukasz Nowak').verdict).toBe('almost');
    expect(gradeAnswer('Anna Maria', 'Anna Maria Nowak').match).toBe('first');
    expect(gradeAnswer('Jean', 'Jean-Pierre Dupont').match).toBe('first');
    // A one-word name is the whole name.
    expect(verdict('madonna', 'Madonna')).toBe('right');
  });

  it('grades the surname alone, a middle name alone, and "first name + initial" as almost', () => {
    expect(gradeAnswer('Nowak', 'Łukasz Nowak').match).toBe('last');
    expect(gradeAnswer('Nowak Kowalska', 'Anna Nowak-Kowalska').match).toBe('last');
    expect(gradeAnswer('Maria', 'Anna Maria Nowak').match).toBe('part');
    expect(gradeAnswer('Anna N.', 'Anna Nowak')).toMatchObject({ verdict: 'almost', match: 'initial' });
    expect(gradeAnswer('A. Nowak', 'Anna Nowak')).toMatchObject({ verdict: 'almost', match: 'initial' });
    expect(verdict('Anna K.', 'Anna Nowak')).toBe('wrong');
    expect(verdict('A. N.', 'Anna Nowak')).toBe('wrong');
  });

  it('grades small typos as almost, with more allowed in longer names', () => {
    expect(gradeAnswer('Lukas Nowak', 'Łukasz Nowak')).toMatchObject({ verdict: 'almost', match: 'typo' });
    expect(verdict('Lukasz Nowka', 'Łukasz Nowak')).toBe('almost'); // two letters swapped
    expect(verdict('Lukasz Nowal', 'Łukasz Nowak')).toBe('almost');
    expect(verdict('Lukas', 'Łukasz Nowak')).toBe('almost'); // first name with a typo
    expect(verdict('Agnieska Wisniewska', 'Agnieszka Wiśniewska')).toBe('almost');
    expect(verdict('Annan Owak', 'Anna Nowak')).toBe('right'); // only the space moved
    expect(verdict('Annan Owal', 'Anna Nowak')).toBe('almost'); // ...and a typo
    expect(verdict('Madona', 'Madonna')).toBe('almost');
    // Too far to be a slip.
    expect(verdict('Lucas Nowicki', 'Łukasz Nowak')).toBe('wrong');
    // Short names allow none: Jo and Bo are different people.
    expect(verdict('Bo', 'Jo')).toBe('wrong');
    expect(verdict('Ann Li', 'Ann Lu')).toBe('wrong');
  });

  it('grades another name, a wrong surname, extra words and an empty answer as wrong, suggesting Again', () => {
    expect(gradeAnswer('Piotr Zieliński', 'Łukasz Nowak')).toEqual({ verdict: 'wrong', suggestedGrade: GRADES.again, match: 'none' });
    expect(verdict('Anna Kowalska', 'Anna Nowak')).toBe('wrong');
    expect(verdict('Anna Nowak from Acme', 'Anna Nowak')).toBe('wrong');
    expect(verdict('', 'Anna Nowak')).toBe('wrong');
    expect(verdict('  ?! ', 'Anna Nowak')).toBe('wrong');
    expect(verdict('Anna', '')).toBe('wrong');
  });

  it('never grades a name against itself as less than right, whatever the name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (name) => {
        const hasWord = nameSpellings(name)[0]!.words.length > 0;
        expect(verdict(name, name)).toBe(hasWord ? 'right' : 'wrong');
      }),
    );
  });
});

describe('name helpers', () => {
  it('folds the letters NFD leaves alone', () => {
    expect(foldName('Łukasz Ærø ẞ Þór')).toBe('lukasz aero ss thor');
  });

  it('measures typos as Damerau-Levenshtein distance, stopping past the bound', () => {
    expect(typoDistance('nowak', 'nowak', 1)).toBe(0);
    expect(typoDistance('nowak', 'nowka', 1)).toBe(1);
    expect(typoDistance('nowak', 'nowa', 1)).toBe(1);
    expect(typoDistance('nowak', 'xnowak', 1)).toBe(1);
    expect(typoDistance('kitten', 'sitting', 5)).toBe(3);
    expect(typoDistance('kitten', 'sitting', 1)).toBe(2);
    expect(typoDistance('ca', 'abc', 5)).toBe(3); // optimal string alignment, not unrestricted
    expect(typoDistance('', 'abc', 5)).toBe(3);
  });

  it('agrees with a plain full-table distance (property)', () => {
    const plain = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(typoDistance(a, b, max)).toBe(Math.min(plain(a, b), max + 1));
      }),
    );
  });

  it('allows no typo in short words and more in long names', () => {
    expect([2, 3, 4, 7, 8, 12, 13, 30].map(typosAllowed)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('tells a second surname from a middle name by the parts of the name', () => {
    expect(nameSpellings('Anna Nowak-Kowalska')).toEqual([{ words: ['anna', 'nowak', 'kowalska'], parts: [0, 1, 1] }]);
    expect(compareNames('Anna Kowalska', 'Anna Nowak-Kowalska').kind).toBe('middle');
  });
});

describe('grades', () => {
  it('maps the keys 1-4 to Again, Hard, Good, Easy and nothing else', () => {
    expect(['1', '2', '3', '4'].map(gradeForKey)).toEqual([GRADES.again, GRADES.hard, GRADES.good, GRADES.easy]);
    expect(['0', '5', 'a', 'Enter', ' '].map(gradeForKey)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  it('reads a self-grade as a verdict for the history', () => {
    expect([GRADES.again, GRADES.hard, GRADES.good, GRADES.easy].map(verdictOfGrade)).toEqual(['wrong', 'almost', 'right', 'right']);
  });
});
