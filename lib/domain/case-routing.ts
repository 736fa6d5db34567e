import type { Settings } from './settings';
import type { Intent, Verdict } from './types';

// Which team gets a case a person must handle, and at what priority. The first reason that applies
// wins: goodwill, then VIP, then the kind of problem; each falls back to the human-review team.

export type CaseReason = 'goodwill' | 'vip' | 'damaged' | 'refund' | 'deliveryIssue' | 'default';

export function caseReason(intent: Intent, verdict: Verdict, vip: boolean): CaseReason {
  if (verdict.reasons.some((r) => /goodwill|retention/.test(r))) return 'goodwill';
  if (vip) return 'vip';
  if (intent === 'damaged') return 'damaged';
  if (intent === 'refund') return 'refund';
  if (intent === 'not_received' || (intent === 'wismo' && /tracking\.(delayed|exception|unshipped|delivered)/.test(verdict.rule)))
    return 'deliveryIssue';
  return 'default';
}

export function caseRouting(reason: CaseReason, routing: Settings['routing']): { teamId: number | null; priority: string | null } {
  if (reason === 'default') return { teamId: routing.humanReviewTeamId, priority: null };
  return { teamId: routing.teams[reason] ?? routing.humanReviewTeamId, priority: routing.priorities[reason] ?? null };
}
