import { describe, expect, it } from 'vitest';
import { cleanLine, fold, initials, words } from '../../utils/text';

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
