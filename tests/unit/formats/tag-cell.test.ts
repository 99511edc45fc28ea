/** The CSV's Tags cell (utils/formats/tag-cell.ts); csv.test.ts reads it back through a whole file. */
import { describe, expect, it } from 'vitest';
import { formatTagCell, parseTagCell } from '../../../utils/formats/tag-cell';

describe('the Tags cell', () => {
  it('writes tags so that each one can be read back, whatever it holds', () => {
    expect(formatTagCell([])).toBe('');
    expect(formatTagCell(['vc', 'warsaw 2024'])).toBe('vc, warsaw 2024');
    const tricky = ['a; b', 'a, b', 'say "hi"', ' padded', '=SUM(A1)', ''];
    expect(formatTagCell(tricky)).toBe('a; b, "a, b", "say ""hi""", " padded", "=SUM(A1)", ""');
    expect(parseTagCell(formatTagCell(tricky))).toEqual(tricky);
    // A cell edited by hand: spaces around the commas and empty items are dropped.
    expect(parseTagCell(' vc ,warsaw,, ')).toEqual(['vc', 'warsaw']);
    expect(parseTagCell('')).toEqual([]);
  });
});
