import { describe, expect, it } from 'vitest';
import { caseSummary, customerQuestion } from '@/lib/domain/case-summary';
import type { Classification } from '@/lib/domain/types';
import { draftCtx, shipmentCtx } from '../helpers/draft-context-fixture';

const cls = (over: Partial<Classification> = {}): Classification => ({
  intent: 'wismo',
  confidence: 0.92,
  reasons: ['asks where the order is'],
  decidedBy: 'rules',
  orderNumbers: ['1043'],
  ...over,
});

describe('customerQuestion', () => {
  it('skips greetings and pleasantries and prefers the first question', () => {
    expect(customerQuestion('Hi team,\nI hope you are well.\nI ordered a jacket last week. Where is it?\nThanks!', null)).toBe(
      'Where is it?',
    );
  });

  it('strips a greeting on the same line', () => {
    expect(customerQuestion('Hi, where is my order #1043?', null)).toBe('Where is my order #1043?');
  });

  it('takes the first meaningful sentence when there is no question', () => {
    expect(customerQuestion('Hello!\nI need to change my address to 5 Elm St. It is urgent.', null)).toBe(
      'I need to change my address to 5 Elm St.',
    );
  });

  it('ignores quoted history and falls back to the subject', () => {
    expect(
      customerQuestion(
        'Any news?\n\nOn Mon, Nov 23, 2026 at 9:00 AM Northwind <help@northwind.example> wrote:\n> Where is my parcel?',
        null,
      ),
    ).toBe('Any news?');
    expect(customerQuestion('Hi,\nThanks', 'Damaged jacket')).toBe('Damaged jacket');
  });

  it('shortens a long question', () => {
    const q = customerQuestion(`Could you ${'please '.repeat(60)}help?`, null);
    expect(q.length).toBe(160);
    expect(q.endsWith('…')).toBe(true);
  });
});

describe('caseSummary', () => {
  it('puts the question, the facts that matter and the policy together', () => {
    const s = caseSummary(draftCtx(), cls());
    expect(s.question).toBe('Where is my order #1043?');
    expect(s.orderFacts[0]).toBe('Order #1043 · placed Nov 19, 2026 · $129.00 · paid · fulfilled');
    expect(s.orderFacts).toContain('Items: Trail Jacket ×1');
    expect(s.orderFacts[2]).toContain('UPS 1Z999AA10123456784: in transit');
    expect(s.orderFacts[2]).toContain('last scan Nov 23, 2026 (in transit)');
    expect(s.orderFacts[2]).toContain('estimate Nov 26, 2026');
    expect(s.policy).toBe(
      'Automate (tracking.healthy): The parcel is moving normally, so a tracking reply is safe to send. Next step: reply tracking. The reply may promise: nothing.',
    );
    expect(s.unknowns).toEqual([]);
    expect(s.text).toContain('Question: Where is my order #1043?');
    expect(s.text).toContain('Unknown: nothing outstanding');
  });

  it('lists refunds, returns and a cancellation as facts', () => {
    const ctx = draftCtx({
      order: { ...draftCtx().order!, cancelledAt: '2026-11-20T09:00:00Z' },
      refunds: [{ amount: '129.00', currency: 'USD', createdAt: '2026-11-20T09:05:00Z' }],
      returns: [{ name: '#1043-R1', status: 'open' }],
      verdict: { decision: 'human_review', rule: 'refund.repeat', allowedPromises: ['refund', 'return_label'] },
    });
    const s = caseSummary(ctx, cls({ intent: 'refund' }));
    expect(s.orderFacts).toEqual(
      expect.arrayContaining(['Cancelled Nov 20, 2026', 'Refunded $129.00 on Nov 20, 2026', 'Return #1043-R1: open']),
    );
    expect(s.policy).toMatch(/^Human review \(refund\.repeat\): .* The reply may promise: refund, return label\.$/);
  });

  it('names what is unknown: no order, quoted numbers that matched nothing', () => {
    const s = caseSummary(draftCtx({ order: null, shipments: [] }), cls({ orderNumbers: ['9999'] }));
    expect(s.orderFacts).toEqual([]);
    expect(s.unknowns).toEqual(['No order matched this customer.', 'The customer quoted #9999, which matched no order.']);
    expect(s.text).toContain('Order facts: none (no order matched)');
  });

  it('names missing tracking, scans, estimates and photos, and an uncertain intent', () => {
    const ctx = draftCtx({
      intent: 'damaged',
      ticket: { attachmentCount: 0 },
      shipments: [shipmentCtx({ trackingNumber: null, lastEventAt: null, lastEventStatus: null, estimatedDeliveryAt: null })],
    });
    const s = caseSummary(ctx, cls({ intent: 'damaged', confidence: 0.45, orderNumbers: ['1044'] }));
    expect(s.unknowns).toEqual([
      'The customer quoted #1044, but the matched order is #1043.',
      '#1043.1 has no tracking number.',
      'No carrier scans yet for #1043.1.',
      'No delivery estimate from the carrier for #1043.1.',
      'No photos of the damage yet.',
      'The intent is uncertain: damaged at 45% (rules).',
    ]);
  });

  it('says when an order has not shipped', () => {
    expect(caseSummary(draftCtx({ shipments: [] }), cls()).unknowns).toEqual(['Not shipped yet, so there is no tracking.']);
  });
});
