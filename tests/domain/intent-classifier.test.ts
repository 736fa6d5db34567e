import { describe, expect, it } from 'vitest';
import { classifyIntent, RULES_CONFIDENT_AT } from '@/lib/domain/intent/classify';
import { extractOrderNumbers } from '@/lib/domain/intent/order-numbers';
import { stripQuotedAndSignature } from '@/lib/domain/intent/normalize';

const intent = (text: string, extra: Partial<Parameters<typeof classifyIntent>[0]> = {}) => classifyIntent({ text, ...extra }).intent;

describe('rules classifier', () => {
  it.each([
    ['wismo', 'Hi, where is my order? It has been 10 days.'],
    ['wismo', 'wheres my pakage?? 😡'],
    ['wismo', 'Any update on the shipping status for #1043?'],
    ['wismo', 'Has my order shipped yet'],
    ['wismo', 'Hola! Dónde está mi pedido? Gracias'],
    ['cancel', 'Please cancel my order, I ordered the wrong size'],
    ['cancel', 'pls cancle order 1043 thx'],
    ['cancel', 'Je voudrais annuler ma commande'],
    ['address_change', 'I put the wrong address, can you change it to 12 Oak St?'],
    ['address_change', 'Can you ship it to my work address instead?'],
    ['return_exchange', 'The boots are too small, can I exchange them for a 10.5?'],
    ['return_exchange', 'How do I return this? Need a return label'],
    ['refund', 'I want my money back'],
    ['refund', 'You charged me twice for the same order'],
    ['damaged', 'The mug arrived cracked'],
    ['damaged', 'You sent me the wrong item'],
    ['damaged', 'The headlamp stopped working after two days'],
    ['not_received', 'Tracking says delivered but I never got it'],
    ['not_received', 'I think my package was stolen from the porch'],
    ['other', 'Do you have a discount code for first orders?'],
    ['other', 'Is the jacket waterproof?'],
  ])('%s: %s', (expected, text) => {
    expect(intent(text)).toBe(expected);
  });

  it('respects negation', () => {
    expect(intent("I don't want to cancel, just tell me where it is")).toBe('wismo');
    expect(intent('No need to return anything, I just want to know where my order is')).toBe('wismo');
  });

  it('picks the primary request of mixed messages', () => {
    expect(intent('It arrived broken and I want a refund')).toBe('damaged');
    expect(intent('Please cancel my order, or if it already shipped I will return it')).toBe('cancel');
    expect(intent('Tracking says delivered but I never got it, I want my money back')).toBe('not_received');
  });

  it('tells context from the request', () => {
    // a cancellation in the past is context for a money question
    expect(intent('I cancelled it last week and the charge is still pending on my card')).toBe('refund');
    expect(intent('I sent my return back 3 weeks ago and still have not received my refund')).toBe('refund');
    // a delivery to the wrong place already happened: not an address change
    expect(intent('UPS delivered it to my old address and the new tenants do not have it')).toBe('not_received');
    expect(intent('zip is wrong on order 1150, should be 10025')).toBe('address_change');
    expect(intent('Before I buy: will the ring tarnish?')).toBe('other');
    expect(intent('Hallo, die Tasse ist kaputt angekommen.')).toBe('damaged');
    expect(intent("Merci de modifier l'adresse de livraison : 3 avenue Foch, Paris")).toBe('address_change');
  });

  it('lets the word statistics decide only what the rules leave open, below the model threshold', () => {
    const sure = classifyIntent({ text: 'Where is my order #1043?' });
    expect(sure.decidedBy).toBe('rules');
    // No rule knows this wording; the learned weights of the labelled messages' words lean clearly toward WISMO.
    const open = classifyIntent({ text: 'my order?? its been 9 days' });
    expect(open).toMatchObject({ intent: 'wismo', decidedBy: 'words' });
    expect(open.confidence).toBeLessThan(RULES_CONFIDENT_AT);
    expect(open.reasons[0]).toMatch(/no rule was sure; the words of \d+ labelled messages lean wismo \(/);
    const unknown = classifyIntent({ text: 'zzqx vvbn' });
    expect(unknown).toMatchObject({ intent: 'other', decidedBy: 'rules', confidence: 0.4 });
  });

  it('ignores a quoted older email and a signature', () => {
    const text =
      'Thanks, where is it now?\n\nOn Mon, Nov 3, 2026 at 10:00 AM Support <help@brand.com> wrote:\n> We have processed your refund and cancelled the order.';
    expect(intent(text)).toBe('wismo');
    const signed = 'Where is my order?\n\nBest regards,\nTom Baker\nRefund Department, Acme LLC';
    expect(intent(signed)).toBe('wismo');
    expect(stripQuotedAndSignature(signed)).toBe('Where is my order?');
  });

  it('leans on the order state', () => {
    expect(intent('where is it??', { order: { delivered: true, fulfilled: true, cancelled: false } })).toBe('not_received');
    expect(intent('where is it??', { order: { delivered: false, fulfilled: true, cancelled: false } })).toBe('wismo');
    expect(intent('I want to cancel', { order: { delivered: true, fulfilled: true, cancelled: false } })).toBe('return_exchange');
  });

  it('returns reasons, a confidence and the path that decided', () => {
    const c = classifyIntent({ text: 'Where is my order #1043?' });
    expect(c).toMatchObject({ intent: 'wismo', decidedBy: 'rules', orderNumbers: ['1043'] });
    expect(c.confidence).toBeGreaterThan(0.8);
    expect(c.reasons[0]).toMatch(/matched "where is my order"/);
    const unsure = classifyIntent({ text: 'hello?' });
    expect(unsure).toMatchObject({ intent: 'other' });
    expect(unsure.confidence).toBeLessThan(0.6);
  });

  it('extracts order numbers without catching phone numbers or prices', () => {
    expect(extractOrderNumbers('Order #1043 and order number: 1044, also order 1045')).toEqual(['1043', '1044', '1045']);
    expect(extractOrderNumbers('Call me at 555 123 4567, it cost $1043')).toEqual([]);
  });
});
