import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DraftContext, DraftShipment } from '@/lib/domain/draft-context';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { formatDay } from '@/lib/domain/drafts/wording';
import { checkGrounding } from '@/lib/domain/grounding';
import { INTENTS, SHIPMENT_STATES, type Intent, type PromiseKind, type ShipmentState } from '@/lib/domain/types';
import { draftCtx, NOW, shipmentCtx } from '../helpers/draft-context-fixture';

// Every intent × shipment situation × verdict × tone must give a draft that passes the grounding
// check, greets and signs off properly, and states the facts that matter.

const STYLES = ['warm', 'concise', 'formal'] as const;
// What a policy typically allows when it automates each intent; human review allows nothing.
const AUTOMATE_ALLOWS: Record<Intent, PromiseKind[]> = {
  wismo: [],
  cancel: ['cancellation', 'refund'],
  address_change: ['address_change'],
  return_exchange: ['return_label', 'exchange', 'refund'],
  refund: ['refund'],
  damaged: ['replacement'],
  not_received: ['replacement'],
  other: [],
};

function shipmentIn(state: ShipmentState): DraftShipment {
  return shipmentCtx({
    state,
    lastEventStatus:
      state === 'delivered' ? 'delivered' : state === 'exception' ? 'attempted_delivery' : state === 'label_created' ? null : 'in_transit',
    lastEventAt: state === 'label_created' || state === 'unfulfilled' ? null : '2026-11-23T21:10:00.000Z',
    deliveredAt: state === 'delivered' ? '2026-11-22T17:00:00.000Z' : null,
    estimatedDeliveryAt: state === 'delivered' ? null : state === 'delayed' ? '2026-11-21T20:00:00.000Z' : '2026-11-26T20:00:00.000Z',
  });
}

type Situation = { label: string; over: Partial<DraftContext> };
const situations: Situation[] = [
  ...SHIPMENT_STATES.filter((s) => s !== 'unfulfilled').map((state) => ({ label: state, over: { shipments: [shipmentIn(state)] } })),
  { label: 'not shipped', over: { shipments: [] } },
  {
    label: 'two parcels',
    over: {
      shipments: [shipmentCtx({ name: '#1043.1' }), shipmentIn('delivered')].map((s, i) => ({
        ...s,
        name: `#1043.${i + 1}`,
        trackingNumber: i ? '9400111899223344556677' : s.trackingNumber,
        trackingUrl: i ? 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677' : s.trackingUrl,
        carrier: i ? 'USPS' : 'UPS',
      })),
    },
  },
  { label: 'no tracking details', over: { shipments: [shipmentCtx({ carrier: null, trackingNumber: null, trackingUrl: null })] } },
  {
    label: 'cancelled order, refunded',
    over: {
      shipments: [],
      order: { ...draftCtx().order!, cancelledAt: '2026-11-20T09:00:00.000Z', fulfillmentStatus: null, financialStatus: 'refunded' },
      refunds: [{ amount: '129.00', currency: 'USD', createdAt: '2026-11-20T09:05:00.000Z' }],
    },
  },
  { label: 'partly refunded', over: { refunds: [{ amount: '20.00', currency: 'USD', createdAt: '2026-11-21T12:00:00.000Z' }] } },
  { label: 'no order matched', over: { order: null, shipments: [] } },
];

function ctxFor(
  intent: Intent,
  situation: Situation,
  decision: 'automate' | 'human_review',
  style: (typeof STYLES)[number],
  firstName: string | null = 'Pat',
) {
  return draftCtx({
    ...situation.over,
    intent,
    customer: { firstName, email: 'pat@example.com' },
    brand: { style },
    verdict:
      decision === 'automate'
        ? { decision, allowedPromises: AUTOMATE_ALLOWS[intent] }
        : { decision, nextStep: 'assign_human_review', allowedPromises: [] },
  });
}

describe('templateDraft: every combination is grounded and well formed', () => {
  for (const intent of INTENTS) {
    for (const situation of situations) {
      for (const decision of ['automate', 'human_review'] as const) {
        it(`${intent} / ${situation.label} / ${decision}`, () => {
          for (const style of STYLES) {
            const ctx = ctxFor(intent, situation, decision, style);
            const { text, templateId } = templateDraft(ctx);
            const grounding = checkGrounding(text, ctx);
            expect(grounding.spans, `${style}: ${text}`).toEqual([]);
            expect(templateId.startsWith(`${intent}.`)).toBe(true);
            expect(text.split('\n')[0]).toBe(style === 'formal' ? 'Dear Pat,' : 'Hi Pat,');
            expect(text.trimEnd().endsWith('Sam at Northwind') || text.trimEnd().endsWith('Northwind Outfitters')).toBe(true);
            expect(text).not.toMatch(/\bundefined\b|\bnull\b|\[object|\{\{|NaN/);
            // A holding reply names no time it can't back.
            if (decision === 'human_review') expect(text).not.toMatch(/\b\d+\s*(?:hours?|days?|business days?)\b|\bwithin\b/i);
            if (ctx.order) expect(text).toContain(ctx.order.name);
            else expect(text).toMatch(/order number/);
          }
        });
      }
    }
  }
});

describe('templateDraft: the facts that matter', () => {
  for (const intent of ['wismo', 'not_received'] as const) {
    for (const state of SHIPMENT_STATES.filter((s) => s !== 'unfulfilled')) {
      it(`${intent} / ${state} states the carrier, tracking number, link and the dates`, () => {
        for (const style of STYLES) {
          const ctx = ctxFor(intent, { label: state, over: { shipments: [shipmentIn(state)] } }, 'automate', style);
          const s = ctx.shipments[0];
          const { text } = templateDraft(ctx);
          expect(text).toContain('#1043');
          expect(text).toContain('UPS');
          expect(text).toContain(s.trackingNumber!);
          expect(text).toContain(s.trackingUrl!);
          if (state === 'delivered') expect(text).toContain(formatDay(s.deliveredAt!, style, NOW));
          if (state === 'in_transit' || state === 'delayed') expect(text).toContain(formatDay(s.lastEventAt!, style, NOW));
          if (state === 'in_transit') expect(text).toContain(formatDay(s.estimatedDeliveryAt!, style, NOW));
        }
      });
    }
  }

  it('lists every parcel of a split shipment', () => {
    const ctx = ctxFor(
      'wismo',
      situations.find((s) => s.label === 'two parcels')!,
      'automate',
      'warm',
    );
    const { text } = templateDraft(ctx);
    expect(text).toContain('2 parcels');
    expect(text).toContain('1Z999AA10123456784');
    expect(text).toContain('9400111899223344556677');
    expect(text).toContain('USPS');
  });

  it('states a refund already made, with its amount and day', () => {
    const ctx = ctxFor(
      'refund',
      situations.find((s) => s.label === 'partly refunded')!,
      'human_review',
      'warm',
    );
    expect(templateDraft(ctx).text).toContain('We refunded $20.00 to your original payment method on Saturday, November 21.');
  });

  it('asks for photos of damage only when none came with the message', () => {
    const base = ctxFor('damaged', situations[0], 'human_review', 'warm');
    expect(templateDraft(base).text).toMatch(/photo/);
    expect(templateDraft({ ...base, ticket: { ...base.ticket, attachmentCount: 2 } }).text).toContain('Thank you for the photos.');
  });
});

describe('templateDraft: promises follow the verdict', () => {
  // If the template promised something and the verdict did not allow it, grounding would flag it:
  // so an allowed-promise template checked against an empty allow-list must be flagged.
  const promising: [Intent, PromiseKind][] = [
    ['cancel', 'cancellation'],
    ['address_change', 'address_change'],
    ['return_exchange', 'return_label'],
    ['refund', 'refund'],
    ['damaged', 'replacement'],
  ];
  for (const [intent, kind] of promising) {
    it(`${intent}: promises ${kind} only when allowed`, () => {
      const ctx = draftCtx({
        intent,
        shipments: intent === 'cancel' || intent === 'address_change' ? [] : [shipmentIn('delivered')],
        verdict: { decision: 'automate', allowedPromises: [kind] },
      });
      const { text } = templateDraft(ctx);
      expect(checkGrounding(text, ctx).ok).toBe(true);
      const strict = { ...ctx, verdict: { ...ctx.verdict, allowedPromises: [] } };
      expect(checkGrounding(text, strict).spans.some((s) => s.kind === 'promise')).toBe(true);
      // With nothing allowed, the template itself becomes a holding reply.
      expect(templateDraft(strict).templateId).toMatch(/\.hold$/);
    });
  }

  it('not_received after delivery offers a replacement only when allowed', () => {
    const allowed = ctxFor('not_received', { label: 'delivered', over: { shipments: [shipmentIn('delivered')] } }, 'automate', 'warm');
    expect(templateDraft(allowed).text).toMatch(/replacement/);
    const held = ctxFor('not_received', { label: 'delivered', over: { shipments: [shipmentIn('delivered')] } }, 'human_review', 'warm');
    expect(templateDraft(held).text).not.toMatch(/replacement/);
  });
});

describe('templateDraft: tone', () => {
  it('changes the wording, not the facts', () => {
    const texts = STYLES.map((style) => templateDraft(ctxFor('wismo', situations[1], 'automate', style)).text);
    expect(new Set(texts).size).toBe(3);
    for (const t of texts) expect(t).toContain('1Z999AA10123456784');
    expect(texts[0]).toContain('Warm wishes,');
    expect(texts[1]).toContain('Thanks,\nSam at Northwind');
    expect(texts[2]).toContain('Kind regards,');
    expect(texts[1].length).toBeLessThan(texts[0].length);
  });

  it('writes the formal style without contractions, leaving store names untouched', () => {
    for (const intent of INTENTS) {
      for (const situation of situations) {
        const ctx = ctxFor(intent, situation, 'human_review', 'formal');
        const named = {
          ...ctx,
          order: ctx.order ? { ...ctx.order, items: [{ title: "It's Cozy Blanket", quantity: 1, price: '129.00' }] } : null,
        };
        const { text } = templateDraft(named);
        expect(text.replace("It's Cozy Blanket", ''), text).not.toMatch(/\b\w+(?:n't|'ll|'ve|'re|'m)\b/i);
      }
    }
  });

  it('greets without a name when none is known', () => {
    expect(templateDraft(ctxFor('wismo', situations[1], 'automate', 'warm', null)).text.startsWith('Hi there,')).toBe(true);
    expect(templateDraft(ctxFor('wismo', situations[1], 'automate', 'formal', null)).text.startsWith('Hello,')).toBe(true);
  });
});

describe('templateDraft: grounded for any context (property)', () => {
  const day = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T23:59:59Z') })
    .map((t) => new Date(t).toISOString());
  const shipment = fc.record({
    name: fc.option(fc.constantFrom('#1043.1', '#1043.2', '#1043-F3'), { nil: null }),
    carrier: fc.option(fc.constantFrom('UPS', 'USPS', 'FedEx', 'DHL Express', 'Canada Post', 'Royal Mail', 'Evri', 'Acme Freight'), {
      nil: null,
    }),
    trackingNumber: fc.option(fc.constantFrom('1Z999AA10123456784', '9400111899223344556677', 'LX123456789CN', '794612345678'), {
      nil: null,
    }),
    trackingUrl: fc.option(
      fc.constantFrom(
        'https://www.ups.com/track?tracknum=1Z999AA10123456784',
        'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677',
        'https://track.example/abc',
      ),
      { nil: null },
    ),
    state: fc.constantFrom(...SHIPMENT_STATES),
    reason: fc.constant('Carrier data.'),
    lastEventAt: fc.option(day, { nil: null }),
    lastEventStatus: fc.option(
      fc.constantFrom('in_transit', 'out_for_delivery', 'delivered', 'failure', 'attempted_delivery', 'label_printed'),
      { nil: null },
    ),
    estimatedDeliveryAt: fc.option(day, { nil: null }),
    deliveredAt: fc.option(day, { nil: null }),
  });
  const context = fc.record({
    intent: fc.constantFrom(...INTENTS),
    style: fc.constantFrom(...STYLES),
    firstName: fc.option(fc.constantFrom('Pat', 'Zoë', "O'Neil"), { nil: null }),
    now: day,
    hasOrder: fc.boolean(),
    currency: fc.constantFrom('USD', 'EUR', 'GBP', 'CAD', 'JPY', 'SEK'),
    total: fc.integer({ min: 1, max: 500_000 }).map((c) => (c / 100).toFixed(2)),
    quantity: fc.integer({ min: 1, max: 4 }),
    cancelledAt: fc.option(day, { nil: null }),
    shipments: fc.array(shipment, { maxLength: 3 }),
    refunds: fc.array(
      fc.record({
        amount: fc.integer({ min: 1, max: 50_000 }).map((c) => (c / 100).toFixed(2)),
        currency: fc.constant(null),
        createdAt: day,
      }),
      { maxLength: 2 },
    ),
    decision: fc.constantFrom('automate' as const, 'human_review' as const),
    allowed: fc.subarray([
      'refund',
      'return_label',
      'credit',
      'discount',
      'cancellation',
      'address_change',
      'exchange',
      'replacement',
    ] as PromiseKind[]),
    attachments: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  });

  it('never states a fact or a promise the context does not back', () => {
    fc.assert(
      fc.property(context, (c) => {
        const base = draftCtx();
        const ctx = draftCtx({
          now: c.now,
          intent: c.intent,
          brand: { style: c.style },
          customer: { firstName: c.firstName, email: null },
          ticket: { attachmentCount: c.attachments },
          order: c.hasOrder
            ? {
                ...base.order!,
                currency: c.currency,
                totalPrice: c.total,
                cancelledAt: c.cancelledAt,
                items: [{ title: 'Trail Jacket', quantity: c.quantity, price: c.total }],
              }
            : null,
          shipments: c.hasOrder ? c.shipments : [],
          refunds: c.hasOrder ? c.refunds.map((r) => ({ ...r, currency: c.currency })) : [],
          verdict: { decision: c.decision, allowedPromises: c.allowed },
        });
        const { text } = templateDraft(ctx);
        expect(checkGrounding(text, ctx).spans, text).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
