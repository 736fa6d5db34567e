import type { LiveGuard } from './action-plan';

// The last look before a mutation: Shopify's live order against what the plan assumed. The plan was
// decided on Concord's read model, which can lag a webhook; an order that shipped or was cancelled
// meanwhile, or a window that closed while the effect waited in the outbox, stops the call.

export interface LiveOrderState {
  cancelledAt: string | null;
  displayFulfillmentStatus: string | null; // UNFULFILLED, FULFILLED, PARTIALLY_FULFILLED, IN_PROGRESS, ON_HOLD, ... (open enum)
}

export type LiveVerdict = { ok: true } | { ok: false; reason: string };

export function liveRecheck(guard: LiveGuard | null | undefined, state: LiveOrderState | null, now: Date): LiveVerdict {
  if (!guard) return { ok: true };
  if (!state) return { ok: false, reason: 'Shopify no longer has this order' };
  if (guard.requireNotCancelled && state.cancelledAt)
    return { ok: false, reason: `the order was cancelled in Shopify at ${state.cancelledAt}` };
  const status = (state.displayFulfillmentStatus ?? 'UNFULFILLED').toUpperCase();
  if (guard.requireUnfulfilled && status !== 'UNFULFILLED')
    return { ok: false, reason: `Shopify now shows the order as ${status.toLowerCase().replace(/_/g, ' ')}, so it has left the safe zone` };
  if (guard.notAfter && now.getTime() > new Date(guard.notAfter).getTime())
    return { ok: false, reason: `the time allowed for this ran out at ${guard.notAfter}` };
  return { ok: true };
}
