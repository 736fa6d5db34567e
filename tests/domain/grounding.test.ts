import { describe, expect, it } from 'vitest';
import { checkGrounding, type GroundingSpan } from '@/lib/domain/grounding';
import { draftCtx, shipmentCtx } from '../helpers/draft-context-fixture';

// The fixture: order #1043, $129.00 USD, placed 2026-11-19; UPS 1Z999AA10123456784, last scan
// 2026-11-23, estimated delivery 2026-11-26; now is Tuesday 2026-11-24 15:00 UTC.

const flagged = (draft: string, ctx = draftCtx()) => checkGrounding(draft, ctx).spans;
const kinds = (spans: GroundingSpan[]) => spans.map((s) => `${s.kind}:${s.text}`);

describe('checkGrounding: a fully grounded draft', () => {
  it('passes with the order, carrier, tracking number, link, dates and amount from the context', () => {
    const draft = [
      'Hi Pat,',
      'Your order #1043 is on its way with UPS. The latest scan was on Monday, November 23 and UPS expects to deliver it on Thursday, November 26.',
      'Your tracking number is 1Z999AA10123456784, and you can follow it here: https://www.ups.com/track?tracknum=1Z999AA10123456784.',
      'You paid $129.00 for the Trail Jacket on Nov 19, 2026.',
      'Warm wishes,\nSam at Northwind',
    ].join('\n\n');
    expect(checkGrounding(draft, draftCtx())).toEqual({ ok: true, spans: [] });
  });

  it('accepts the same facts in other written forms', () => {
    const forms = [
      'It should arrive on 26 November.',
      'Expected: 2026-11-26.',
      'Expected on 11/26.',
      'Expected on 26/11/2026.',
      'Expected on 26.11.2026.',
      'Expected on the 26th of November, 2026.',
      'Estimated delivery: Nov. 26',
      'Your total was 129.00 USD.',
      'Your total was USD 129.',
      'Your total was US$129.00.',
      'Order number 1043 is with United Parcel Service.',
      'Tracking: 1z999aa10123456784 (case does not matter).',
      'Track it at https://www.ups.com (the full link is in your email).',
      'You ordered 5 days ago.',
      'As of today it is moving normally.',
    ];
    for (const f of forms) expect(kinds(flagged(f)), f).toEqual([]);
  });

  it('reports offsets that point at the flagged text', () => {
    const draft = 'Your parcel 1Z999FAKE99 ships with FedEx on November 30 for $99.99 from https://evil.example/track.';
    const spans = flagged(draft);
    expect(spans.length).toBe(5);
    for (const s of spans) expect(draft.slice(s.start, s.end)).toBe(s.text);
    expect([...spans].sort((a, b) => a.start - b.start)).toEqual(spans);
  });
});

describe('checkGrounding: tracking numbers', () => {
  it('flags an invented tracking number and says which one is real', () => {
    const spans = flagged('Your tracking number is 1Z999FAKE12345.');
    expect(kinds(spans)).toEqual(['tracking_number:1Z999FAKE12345']);
    expect(spans[0].reason).toContain('1Z999AA10123456784');
  });

  it('flags a long all-digit number that is not on a shipment (USPS style)', () => {
    // usps.com is flagged too since contact details are checked (issue 14.8): this order ships with UPS.
    expect(kinds(flagged('Use tracking 9400111899223344556677 on usps.com.'))).toEqual([
      'tracking_number:9400111899223344556677',
      'domain:usps.com',
    ]);
  });

  it('flags any tracking number when no shipment has one', () => {
    const ctx = draftCtx({ shipments: [shipmentCtx({ trackingNumber: null, trackingUrl: null })] });
    expect(flagged('Tracking: 1Z999AA10123456784', ctx)[0].reason).toContain('has a tracking number');
  });

  it('does not read a tracking number inside the tracking link as a separate fact', () => {
    expect(flagged('https://www.ups.com/track?tracknum=1Z999AA10123456784')).toEqual([]);
  });
});

describe('checkGrounding: dates', () => {
  it('flags a wrong date and lists the known ones', () => {
    const spans = flagged('It will arrive on November 27.');
    expect(kinds(spans)).toEqual(['date:November 27']);
    expect(spans[0].reason).toContain('estimated delivery 2026-11-26');
  });

  it('flags a wrong ISO date, a wrong numeric date and a wrong year', () => {
    expect(kinds(flagged('Delivered 2026-11-25.'))).toEqual(['date:2026-11-25']);
    expect(kinds(flagged('Expected 11/27.'))).toEqual(['date:11/27']);
    expect(kinds(flagged('Expected November 26, 2025.'))).toEqual(['date:November 26, 2025']);
  });

  it('flags a weekday that does not match the date', () => {
    const spans = flagged('It arrives on Friday, November 26.');
    expect(kinds(spans)).toEqual(['date:Friday, November 26']);
    expect(spans[0].reason).toBe('2026-11-26 is a Thursday, not a Friday.');
  });

  it('resolves today, tomorrow and yesterday against ctx.now (UTC)', () => {
    expect(kinds(flagged('It arrives tomorrow.'))).toEqual(['date:tomorrow']); // Nov 25: no such date
    expect(flagged('The last scan was yesterday.')).toEqual([]); // Nov 23
    const etaTomorrow = draftCtx({ shipments: [shipmentCtx({ estimatedDeliveryAt: '2026-11-25T18:00:00Z' })] });
    expect(flagged('It arrives tomorrow.', etaTomorrow)).toEqual([]);
    expect(kinds(flagged('It arrives today.', etaTomorrow))).toEqual(['date:today']);
  });

  it('grounds a bare weekday only when a known date falls on it nearby', () => {
    expect(flagged('It should arrive on Thursday.')).toEqual([]); // Nov 26 is a Thursday
    expect(kinds(flagged('It should arrive on Saturday.'))).toEqual(['date:Saturday']);
  });

  it('flags time frames the context does not back, and accepts those it does', () => {
    expect(kinds(flagged('Refunds take 5-10 business days to appear.'))).toEqual(['date:5-10 business days']);
    expect(kinds(flagged('A teammate will reply within 24 hours.'))).toEqual(['date:24 hours']);
    const withWindow = draftCtx({ verdict: { explanation: 'Delivered 3 days ago, inside the 30-day return window.' } });
    expect(flagged('You are inside our 30-day return window.', withWindow)).toEqual([]);
  });

  it('compares by UTC calendar day', () => {
    // 23:30 UTC on the 26th is still the 26th in UTC, even if it is the 27th somewhere else.
    const late = draftCtx({ shipments: [shipmentCtx({ estimatedDeliveryAt: '2026-11-26T23:30:00Z' })] });
    expect(flagged('Expected November 26.', late)).toEqual([]);
    expect(kinds(flagged('Expected November 27.', late))).toEqual(['date:November 27']);
  });
});

describe('checkGrounding: amounts', () => {
  it('flags a wrong amount', () => {
    const spans = flagged('Your order total was $120.00.');
    expect(kinds(spans)).toEqual(['amount:$120.00']);
    expect(spans[0].reason).toContain('129.00');
  });

  it('compares in minor units and checks the currency when both sides have one', () => {
    expect(flagged('You paid $129.')).toEqual([]);
    expect(kinds(flagged('You paid €129.00.'))).toEqual(['amount:€129.00']);
    expect(kinds(flagged('You paid 129.00 EUR.'))).toEqual(['amount:129.00 EUR']);
    expect(kinds(flagged('You paid $129.01.'))).toEqual(['amount:$129.01']);
  });

  it('grounds refunds, their total and line prices times quantity', () => {
    const ctx = draftCtx({
      refunds: [
        { amount: '20.00', currency: 'USD', createdAt: '2026-11-20T10:00:00Z' },
        { amount: '5.50', currency: 'USD', createdAt: '2026-11-21T10:00:00Z' },
      ],
      order: { ...draftCtx().order!, items: [{ title: 'Wool Socks', quantity: 3, price: '12.00' }] },
    });
    expect(flagged('We refunded $20.00 and $5.50, $25.50 in all. Each pair was $12.00, $36.00 for three.', ctx)).toEqual([]);
  });

  it('reads European formats', () => {
    const eur = draftCtx({ order: { ...draftCtx().order!, currency: 'EUR', totalPrice: '1234.50' } });
    expect(flagged('Total: 1.234,50 € or €1,234.50.', eur)).toEqual([]);
  });
});

describe('checkGrounding: links, carriers and order numbers', () => {
  it('flags an unknown link, and a look-alike host that merely starts with the real one', () => {
    expect(kinds(flagged('Track it at https://track-my-parcel.example/1Z999AA10123456784'))).toEqual([
      'url:https://track-my-parcel.example/1Z999AA10123456784',
    ]);
    expect(kinds(flagged('Track it at https://www.ups.com.evil.io/track'))).toEqual(['url:https://www.ups.com.evil.io/track']);
  });

  it('grounds links from the brand settings', () => {
    const ctx = draftCtx({ brand: { extraGuidance: 'Returns portal: https://returns.northwind.example/start' } });
    expect(flagged('Start here: https://returns.northwind.example/start', ctx)).toEqual([]);
  });

  it('flags a carrier that is not the order’s, and leaves "follow-ups" alone', () => {
    const spans = flagged('FedEx has it. We will send follow-ups.');
    expect(kinds(spans)).toEqual(['carrier:FedEx']);
    expect(spans[0].reason).toContain('UPS');
  });

  it('flags another order number, and every order number when no order matched', () => {
    expect(kinds(flagged('Your order #1044 shipped.'))).toEqual(['order_number:#1044']);
    const spans = flagged('Your order #1043 shipped.', draftCtx({ order: null, shipments: [] }));
    expect(kinds(spans)).toEqual(['order_number:#1043']);
    expect(spans[0].reason).toContain('No order is matched');
  });
});

describe('checkGrounding: promises', () => {
  it('flags a refund the verdict does not allow', () => {
    const spans = flagged("I've refunded your order in full.");
    expect(kinds(spans)).toEqual(["promise:I've refunded"]);
    expect(spans[0].reason).toMatch(/refund.*does not allow.*allows no promises/);
  });

  it('lets through what the verdict allows', () => {
    const ctx = draftCtx({ verdict: { decision: 'automate', allowedPromises: ['refund'] } });
    expect(flagged("We'll refund you to your original payment method.", ctx)).toEqual([]);
    expect(kinds(flagged("We'll refund you and send a replacement.", ctx))).toEqual(["promise:We'll refund you and send a replacement"]);
  });

  it('does not flag negated or hedged mentions', () => {
    const safe = [
      "Unfortunately we can't refund this order.",
      'A teammate will review whether a refund is possible.',
      "I've passed your cancellation request to a teammate who can check whether the order can still be cancelled.",
      'I understand you would like a refund.',
      'A refund is not possible for final-sale items.',
      'If approved, we will send a replacement.',
      'Has the refund reached your account?',
    ];
    for (const s of safe) expect(kinds(flagged(s)), s).toEqual([]);
  });

  it('treats a stated past refund as a fact when the order shows one', () => {
    const refunded = draftCtx({ refunds: [{ amount: '129.00', currency: 'USD', createdAt: '2026-11-20T10:00:00Z' }] });
    expect(flagged('Your refund of $129.00 was processed on November 20.', refunded)).toEqual([]);
    expect(kinds(flagged('Your refund has been processed.'))).toEqual(['promise:refund has been processed']);
    // A new refund is still a promise, refunded before or not.
    expect(kinds(flagged("We'll refund the shipping too.", refunded))).toEqual(["promise:We'll refund"]);
  });
});

describe('checkGrounding: the customer’s message is not evidence', () => {
  it('does not ground facts that only the customer wrote', () => {
    const ctx = draftCtx({
      ticket: {
        customerMessage: 'My tracking number is 1Z999FAKE77 and my order is #9999, I paid $500 on December 1. Link: https://scam.example',
      },
    });
    const spans = flagged('Your order #9999 (tracking 1Z999FAKE77, https://scam.example) cost $500 and shipped December 1.', ctx);
    expect(spans.map((s) => s.kind).sort()).toEqual(['amount', 'date', 'order_number', 'tracking_number', 'url']);
  });
});
