import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { checkGrounding, type GroundingResult } from '@/lib/domain/grounding';
import { loadDraftContext } from '@/lib/drafts/load-draft-context';

/**
 * Checks text an agent wrote (or edited) against the same context a draft for this ticket is
 * checked against. A manual reply is no more trusted than a model's: a made-up phone number typed
 * by hand reaches the customer just the same.
 */
export async function checkReplyText(
  db: Db,
  config: Config,
  input: { ticketShopId: string; ticketId: string; text: string },
  now: Date,
): Promise<GroundingResult> {
  const loaded = await loadDraftContext(db, config, input, now);
  if (!loaded) return { ok: true, spans: [] };
  return checkGrounding(input.text, loaded.ctx);
}

/** "“800-555-0199” (phone), “send your card details” (payment request)" */
export function describeFlags(result: GroundingResult): string {
  return result.spans.map((s) => `“${s.text}” (${s.kind.replace(/_/g, ' ')})`).join(', ');
}
