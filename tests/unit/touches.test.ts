/** What the encounters decide of a person after one is deleted or edited: the last touch and a cadence's due date. */
import { describe, expect, it } from 'vitest';
import { touchAfterChange } from '../../utils/derive';

const at = (...dates: string[]) => dates.map((date) => ({ date }));

describe('touchAfterChange', () => {
  it('deleting the latest touch takes the last touch back to the one before, and a cadence due with it', () => {
    const p = { lastTouch: '2026-06-19', followUp: { due: '2026-07-19', cadenceDays: 30, note: 'deck' } };
    expect(touchAfterChange(p, '2026-06-19', at('2026-05-01'))).toEqual({ lastTouch: '2026-05-01', followUp: { due: '2026-05-31', cadenceDays: 30, note: 'deck' } });
  });

  it('deleting the only touch leaves no last touch, and no due date its cadence made', () => {
    const p = { lastTouch: '2026-06-19', followUp: { due: '2026-07-19', cadenceDays: 30 } };
    expect(touchAfterChange(p, '2026-06-19', [])).toEqual({ followUp: { cadenceDays: 30 } });
  });

  it('keeps a due date the user set or snoozed, and any follow-up without a cadence', () => {
    expect(touchAfterChange({ lastTouch: '2026-06-19', followUp: { due: '2026-08-01', cadenceDays: 30 } }, '2026-06-19', at('2026-05-01'))).toEqual({
      lastTouch: '2026-05-01',
      followUp: { due: '2026-08-01', cadenceDays: 30 },
    });
    expect(touchAfterChange({ lastTouch: '2026-06-19', followUp: { due: '2026-06-21' } }, '2026-06-19', [])).toEqual({ followUp: { due: '2026-06-21' } });
  });

  it('deleting an older touch changes nothing', () => {
    const p = { lastTouch: '2026-06-19', followUp: { due: '2026-07-19', cadenceDays: 30 } };
    expect(touchAfterChange(p, '2026-05-01', at('2026-06-19'))).toEqual(p);
  });

  it('an edit moves the last touch (and the due date it made) either way', () => {
    const p = { lastTouch: '2026-06-19', followUp: { due: '2026-07-19', cadenceDays: 30 } };
    expect(touchAfterChange(p, '2026-06-19', at('2026-06-25', '2026-05-01'))).toEqual({ lastTouch: '2026-06-25', followUp: { due: '2026-07-25', cadenceDays: 30 } });
    expect(touchAfterChange(p, '2026-06-19', at('2026-06', '2026-05-01'))).toEqual({ lastTouch: '2026-06-30', followUp: { due: '2026-07-30', cadenceDays: 30 } });
    // An older encounter moved past the last touch becomes it.
    expect(touchAfterChange(p, '2026-05-01', at('2026-06-19', '2026-06-22'))).toEqual({ lastTouch: '2026-06-22', followUp: { due: '2026-07-22', cadenceDays: 30 } });
  });

  it('keeps a last touch later than every encounter when another encounter changed (an import set it)', () => {
    expect(touchAfterChange({ lastTouch: '2026-06-30', followUp: {} }, '2026-05-01', at('2026-06-01'))).toEqual({ lastTouch: '2026-06-30', followUp: {} });
    expect(touchAfterChange({ followUp: {} }, '2026-05-01', at('2026-06-01'))).toEqual({ lastTouch: '2026-06-01', followUp: {} });
  });
});
