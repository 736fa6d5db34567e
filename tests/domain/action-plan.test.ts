import { describe, expect, it } from 'vitest';
import { overrideNeeded, planAction } from '@/lib/domain/action-plan';
import { defaultSettings } from '@/lib/domain/settings';
import type { Order, Verdict } from '@/lib/domain/types';

const order: Order = {
  id: '1',
  shopId: 's',
  name: '#1001',
  orderNumber: 1001,
  email: 'a@b.c',
  phone: null,
  customerId: '9',
  createdAt: new Date('2026-11-20T10:00:00Z'),
  updatedAt: new Date('2026-11-20T10:00:00Z'),
  processedAt: null,
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  financialStatus: 'paid',
  fulfillmentStatus: null,
  currency: 'USD',
  totalPrice: '120.00',
  tags: [],
  note: null,
  lineItems: [],
  shippingAddress: null,
  onHold: false,
};
const verdict = (decision: Verdict['decision'], nextStep: Verdict['nextStep']): Verdict => ({
  decision,
  nextStep,
  rule: 'r',
  reasons: [],
  explanation: 'Because.',
  allowedPromises: [],
  summary: null,
});

const ctx = (o: Order | null) => ({ order: o, settings: defaultSettings() });

describe('planAction', () => {
  it('says exactly what a cancellation will do', () => {
    const p = planAction('cancel_order', { refund: true, restock: false, notifyCustomer: false }, ctx(order));
    expect(p).toMatchObject({
      ok: true,
      effects: [{ kind: 'shopify.cancel_order', payload: { refund: true, restock: false, notifyCustomer: false } }],
    });
    if (p.ok)
      expect(p.summary).toBe(
        "Cancel order #1001 (120.00 USD, reason: customer), refund the payment, don't restock, and Shopify doesn't email the customer. Cancelling cannot be undone.",
      );
  });
  it('refuses what cannot be done, with the reason', () => {
    expect(planAction('cancel_order', {}, ctx({ ...order, cancelledAt: new Date() }))).toEqual({
      ok: false,
      reason: 'Order #1001 is already cancelled.',
    });
    expect(planAction('create_return', {}, ctx(null))).toMatchObject({ ok: false });
    expect(planAction('update_address', { address: { address1: '1 Main St' } }, ctx(order))).toMatchObject({ ok: false });
    expect(planAction('tag_order', { tags: [' '] }, ctx(order))).toMatchObject({ ok: false });
    expect(planAction('reply', { body: '  ' }, ctx(order))).toMatchObject({ ok: false });
  });
  it('describes an address change with the new address', () => {
    const p = planAction(
      'update_address',
      { address: { address1: '1 Main St', city: 'Austin', zip: '78701', countryCode: 'US', provinceCode: 'TX' } },
      ctx(order),
    );
    expect(p.ok && p.summary).toBe('Change the shipping address of #1001 to 1 Main St, Austin, TX, 78701, US.');
  });
});

describe('overrideNeeded', () => {
  it('lets the suggested automated action through', () => {
    expect(overrideNeeded('cancel_order', verdict('automate', 'cancel_order'))).toBeNull();
  });
  it('asks for a reason to act against a human-review verdict or another next step', () => {
    expect(overrideNeeded('cancel_order', verdict('human_review', 'assign_human_review'))).toMatch(/Policy says human review/);
    expect(overrideNeeded('create_return', verdict('automate', 'reply_tracking'))).toMatch(/suggests reply tracking/);
    expect(overrideNeeded('create_return', null)).toMatch(/no policy verdict/);
  });
  it('never blocks notes, replies, tags or routing', () => {
    expect(overrideNeeded('internal_note', verdict('human_review', 'assign_human_review'))).toBeNull();
    expect(overrideNeeded('reply', verdict('human_review', 'assign_human_review'))).toBeNull();
  });
});
