import { describe, expect, it } from 'vitest';
import { diffWords, measureDraftEdit, tokenize, wordEditDistance } from '@/lib/domain/edit-distance';

describe('draft edit measures', () => {
  it('counts word edits', () => {
    expect(wordEditDistance(tokenize('a b c'), tokenize('a b c'))).toBe(0);
    expect(wordEditDistance(tokenize('a b c'), tokenize('a x c'))).toBe(1);
    expect(wordEditDistance(tokenize('a b c'), tokenize('a c'))).toBe(1);
    expect(wordEditDistance([], tokenize('a b'))).toBe(2);
  });

  it('an unchanged draft is unedited and fully kept', () => {
    const m = measureDraftEdit('Hi Jane, your parcel is on its way.', 'Hi Jane, your parcel is on its way.');
    expect(m).toEqual({ editDistance: 0, keptRatio: 1, unedited: true });
  });

  it('a rewritten draft keeps little and is not unedited', () => {
    const m = measureDraftEdit('Hi Jane, your parcel is on its way with UPS.', 'Hello, we are sorry: a refund was issued today.');
    expect(m.unedited).toBe(false);
    expect(m.keptRatio).toBeLessThan(0.3);
    expect(m.editDistance).toBeGreaterThan(5);
  });

  it('appending a sentence keeps the whole draft but counts the additions', () => {
    const m = measureDraftEdit('Your parcel is on its way.', 'Your parcel is on its way. Thanks for your patience!');
    expect(m.keptRatio).toBe(1);
    expect(m.editDistance).toBe(5);
  });

  it('diffs words for the review page', () => {
    const parts = diffWords('ships on Monday', 'ships on Tuesday');
    expect(parts).toEqual([
      { op: 'same', text: 'ships on ' },
      { op: 'removed', text: 'Monday' },
      { op: 'added', text: 'Tuesday' },
    ]);
    expect(diffWords('', 'new').map((p) => p.op)).toContain('added');
  });
});
