import { describe, expect, it } from 'vitest';
import { templateDraft } from '@/lib/domain/drafts/templates';
import {
  fillPlaceholders,
  placeholderText,
  promptExamples,
  taughtTemplateDraft,
  taughtVersion,
  type TaughtExample,
} from '@/lib/domain/drafts/taught-examples';
import { draftCtx, shipmentCtx } from '../helpers/draft-context-fixture';

// The rules that let one customer's taught reply shape another customer's draft (issue 17.8).

// Jane's ticket, where the example was taught: order #2002, a FedEx parcel in transit.
const janeCtx = draftCtx({
  customer: { firstName: 'Jane', email: 'jane@example.com' },
  order: {
    name: '#2002',
    createdAt: '2026-11-18T10:00:00.000Z',
    totalPrice: '80.00',
    currency: 'USD',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    cancelledAt: null,
    items: [{ title: 'Camp Mug', quantity: 1, price: '80.00' }],
    shippingCity: 'Denver',
  },
  shipments: [
    shipmentCtx({
      name: '#2002.1',
      carrier: 'FedEx',
      trackingNumber: '777766665555',
      trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr=777766665555',
    }),
  ],
});
const SENT =
  'Hey Jane!\n\nYour Camp Mug (order #2002) is with FedEx: https://www.fedex.com/fedextrack/?trknbr=777766665555\n\nCheers,\nSam at Northwind';
const example = (over: Partial<TaughtExample> = {}): TaughtExample => ({
  id: 7,
  draftId: 70,
  intent: 'wismo',
  sentText: SENT,
  context: janeCtx,
  customerName: 'Jane Doe',
  ...over,
});

describe('taught examples', () => {
  it('write the example’s own facts as placeholders, longest first (the tracking number inside its link goes with the link)', () => {
    expect(placeholderText(SENT, janeCtx, 'Jane Doe')).toBe(
      'Hey {first_name}!\n\nYour {item} (order {order_number}) is with {carrier}: {tracking_url}\n\nCheers,\n{signature}',
    );
  });

  it('fill a fitting example with this ticket’s facts, and it passes grounding', () => {
    const pat = draftCtx(); // Pat, #1043, UPS in transit: the same situation as Jane's
    const t = taughtTemplateDraft(pat, [example()]);
    expect(t?.text).toBe(
      'Hey Pat!\n\nYour Trail Jacket (order #1043) is with UPS: https://www.ups.com/track?tracknum=1Z999AA10123456784\n\nCheers,\nSam at Northwind',
    );
    expect(t?.templateId).toBe(`${templateDraft(pat).templateId}+taught.7`);
  });

  it('are not used as template text for another situation, intent or language', () => {
    const delayed = draftCtx({ shipments: [shipmentCtx({ state: 'delayed', reason: 'No scan for 6 days.' })] });
    expect(taughtTemplateDraft(delayed, [example()])).toBeNull();
    expect(taughtTemplateDraft(draftCtx({ intent: 'not_received' }), [example()])).toBeNull();
    const spanish = draftCtx({ ticket: { customerMessage: 'Hola, ¿dónde está mi pedido? Gracias por la ayuda con el envío' } });
    expect(taughtTemplateDraft(spanish, [example()])).toBeNull();
    expect(promptExamples(spanish, [example()]).used).toEqual([]);
  });

  it('are not used when a fact of the other customer is left over: a date, a full name, a second parcel', () => {
    const pat = draftCtx();
    // A date from Jane's order is no date of Pat's: grounding rejects the filled text.
    expect(taughtTemplateDraft(pat, [example({ sentText: `${SENT}\n\nIt shipped on Wednesday, November 18.` })])).toBeNull();
    // Jane's surname has no counterpart on Pat's ticket.
    const full = example({ sentText: SENT.replace('Hey Jane!', 'Dear Jane Doe,') });
    expect(taughtTemplateDraft(pat, [full])).toBeNull();
    expect(promptExamples(pat, [full]).texts[0]).toContain('Dear {customer_name},');
    // A tracking number that is not the primary parcel's is not Pat's either.
    expect(taughtTemplateDraft(pat, [example({ sentText: `${SENT}\nThe other box is 1Z5550001112223334.` })])).toBeNull();
  });

  it('are not used when this ticket lacks a fact the example names', () => {
    const noName = draftCtx({ customer: { firstName: null, email: 'pat@example.com' } });
    expect(fillPlaceholders('Hey {first_name}!', noName)).toBeNull();
    expect(taughtTemplateDraft(noName, [example()])).toBeNull();
  });

  it('never let a promise through that the verdict does not allow', () => {
    const promising = example({ sentText: `${SENT}\n\nIf it's not there by Friday we'll send you a replacement.` });
    expect(taughtTemplateDraft(draftCtx(), [promising])).toBeNull();
  });

  it('name their set in the version: a new example, an edit or a removal changes it', () => {
    const a = example();
    const b = example({ id: 8, sentText: 'Hi {first_name}' });
    expect(taughtVersion('draft-reply.v1', [])).toBe('draft-reply.v1');
    const ab = taughtVersion('draft-reply.v1', [a, b]);
    expect(ab).toMatch(/^draft-reply\.v1\+taught\.[0-9a-f]{8}$/);
    expect(taughtVersion('draft-reply.v1', [b, a])).toBe(ab);
    expect(taughtVersion('draft-reply.v1', [a])).not.toBe(ab);
    expect(taughtVersion('draft-reply.v1', [a, { ...b, sentText: 'Hello {first_name}' }])).not.toBe(ab);
  });
});
