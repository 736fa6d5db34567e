import type { Classification, Verdict } from '../types';

// Concord acts alone (an auto-reply, an automated order action) only on an intent that the rules and
// learned weights reached together, at or above the shop's threshold on the calibrated confidence.
// A model's answer (decided_by "model") is recorded and shown, and routes the ticket, but never switches
// automation on by itself; a words-only answer is capped below the threshold in classifyIntent anyway.

export interface IntentGate {
  ok: boolean;
  reason: string;
}

export function intentGate(c: Pick<Classification, 'intent' | 'confidence' | 'decidedBy'>, minConfidence: number): IntentGate {
  if (c.decidedBy === 'model')
    return {
      ok: false,
      reason: `The intent was decided by the language model (${c.confidence.toFixed(2)}); a model's answer never automates by itself.`,
    };
  if (!(c.confidence >= minConfidence))
    return { ok: false, reason: `Intent confidence ${c.confidence.toFixed(2)} is below the ${minConfidence.toFixed(2)} threshold.` };
  return {
    ok: true,
    reason: `Intent ${c.intent.replace(/_/g, ' ')} at ${c.confidence.toFixed(2)} calibrated confidence (${c.decidedBy}), at or above the ${minConfidence.toFixed(2)} threshold.`,
  };
}

/**
 * The policy decides from the intent and the order; this keeps its "automate" only when the intent itself
 * may automate. Otherwise the ticket goes to a person with the reason, whatever the order allows.
 */
export function gateVerdict(
  verdict: Verdict,
  c: Pick<Classification, 'intent' | 'confidence' | 'decidedBy'>,
  minConfidence: number,
): Verdict {
  if (verdict.decision !== 'automate') return verdict;
  const gate = intentGate(c, minConfidence);
  if (gate.ok) return verdict;
  const reasons = [gate.reason, `the policy alone would automate (${verdict.rule})`];
  const explanation = `Needs a person: the intent is not sure enough to act alone. ${gate.reason}`;
  return {
    decision: 'human_review',
    nextStep: 'assign_human_review',
    rule: 'intent.not_sure_enough',
    reasons,
    explanation,
    allowedPromises: [],
    summary: explanation,
  };
}
