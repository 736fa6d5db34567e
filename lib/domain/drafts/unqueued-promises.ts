import type { GroundingSpan } from '../grounding';
import { findPromises } from '../facts/promises';
import type { PromiseKind, Verdict } from '../types';
import { PAIRED_STEPS } from './paired-steps';

export { PAIRED_STEPS };

// Sending a reply changes nothing in Shopify. A reply that says the order is cancelled (or the
// address changed, the return or exchange set up) is true only if that step is queued or done, or
// goes with the reply ("Send reply and cancel" sends the reply once Shopify has done the step).

const WHAT: Partial<Record<PromiseKind, string>> = {
  cancellation: 'the order is cancelled',
  address_change: 'the address is changed',
  return_label: 'a return is set up',
  exchange: 'an exchange is set up',
};

/**
 * The statements in a reply sent on its own that promise the verdict's step while nothing has
 * asked for it. Empty once the step is queued or done, or when the reply goes with the step.
 */
export function promisesNotQueued(
  text: string,
  verdict: Pick<Verdict, 'nextStep' | 'taken'> | null,
  sentWith: string | null,
): GroundingSpan[] {
  if (!verdict || verdict.taken) return [];
  const step = PAIRED_STEPS[verdict.nextStep];
  if (!step || sentWith === verdict.nextStep) return [];
  return findPromises(text)
    .filter((p) => step.promises.includes(p.kind))
    .map((p) => ({
      start: p.start,
      end: p.end,
      text: p.text,
      kind: 'promise' as const,
      reason: `Says ${WHAT[p.kind] ?? 'it is done'}, but nothing has asked for it yet: a reply alone changes nothing in Shopify. Use “${step.button}”, or change the text.`,
    }));
}
