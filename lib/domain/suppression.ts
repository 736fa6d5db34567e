import type { IssueKind, IssueRecord } from './issues';

// Whether a customer should be kept out of promos and review requests, derived from their open
// issues and any agent override. Klaviyo consent is never touched: Concord sets profile properties
// that segments and flow filters read.

export interface SuppressionOverride {
  mode: 'suppress' | 'release';
  reason: string;
  expiresAt: Date | null;
  createdAt: Date;
  actor: string;
}

export interface SuppressionState {
  suppressed: boolean;
  because: string[];
  openIssues: { key: string; kind: IssueKind; openedAt: Date | null; reason: string }[];
  override: SuppressionOverride | null; // the active one
  openedAt: Date | null; // earliest open issue
  resolvedAt: Date | null; // latest resolution, when nothing is open
}

function activeOverride(overrides: SuppressionOverride[], now: Date): SuppressionOverride | null {
  const live = overrides.filter((o) => o.expiresAt === null || o.expiresAt > now);
  return live.reduce<SuppressionOverride | null>((a, o) => (!a || o.createdAt > a.createdAt ? o : a), null);
}

/** The newest live override wins over the issues; otherwise suppressed while any issue is open. */
export function deriveSuppression(input: { issues: IssueRecord[]; overrides: SuppressionOverride[]; now: Date }): SuppressionState {
  const open = input.issues.filter((i) => i.status === 'open');
  const override = activeOverride(input.overrides, input.now);
  const openIssues = open.map((i) => ({ key: i.key, kind: i.kind, openedAt: i.openedAt, reason: i.reason }));
  const openedAt = open.reduce<Date | null>((a, i) => (i.openedAt && (!a || i.openedAt < a) ? i.openedAt : a), null);
  const resolvedAt = open.length
    ? null
    : input.issues.reduce<Date | null>((a, i) => (i.resolvedAt && (!a || i.resolvedAt > a) ? i.resolvedAt : a), null);
  const issueReasons = open.map((i) => `open ${i.kind.replace(/_/g, ' ')} issue: ${i.reason}`);
  const until = override?.expiresAt ? ` until ${override.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  if (override?.mode === 'suppress') {
    return {
      suppressed: true,
      because: [`suppressed by ${override.actor}${until}: ${override.reason}`, ...issueReasons],
      openIssues,
      override,
      openedAt,
      resolvedAt,
    };
  }
  if (override?.mode === 'release') {
    return {
      suppressed: false,
      because: [`released by ${override.actor}${until}: ${override.reason}`],
      openIssues,
      override,
      openedAt,
      resolvedAt,
    };
  }
  return { suppressed: open.length > 0, because: issueReasons, openIssues, override: null, openedAt, resolvedAt };
}

/** The profile properties Concord owns in Klaviyo; the setup page lists them for segments and flow filters. */
export const KLAVIYO_PROPERTIES: { name: string; type: string; meaning: string }[] = [
  {
    name: 'concord_active_issue',
    type: 'boolean',
    meaning: 'true while the customer has an open issue or a suppress override: exclude from promos and review requests',
  },
  {
    name: 'concord_open_issue_types',
    type: 'list of text',
    meaning: 'the kinds of the open issues: delay, exception, return, refund, damaged, not_received, cancellation',
  },
  { name: 'concord_open_issue_count', type: 'number', meaning: 'how many issues are open' },
  { name: 'concord_issue_opened_at', type: 'date', meaning: 'when the oldest open issue opened' },
  { name: 'concord_issue_resolved_at', type: 'date', meaning: 'when the last issue was resolved (empty while one is open)' },
  { name: 'concord_vip_active_issue', type: 'boolean', meaning: 'a VIP with an active issue: for VIP recovery' },
  { name: 'concord_has_open_return', type: 'boolean', meaning: 'an open return' },
  { name: 'concord_has_open_refund', type: 'boolean', meaning: 'an open refund request' },
  { name: 'concord_suppression_override', type: 'text', meaning: 'suppress, release, or empty: an agent override is in force' },
  {
    name: 'concord_review_eligible',
    type: 'boolean',
    meaning: 'true once an order arrived with no issue N days ago (settings: review.daysAfterDelivery); false while an issue is open',
  },
  { name: 'concord_review_eligible_order', type: 'text', meaning: 'the order the review request is about (#1802)' },
  { name: 'concord_review_eligible_at', type: 'date', meaning: 'when the customer became review-eligible' },
];

export function klaviyoProfileProperties(
  state: SuppressionState,
  extra: { vip: boolean },
): Record<string, string | number | boolean | string[] | null> {
  const kinds = [...new Set(state.openIssues.map((i) => i.kind))].sort();
  return {
    concord_active_issue: state.suppressed,
    concord_open_issue_types: kinds,
    concord_open_issue_count: state.openIssues.length,
    concord_issue_opened_at: state.openedAt?.toISOString() ?? null,
    concord_issue_resolved_at: state.resolvedAt?.toISOString() ?? null,
    concord_vip_active_issue: extra.vip && state.suppressed,
    concord_has_open_return: kinds.includes('return'),
    concord_has_open_refund: kinds.includes('refund'),
    concord_suppression_override: state.override?.mode ?? null,
  };
}
