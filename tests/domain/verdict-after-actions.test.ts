import { describe, expect, it } from 'vitest';
import { actionsThatResolve, verdictAfterActions, type TakenAction } from '@/lib/domain/policy/verdict-after-actions';
import type { Verdict } from '@/lib/domain/types';

const cancelSafe: Verdict = {
  decision: 'automate',
  nextStep: 'cancel_order',
  rule: 'cancel.before_fulfillment',
  reasons: ['nothing is fulfilled yet', 'not on hold'],
  explanation: 'Cancellation is safe: the order has not been fulfilled (nothing is fulfilled yet; not on hold).',
  allowedPromises: ['cancellation', 'refund'],
  summary: null,
};
const at = (min: number) => new Date(Date.UTC(2026, 11, 2, 14, min));
const action = (a: Partial<TakenAction>): TakenAction => ({
  id: 1,
  kind: 'cancel_order',
  status: 'pending',
  orderId: '101',
  actor: 'sam@acme.com',
  createdAt: at(0),
  completedAt: null,
  ...a,
});

describe('the verdict after the ticket’s actions (20.3)', () => {
  it('is unchanged while nothing was asked for, or only failed and stopped attempts', () => {
    expect(verdictAfterActions(cancelSafe, [], '101')).toBe(cancelSafe);
    expect(verdictAfterActions(cancelSafe, [action({ status: 'failed' }), action({ id: 2, status: 'stopped' })], '101')).toBe(cancelSafe);
  });

  it('reports a queued cancel instead of offering it, and keeps the promises the cancel allows', () => {
    const v = verdictAfterActions(cancelSafe, [action({})], '101');
    expect(v.nextStep).toBe('reply');
    expect(v.rule).toBe('cancel.before_fulfillment.queued');
    expect(v.explanation).toBe('Cancellation queued by sam@acme.com; not confirmed by Shopify yet. Tell the customer it is under way.');
    expect(v.allowedPromises).toEqual(['cancellation', 'refund']);
    expect(v.taken).toEqual({
      actionId: 1,
      kind: 'cancel_order',
      status: 'pending',
      by: 'sam@acme.com',
      at: at(0).toISOString(),
      toldCustomer: false,
    });
  });

  it('says done with the time it was done, and nothing more to do once a reply followed', () => {
    const done = action({ status: 'done', completedAt: at(2) });
    expect(verdictAfterActions(cancelSafe, [done], '101')).toMatchObject({
      explanation: 'Order cancelled by sam@acme.com. Tell the customer it is done.',
      taken: { at: at(2).toISOString() },
    });
    const told = verdictAfterActions(cancelSafe, [done, action({ id: 2, kind: 'reply', status: 'done', createdAt: at(3) })], '101');
    expect(told.taken?.toldCustomer).toBe(true);
    expect(told.explanation).toMatch(/The customer has been told; nothing more to do\.$/);
  });

  it('counts only the ticket’s own order, and the actions that carry out the rule', () => {
    expect(verdictAfterActions(cancelSafe, [action({ orderId: '999' })], '101')).toBe(cancelSafe);
    // The policy re-decided on a cancelled order says "already cancelled" (human review): our own cancel still explains it.
    const already: Verdict = { ...cancelSafe, decision: 'human_review', nextStep: 'assign_human_review', rule: 'cancel.already_cancelled' };
    expect(verdictAfterActions(already, [action({ status: 'done' })], '101').taken?.kind).toBe('cancel_order');
    expect(actionsThatResolve({ nextStep: 'assign_human_review', rule: 'damaged.with_evidence' })).toEqual([
      'reship_order',
      'refund_order',
      'store_credit',
      'create_exchange',
    ]);
    expect(actionsThatResolve({ nextStep: 'assign_human_review', rule: 'other' })).toEqual([]);
  });
});
