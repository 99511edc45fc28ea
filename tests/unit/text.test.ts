import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanLine, cleanText, fold, initials, words } from '../../utils/text';

describe('text helpers', () => {
  it('folds diacritics for search', () => {
    expect(fold('Łukasz Żółć')).toBe('lukasz zolc');
    expect(words('Zoë O’Brien, Kraków')).toEqual(['zoe', 'o', 'brien', 'krakow']);
  });
  it('strips invisible and bidi characters and caps length', () => {
    expect(cleanLine('An\u202Ena\u200B  Nowak\n', 100)).toBe('Anna Nowak');
    expect(cleanLine('x'.repeat(500), 10)).toHaveLength(10);
    expect(cleanLine(42, 10)).toBe('');
  });
  it('makes initials', () => {
    expect(initials('anna maria nowak')).toBe('AN');
    expect(initials('  ')).toBe('?');
  });
});

// The plain definitions, without the fast paths text.ts takes for text that is already clean or ASCII.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const plain = {
  cleanLine: (v: unknown, cap: number) => (typeof v === 'string' ? v.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().slice(0, cap) : ''),
  cleanText: (v: unknown, cap: number) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').slice(0, cap) : ''),
  fold: (v: string) => v.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ß/g, 'ss').toLowerCase(),
  words: (v: string) => plain.fold(v).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0),
};

describe('fast paths (property)', () => {
  const tricky = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u200b', '\u202e', '\ufeff', '\u0000', '\u2028', 'a', 'Ż', 'ł', 'ß', '🚀', 'Zoë');
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(tricky, { maxLength: 12 }).map((a) => a.join('')), fc.string({ unit: 'binary' }));

  it('cleanLine and cleanText give exactly what the plain definitions give', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 20 }), (s, cap) => {
        expect(cleanLine(s, cap)).toBe(plain.cleanLine(s, cap));
        expect(cleanText(s, cap)).toBe(plain.cleanText(s, cap));
      }),
      { numRuns: 5000 },
    );
  });

  it('fold and words give exactly what the plain definitions give', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(fold(s)).toBe(plain.fold(s));
        expect(words(s)).toEqual(plain.words(s));
      }),
      { numRuns: 5000 },
    );
  });
});
