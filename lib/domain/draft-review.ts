import { measureDraftEdit } from './edit-distance';
import { median, rate } from './kpis';

// The lead's view of drafts: what the AI (or a template) wrote next to what the agent sent.
//
// Acceptance, one definition everywhere (list, per-intent and per-version rates, KPIs): a draft is
// ACCEPTED when the agent sent it essentially unedited, i.e. measureDraftEdit(draft, sent).unedited:
// word-level similarity 1 − editDistance / max(draft words, sent words) is at least 95%. Sending
// "Thanks!" on top of a 40-word draft still counts; rewriting a sentence doesn't. It is computed
// from the texts, never from stored columns, so old rows and new rows are judged the same way.

export const ACCEPTANCE_DEFINITION =
  'Accepted = sent essentially unedited: at least 95% word-level similarity between the draft and the reply the agent sent (1 − word edits ÷ the longer text’s word count).';

export function isAccepted(draft: string, sent: string): boolean {
  return measureDraftEdit(draft, sent).unedited;
}

export interface SentDraft {
  id: number;
  shopId: string;
  ticketId: string;
  intent: string | null;
  source: string; // model | template
  promptVersion: string | null;
  templateId: string | null;
  sentBy: string | null;
  output: string;
  sentText: string;
  sentAt: Date | null;
  createdAt: Date;
  teach: boolean;
}

export interface ReviewItem extends SentDraft {
  version: string;
  editDistance: number;
  keptRatio: number;
  accepted: boolean;
}

/** What produced a draft: "template:<id>" for templates, the prompt version for the model. */
export function versionLabel(d: { source: string; promptVersion: string | null; templateId: string | null }): string {
  if (d.source === 'template') return `template:${d.templateId ?? 'unknown'}`;
  return d.promptVersion ?? 'unversioned';
}

export type VersionFilter = { templateId: string } | { promptVersion: string };

export function parseVersionLabel(label: string): VersionFilter {
  return label.startsWith('template:') ? { templateId: label.slice('template:'.length) } : { promptVersion: label };
}

export function toReviewItem(d: SentDraft): ReviewItem {
  const edit = measureDraftEdit(d.output, d.sentText);
  return { ...d, version: versionLabel(d), editDistance: edit.editDistance, keptRatio: edit.keptRatio, accepted: edit.unedited };
}

export const REVIEW_SORTS = {
  most_edited: 'Most edited first',
  least_edited: 'Least edited first',
  least_kept: 'Least of the draft kept first',
  most_kept: 'Most of the draft kept first',
  newest: 'Newest first',
  oldest: 'Oldest first',
} as const;
export type ReviewSort = keyof typeof REVIEW_SORTS;

const sentTime = (i: ReviewItem) => (i.sentAt ?? i.createdAt).getTime();

export function sortReviewItems<T extends ReviewItem>(items: readonly T[], sort: ReviewSort): T[] {
  const cmp: Record<ReviewSort, (a: ReviewItem, b: ReviewItem) => number> = {
    most_edited: (a, b) => b.editDistance - a.editDistance || a.keptRatio - b.keptRatio,
    least_edited: (a, b) => a.editDistance - b.editDistance || b.keptRatio - a.keptRatio,
    least_kept: (a, b) => a.keptRatio - b.keptRatio || b.editDistance - a.editDistance,
    most_kept: (a, b) => b.keptRatio - a.keptRatio || a.editDistance - b.editDistance,
    newest: (a, b) => sentTime(b) - sentTime(a),
    oldest: (a, b) => sentTime(a) - sentTime(b),
  };
  // Ties: newest first, then id, so pages never shuffle between loads.
  return [...items].sort((a, b) => cmp[sort](a, b) || sentTime(b) - sentTime(a) || b.id - a.id);
}

export interface AcceptanceRow {
  key: string;
  total: number;
  accepted: number; // sent unchanged or lightly edited (the acceptance rule above)
  unchanged: number; // sent word for word (no word edits)
  rate: number | null;
  medianKept: number | null;
  medianEdits: number | null;
}

export function acceptance(items: readonly ReviewItem[], key = 'all'): AcceptanceRow {
  const accepted = items.filter((i) => i.accepted).length;
  return {
    key,
    total: items.length,
    accepted,
    unchanged: items.filter((i) => i.editDistance === 0).length,
    rate: rate(accepted, items.length),
    medianKept: median(items.map((i) => i.keptRatio)),
    medianEdits: median(items.map((i) => i.editDistance)),
  };
}

/** Acceptance per group (intent, version, agent...), largest groups first. */
export function acceptanceBy(items: readonly ReviewItem[], keyOf: (i: ReviewItem) => string): AcceptanceRow[] {
  const groups = new Map<string, ReviewItem[]>();
  for (const i of items) groups.set(keyOf(i), [...(groups.get(keyOf(i)) ?? []), i]);
  return [...groups.entries()].map(([k, rows]) => acceptance(rows, k)).sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}

export function paginate<T>(
  items: readonly T[],
  page: number,
  pageSize: number,
): { rows: T[]; page: number; pages: number; total: number } {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: items.slice((p - 1) * pageSize, p * pageSize), page: p, pages, total: items.length };
}
