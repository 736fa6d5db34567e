import type { ActionKind, Verdict } from '../types';

// The verdict decided when the customer wrote says what to do next; once someone has done it (or
// queued it), the same words ("Cancellation is safe", "Cancel the order") would offer it again. So the
// verdict shown is re-derived from the ticket's actions each time it is read: the step asked for is
// reported with its state, who asked and when, and the next step becomes telling the customer.

export interface TakenAction {
  id: number;
  kind: string;
  status: string; // pending | done | recorded | shadow | failed | stopped
  orderId: string | null;
  actor: string;
  createdAt: Date;
  completedAt: Date | null;
  /** Asked for with a reply ("Send reply and cancel"): the reply goes out once the step is done. */
  withReply?: boolean;
}

/** The actions that carry out each policy rule's recommendation (by the rule's first word). */
const RESOLVED_BY: Record<string, ActionKind[]> = {
  cancel: ['cancel_order'],
  address: ['update_address'],
  return: ['create_return', 'create_exchange'],
  exchange: ['create_exchange', 'create_return'],
  tracking: ['reply_tracking'],
  refund: ['refund_order'],
  damaged: ['reship_order', 'refund_order', 'store_credit', 'create_exchange'],
  not_received: ['reship_order', 'refund_order'],
};

const REPLIES = new Set(['reply', 'reply_tracking']);
const NOT_TAKEN = new Set(['failed', 'stopped']);

const DONE_WORDS: Record<string, string> = {
  cancel_order: 'Order cancelled',
  update_address: 'Address updated',
  create_return: 'Return created',
  create_exchange: 'Exchange created',
  reply_tracking: 'Tracking sent',
  refund_order: 'Refund issued',
  reship_order: 'Replacement order created',
  store_credit: 'Store credit issued',
  discount_code: 'Discount code created',
};
const QUEUED_WORDS: Record<string, string> = {
  cancel_order: 'Cancellation',
  update_address: 'Address change',
  create_return: 'Return',
  create_exchange: 'Exchange',
  reply_tracking: 'Tracking reply',
  refund_order: 'Refund',
  reship_order: 'Replacement order',
  store_credit: 'Store credit',
  discount_code: 'Discount code',
};

/** The kinds of action that carry out this verdict: its own next step and the ones its rule is about. */
export function actionsThatResolve(verdict: Pick<Verdict, 'nextStep' | 'rule'>): string[] {
  const family = verdict.rule.split('.')[0];
  const own = verdict.nextStep === 'assign_human_review' || verdict.nextStep === 'reply' ? [] : [verdict.nextStep];
  return [...new Set([...own, ...(RESOLVED_BY[family] ?? [])])];
}

/** The latest action on this ticket (and order) that did, or is doing, what the verdict asks; failed and stopped ones don't count. */
function takenStep(verdict: Pick<Verdict, 'nextStep' | 'rule'>, actions: TakenAction[], orderId: string | null): TakenAction | null {
  const kinds = actionsThatResolve(verdict);
  const hits = actions
    .filter((a) => kinds.includes(a.kind) && !NOT_TAKEN.has(a.status) && (orderId === null || a.orderId === null || a.orderId === orderId))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return hits[0] ?? null;
}

export function verdictAfterActions(verdict: Verdict, actions: TakenAction[], orderId: string | null): Verdict {
  const taken = takenStep(verdict, actions, orderId);
  if (!taken) return verdict;
  const queued = taken.status === 'pending';
  const at = taken.completedAt ?? taken.createdAt;
  // A reply after the step told the customer: nothing is left to recommend.
  const toldCustomer =
    taken.kind === 'reply_tracking' ||
    Boolean(taken.withReply) ||
    actions.some(
      (a) => REPLIES.has(a.kind) && !NOT_TAKEN.has(a.status) && a.createdAt.getTime() >= taken.createdAt.getTime() && a.id !== taken.id,
    );
  const state = queued
    ? `${QUEUED_WORDS[taken.kind] ?? taken.kind.replace(/_/g, ' ')} queued by ${taken.actor}; not confirmed by Shopify yet`
    : `${DONE_WORDS[taken.kind] ?? taken.kind.replace(/_/g, ' ')} by ${taken.actor}${taken.status === 'recorded' ? ' (demo: recorded, not sent)' : taken.status === 'shadow' ? ' (shadow mode: not sent)' : ''}`;
  const next = taken.withReply
    ? queued
      ? 'Your reply goes to the customer once it is done'
      : 'Your reply went to the customer with it; nothing more to do'
    : toldCustomer
      ? 'The customer has been told; nothing more to do'
      : queued
        ? 'Tell the customer it is under way'
        : 'Tell the customer it is done';
  return {
    ...verdict,
    rule: `${verdict.rule}.${queued ? 'queued' : 'done'}`,
    nextStep: 'reply',
    reasons: [state, ...verdict.reasons],
    explanation: `${state}. ${next}.`,
    taken: { actionId: taken.id, kind: taken.kind, status: taken.status, by: taken.actor, at: at.toISOString(), toldCustomer },
  };
}
