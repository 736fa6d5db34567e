import { describe, expect, it } from 'vitest';
import { classifyIntent } from '@/lib/domain/intent/classify';
import { intentDisagreement } from '@/lib/domain/intent/gorgias-disagreement';

// Issue 20.6: a product question about a sleeping bag's zip was read as an address change against
// Gorgias's own "product/question" tag. The disagreement must be visible.

describe('Gorgias’s intent against Concord’s (20.6)', () => {
  it('finds Gorgias’s label among the classifier’s reasons and in the ticket’s tags', () => {
    expect(
      intentDisagreement(
        'address_change',
        ['address_change: matched "zip" (address words)', 'other: Gorgias tagged the message product/question'],
        [],
      ),
    ).toEqual({ gorgias: 'product/question', gorgiasIntent: 'other', concord: 'address_change' });
    expect(intentDisagreement('address_change', [], ['product-question'])).toEqual({
      gorgias: 'product/question',
      gorgiasIntent: 'other',
      concord: 'address_change',
    });
  });

  it('is silent when Gorgias agrees, or said nothing', () => {
    expect(intentDisagreement('cancel', ['cancel: Gorgias tagged the message order/cancel'], [])).toBeNull();
    expect(intentDisagreement('wismo', ['wismo: matched "where is"'], ['vip'])).toBeNull();
    expect(intentDisagreement(null, [], ['product-question'])).toBeNull();
  });

  it('reads the classifier’s own record of Gorgias’s intents', () => {
    const c = classifyIntent({
      text: 'Can you change the address on the zip of my sleeping bag? wrong shipping address',
      gorgiasIntents: ['product/question'],
    });
    const d = intentDisagreement(c.intent, c.reasons, []);
    if (c.intent !== 'other') expect(d).toEqual({ gorgias: 'product/question', gorgiasIntent: 'other', concord: c.intent });
    else expect(d).toBeNull();
  });
});
