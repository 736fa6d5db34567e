// Week-by-week QA results: how many sampled items a lead checked and how many were right.

export const QA_KINDS = ['wismo_automation', 'routing_false_positive', 'suppression'] as const;
export type QaKind = (typeof QA_KINDS)[number];
export const QA_VERDICTS = ['correct', 'wrong'] as const;
export type QaVerdict = (typeof QA_VERDICTS)[number];

export const QA_KIND_LABELS: Record<QaKind, string> = {
  wismo_automation: 'Automated WISMO replies',
  routing_false_positive: 'Return and cancellation routing',
  suppression: 'Suppression entries and exits',
};

export interface QaReviewLike {
  week: string;
  kind: string;
  verdict: string;
}

export interface QaTally {
  reviewed: number;
  correct: number;
  wrong: number;
  accuracy: number | null; // correct / reviewed; null when nothing was reviewed
}

export interface QaWeekSummary extends QaTally {
  week: string;
  byKind: Record<QaKind, QaTally>;
}

export function tally(reviews: readonly { verdict: string }[]): QaTally {
  const correct = reviews.filter((r) => r.verdict === 'correct').length;
  const wrong = reviews.filter((r) => r.verdict === 'wrong').length;
  const reviewed = correct + wrong;
  return { reviewed, correct, wrong, accuracy: reviewed === 0 ? null : correct / reviewed };
}

/** One row per week that has reviews, newest week first. */
export function summarizeQaWeeks(reviews: readonly QaReviewLike[]): QaWeekSummary[] {
  const byWeek = new Map<string, QaReviewLike[]>();
  for (const r of reviews) byWeek.set(r.week, [...(byWeek.get(r.week) ?? []), r]);
  return [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([week, rows]) => ({
      week,
      ...tally(rows),
      byKind: Object.fromEntries(QA_KINDS.map((k) => [k, tally(rows.filter((r) => r.kind === k))])) as Record<QaKind, QaTally>,
    }));
}
