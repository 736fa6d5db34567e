import type { ActionKind, Address, Order, Verdict } from './types';

// What an action will do, in words, before anyone confirms it; and whether doing it goes against
// the policy verdict (then a person must give a reason, which the audit log keeps).

export const POLICY_ACTIONS: ActionKind[] = ['cancel_order', 'update_address', 'create_return', 'create_exchange'];

export interface ActionParams {
  refund?: boolean;
  restock?: boolean;
  notifyCustomer?: boolean;
  address?: Partial<Address>;
  tags?: string[];
  body?: string;
  reason?: string;
}

export type PlanResult = { ok: true; summary: string; effects: string[] } | { ok: false; reason: string };

export function planAction(kind: ActionKind, params: ActionParams, order: Order | null): PlanResult {
  const needOrder = ['cancel_order', 'update_address', 'create_return', 'create_exchange', 'tag_order'].includes(kind);
  if (needOrder && !order) return { ok: false, reason: 'No order is matched to this ticket, so there is nothing to act on.' };
  const o = order!;
  switch (kind) {
    case 'cancel_order':
      if (o.cancelledAt) return { ok: false, reason: `Order ${o.name} is already cancelled.` };
      return {
        ok: true,
        summary: `Cancel order ${o.name} (${o.totalPrice} ${o.currency})${params.refund ? ', refund the payment' : ', no refund'}${params.restock ? ', restock the items' : ''}${params.notifyCustomer === false ? ', without emailing the customer' : ', and email the customer'}. Cancelling cannot be undone.`,
        effects: ['shopify.cancel_order'],
      };
    case 'update_address': {
      const a = params.address;
      if (!a || !a.address1 || !a.city || !a.zip || !(a.countryCode || a.country)) {
        return { ok: false, reason: 'The new address needs at least address1, city, zip and country.' };
      }
      return { ok: true, summary: `Change the shipping address of ${o.name} to ${[a.name, a.address1, a.address2, a.city, a.provinceCode ?? a.province, a.zip, a.countryCode ?? a.country].filter(Boolean).join(', ')}.`, effects: ['shopify.update_address'] };
    }
    case 'create_return':
      return { ok: true, summary: `Create a return in Shopify for every returnable item of ${o.name}${params.reason ? ` (reason: ${params.reason})` : ''}.`, effects: ['shopify.create_return'] };
    case 'create_exchange':
      return { ok: true, summary: `Create a return for ${o.name} and tag it "exchange-requested" so the replacement ships when it is received.`, effects: ['shopify.create_return', 'shopify.tag_order'] };
    case 'tag_order': {
      const tags = (params.tags ?? []).map((t) => t.trim()).filter(Boolean);
      if (tags.length === 0) return { ok: false, reason: 'Give at least one tag.' };
      return { ok: true, summary: `Add the tag${tags.length > 1 ? 's' : ''} ${tags.map((t) => `"${t}"`).join(', ')} to ${o.name}.`, effects: ['shopify.tag_order'] };
    }
    case 'internal_note':
      if (!params.body?.trim()) return { ok: false, reason: 'The note is empty.' };
      return { ok: true, summary: 'Add an internal note to the Gorgias ticket (the customer does not see it).', effects: ['gorgias.internal_note'] };
    case 'reply':
    case 'reply_tracking':
      if (!params.body?.trim()) return { ok: false, reason: 'The reply is empty.' };
      return { ok: true, summary: 'Send this reply to the customer from Gorgias.', effects: ['gorgias.send_reply'] };
    case 'assign_human_review':
      return { ok: true, summary: 'Tag the ticket for human review and assign it to the review team.', effects: ['gorgias.add_tags', 'gorgias.assign'] };
  }
}

/** An agent may act against the verdict, but only with a reason. */
export function overrideNeeded(kind: ActionKind, verdict: Verdict | null): string | null {
  if (!POLICY_ACTIONS.includes(kind)) return null;
  if (!verdict) return 'There is no policy verdict for this ticket yet.';
  if (verdict.decision === 'human_review') return `Policy says human review: ${verdict.explanation}`;
  if (verdict.nextStep !== kind) return `Policy suggests ${verdict.nextStep.replace(/_/g, ' ')}, not ${kind.replace(/_/g, ' ')}.`;
  return null;
}
