import { describe, expect, it } from 'vitest';
import { parseAddressFromMessage } from '@/lib/domain/address-from-message';
import { caseReason, caseRouting } from '@/lib/domain/case-routing';
import { actionReply, ACTION_REPLY_LANGUAGES } from '@/lib/domain/drafts/action-replies';
import { detectLanguage } from '@/lib/domain/language';
import { pickExchangeVariant, returnReasonFromWords } from '@/lib/domain/return-reasons';
import { defaultSettings, settingsSchema } from '@/lib/domain/settings';
import type { Verdict } from '@/lib/domain/types';

describe('detectLanguage', () => {
  it.each([
    ['Hi, please cancel my order, I changed my mind', 'en'],
    ['Hola, quiero cancelar mi pedido por favor', 'es'],
    ["Bonjour, je voudrais annuler ma commande s'il vous plaît", 'fr'],
    ['Hallo, ich möchte meine Bestellung bitte stornieren', 'de'],
    ['Ciao, vorrei annullare il mio ordine, grazie', 'it'],
    ['Olá, gostaria de cancelar a minha encomenda, obrigado', 'pt'],
    ['ok', 'unknown'],
  ])('%s → %s', (text, lang) => expect(detectLanguage(text).language).toBe(lang));
});

describe('parseAddressFromMessage', () => {
  it('reads a one-line US address with a unit, cut before the sign-off', () => {
    expect(parseAddressFromMessage('New address: 42 Maple Avenue, Apt 3B, Springfield, IL 62704. Thanks!', 'US')).toEqual({
      found: true,
      complete: true,
      address: {
        countryCode: 'US',
        zip: '62704',
        provinceCode: 'IL',
        address1: '42 Maple Avenue',
        address2: 'Apt 3B',
        city: 'Springfield',
      },
    });
  });
  it('reads a multi-line address and a German one with the country named', () => {
    expect(parseAddressFromMessage('Please ship it to\n42 Maple Avenue\nSpringfield, IL 62704\nUSA\n\nSam', 'US')).toMatchObject({
      complete: true,
      address: { city: 'Springfield', zip: '62704' },
    });
    expect(parseAddressFromMessage('Neue Adresse: Hauptstraße 5, 10115 Berlin, Deutschland', 'US')).toMatchObject({
      complete: true,
      address: { countryCode: 'DE', zip: '10115', city: 'Berlin', address1: 'Hauptstraße 5' },
    });
  });
  it('says what is missing, and rejects a postal code that does not fit the country', () => {
    expect(parseAddressFromMessage('ship it to 42 Maple Avenue, Springfield', 'US')).toMatchObject({
      complete: false,
      missing: ['postal code', 'state or province'],
    });
    expect(parseAddressFromMessage('New address: 42 Maple Avenue, Springfield, IL 627', 'US')).toMatchObject({ complete: false });
    expect(parseAddressFromMessage('I moved, can you help?', 'US')).toEqual({ found: false });
  });
});

describe('returnReasonFromWords and pickExchangeVariant', () => {
  it('maps the words to a library handle, else "other" with the words as the note', () => {
    expect(returnReasonFromWords('It is too small for me')).toMatchObject({ handle: 'too-small', matched: true });
    expect(returnReasonFromWords('Es demasiado pequeño')).toMatchObject({ handle: 'too-small' });
    expect(returnReasonFromWords('The zipper broke after one day')).toMatchObject({ handle: 'defective' });
    const other = returnReasonFromWords('My aunt already bought me one');
    expect(other).toEqual({ handle: 'other', matched: false, note: 'My aunt already bought me one' });
    expect(returnReasonFromWords('x'.repeat(400)).note).toHaveLength(255);
  });
  it('picks the one available variant that changes only the option the customer named', () => {
    const current = [
      { name: 'Size', value: 'M' },
      { name: 'Color', value: 'Blue' },
    ];
    const v = (id: string, size: string, color: string, available = true) => ({
      id,
      title: `${size} / ${color}`,
      availableForSale: available,
      options: [
        { name: 'Size', value: size },
        { name: 'Color', value: color },
      ],
    });
    const variants = [v('m-blue', 'M', 'Blue'), v('l-blue', 'L', 'Blue'), v('l-red', 'L', 'Red'), v('m-red', 'M', 'Red', false)];
    expect(pickExchangeVariant('swap for size L please', current, variants)?.id).toBe('l-blue');
    expect(pickExchangeVariant('can I have the red one', current, variants)).toBeNull(); // M/Red is sold out
    expect(pickExchangeVariant('exchange please', current, variants)).toBeNull();
  });
});

describe('actionReply', () => {
  const tone = defaultSettings().tone;
  it('the cancel reply says exactly the refund and email choices', () => {
    const refund = actionReply(
      'cancel',
      'en',
      { firstName: 'Sam', orderName: '#1001', amount: '80.00 USD', refund: true, notifyCustomer: true },
      tone,
    )!;
    expect(refund).toContain('The full payment of 80.00 USD is being refunded');
    expect(refund).toContain('cancellation confirmation by email');
    const none = actionReply(
      'cancel',
      'en',
      { firstName: 'Sam', orderName: '#1001', amount: '80.00 USD', refund: false, notifyCustomer: false },
      tone,
    )!;
    expect(none).toContain('No refund has been issued');
    expect(none).not.toContain('email');
  });
  it('exists in every language the classifier reads, in the brand tone, and not for an unknown language', () => {
    expect(ACTION_REPLY_LANGUAGES.sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'pt']);
    const formal = { ...tone, style: 'formal' as const, agentSignature: 'Northbound Care' };
    expect(actionReply('return', 'de', { firstName: 'Jonas', orderName: '#1', items: '1 × Jacke' }, formal)).toMatch(
      /^Sehr geehrte\/r Jonas,[\s\S]*Mit freundlichen Grüßen\nNorthbound Care$/,
    );
    expect(actionReply('address_missing', 'fr', { firstName: null, orderName: '#1', missing: ['postal code'] }, tone)).toContain(
      'le code postal',
    );
    expect(actionReply('cancel', 'unknown', { firstName: null, orderName: '#1' }, tone)).toBeNull();
  });
});

describe('case routing', () => {
  const v = (rule: string, reasons: string[] = []): Verdict => ({
    decision: 'human_review',
    nextStep: 'assign_human_review',
    rule,
    reasons,
    explanation: '',
    allowedPromises: [],
    summary: null,
  });
  const routing = settingsSchema.parse({
    routing: { humanReviewTeamId: 1, teams: { damaged: 2, goodwill: 3, vip: 4 }, priorities: { vip: 'high', goodwill: '' } },
  }).routing;
  it('goodwill first, then VIP, then the problem, else the review team', () => {
    expect(
      caseRouting(caseReason('damaged', v('damaged.no_evidence', ['a goodwill credit or retention offer needs approval']), true), routing),
    ).toEqual({ teamId: 3, priority: null });
    expect(caseRouting(caseReason('damaged', v('damaged.no_evidence'), true), routing)).toEqual({ teamId: 4, priority: 'high' });
    expect(caseRouting(caseReason('damaged', v('damaged.no_evidence'), false), routing)).toEqual({ teamId: 2, priority: null });
    expect(caseRouting(caseReason('not_received', v('not_received.delivered'), false), routing)).toEqual({ teamId: 1, priority: null });
    expect(caseReason('wismo', v('tracking.delayed'), false)).toBe('deliveryIssue');
    expect(caseRouting(caseReason('other', v('other'), false), routing)).toEqual({ teamId: 1, priority: null });
  });
});
