import type { IssueRecord } from './issues';
import { deriveSuppression, type SuppressionOverride } from './suppression';

// The suppression part of weekly QA: where what Klaviyo was last told (klaviyo_profiles.suppressed)
// disagrees with what the customer's issues and overrides say right now. A missed exit keeps a
// happy customer out of promos; a missed entry sends promos to someone with a late parcel.

export type SuppressionFindingKind =
  | 'resolved_still_flagged' // every issue resolved, Klaviyo still suppresses them
  | 'flagged_without_reason' // no issue at all and no override, Klaviyo suppresses them
  | 'released_still_flagged' // an agent released them, Klaviyo still suppresses them
  | 'open_issue_not_flagged'; // an open issue (or a suppress override), Klaviyo doesn't suppress them

export const SUPPRESSION_FINDING_LABELS: Record<SuppressionFindingKind, string> = {
  resolved_still_flagged: 'Resolved, still suppressed in Klaviyo',
  flagged_without_reason: 'Suppressed in Klaviyo with no issue or override',
  released_still_flagged: 'Released by an agent, still suppressed in Klaviyo',
  open_issue_not_flagged: 'Should be suppressed, Klaviyo says not',
};

export interface SuppressionCustomer {
  email: string;
  klaviyoSuppressed: boolean;
  pushedAt: Date | null;
  issues: IssueRecord[];
  overrides: SuppressionOverride[];
}

export interface SuppressionFinding {
  email: string;
  kind: SuppressionFindingKind;
  explanation: string;
  pushedAt: Date | null;
  lastResolvedAt: Date | null;
}

export function checkSuppression(c: SuppressionCustomer, now: Date): SuppressionFinding | null {
  const expected = deriveSuppression({ issues: c.issues, overrides: c.overrides, now });
  if (expected.suppressed === c.klaviyoSuppressed) return null;
  const base = { email: c.email, pushedAt: c.pushedAt, lastResolvedAt: expected.resolvedAt };
  if (expected.suppressed) {
    return {
      ...base,
      kind: 'open_issue_not_flagged',
      explanation: `Klaviyo was last told “not suppressed”, but ${expected.because.join('; ')}.`,
    };
  }
  if (expected.override?.mode === 'release') {
    return { ...base, kind: 'released_still_flagged', explanation: `Klaviyo still suppresses them, but ${expected.because[0]}.` };
  }
  const resolved = c.issues.filter((i) => i.status === 'resolved');
  if (resolved.length > 0) {
    const at = expected.resolvedAt ? ` (last on ${expected.resolvedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
    return {
      ...base,
      kind: 'resolved_still_flagged',
      explanation: `All ${resolved.length} issue${resolved.length === 1 ? ' was' : 's were'} resolved${at} and no override is active, yet Klaviyo still suppresses them.`,
    };
  }
  return {
    ...base,
    kind: 'flagged_without_reason',
    explanation: 'Klaviyo suppresses them, but Concord has no issue and no active override for this customer.',
  };
}

/** Every mismatch, missed entries first (they cost the most: promos to an unhappy customer). */
export function suppressionFindings(customers: readonly SuppressionCustomer[], now: Date): SuppressionFinding[] {
  const order: SuppressionFindingKind[] = [
    'open_issue_not_flagged',
    'resolved_still_flagged',
    'released_still_flagged',
    'flagged_without_reason',
  ];
  return customers
    .map((c) => checkSuppression(c, now))
    .filter((f): f is SuppressionFinding => f !== null)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.email < b.email ? -1 : 1));
}
