import { describe, expect, it } from 'vitest';
import { summarizeQaWeeks, tally } from '@/lib/domain/qa-results';

describe('QA results', () => {
  it('tallies correct and wrong, with no accuracy when nothing was reviewed', () => {
    expect(tally([])).toEqual({ reviewed: 0, correct: 0, wrong: 0, accuracy: null });
    expect(tally([{ verdict: 'correct' }, { verdict: 'correct' }, { verdict: 'wrong' }, { verdict: 'correct' }])).toEqual({
      reviewed: 4,
      correct: 3,
      wrong: 1,
      accuracy: 0.75,
    });
  });

  it('summarises week by week, newest first, with a breakdown per kind', () => {
    const weeks = summarizeQaWeeks([
      { week: '2026-W47', kind: 'wismo_automation', verdict: 'correct' },
      { week: '2026-W48', kind: 'wismo_automation', verdict: 'correct' },
      { week: '2026-W48', kind: 'wismo_automation', verdict: 'wrong' },
      { week: '2026-W48', kind: 'suppression', verdict: 'correct' },
      { week: '2025-W52', kind: 'routing_false_positive', verdict: 'wrong' },
    ]);
    expect(weeks.map((w) => w.week)).toEqual(['2026-W48', '2026-W47', '2025-W52']);
    expect(weeks[0]).toMatchObject({ reviewed: 3, correct: 2, wrong: 1 });
    expect(weeks[0].accuracy).toBeCloseTo(2 / 3);
    expect(weeks[0].byKind.wismo_automation).toEqual({ reviewed: 2, correct: 1, wrong: 1, accuracy: 0.5 });
    expect(weeks[0].byKind.suppression.accuracy).toBe(1);
    expect(weeks[0].byKind.routing_false_positive.accuracy).toBeNull();
    expect(weeks[2].accuracy).toBe(0);
  });
});
