import { describe, expect, it } from 'vitest';
import { findPromises } from '@/lib/domain/facts/promises';
import type { PromiseKind } from '@/lib/domain/types';

const found = (s: string) => findPromises(s).map((p) => p.kind);

describe('findPromises: commitments are found', () => {
  const cases: [string, PromiseKind[]][] = [
    ["I've refunded your order.", ['refund']],
    ['I refunded the shipping fee.', ['refund']],
    ['We will refund you in full.', ['refund']],
    ["You'll receive a full refund.", ['refund']],
    ['Your refund has been processed.', ['refund']],
    ['Refund issued.', ['refund']],
    ['The payment will go back to your original payment method.', ['refund']],
    ['Once the parcel is back with us, we will refund you.', ['refund']],
    ["Here's a 10% discount for the trouble.", ['discount']],
    ['Use code THANKS15 at checkout.', ['discount']],
    ['Enjoy 15% off your next order.', ['discount']],
    ["I've added $10 of store credit to your account.", ['credit']],
    ["I've cancelled your order.", ['cancellation']],
    ['No problem, we will cancel it right away.', ['cancellation']],
    ["We're updating the shipping address now.", ['address_change']],
    ["I'll email you a return label.", ['return_label']],
    ['You can return it within the window.', ['return_label']],
    ["We'll send you a replacement at no cost.", ['replacement']],
    ["If you're not happy with it, we'll send a replacement.", ['replacement']],
    ["I'd be happy to exchange it for a different size.", ['exchange']],
    ['Would you like a refund or an exchange?', ['refund', 'exchange']],
    ["Let me know if you'd prefer store credit.", ['credit']],
    ["Unfortunately we can't refund it, but we'll send a replacement.", ['replacement']],
  ];
  for (const [sentence, kinds] of cases) {
    it(sentence, () => expect(found(sentence).sort()).toEqual([...kinds].sort()));
  }
});

describe('findPromises: mentions that commit to nothing are left alone', () => {
  const safe = [
    "We can't refund this order.",
    'We are unable to offer store credit.',
    "We won't be able to cancel it now.",
    'A refund is not possible for final-sale items.',
    'No refund has been issued yet.',
    'A teammate will review whether a refund is possible.',
    'I have passed your refund request to a teammate who can approve it.',
    'If approved, we will refund you.',
    'If the return is eligible, we will email a return label.',
    'I understand you would like a refund.',
    "Thanks for your cancellation request; I've passed it to a colleague.",
    'We may be able to offer a replacement.',
    'Has the refund arrived?',
    'Refunds usually take a few days to show up.',
    'Our exchange rate is set by your bank.',
    "I'm not able to change the address, as it has already shipped.",
  ];
  for (const sentence of safe) it(sentence, () => expect(findPromises(sentence)).toEqual([]));
});

describe('findPromises: spans and tense', () => {
  it('spans the commitment, not the whole message', () => {
    const text = 'Hi Pat. Thanks for waiting. I have issued a full refund today.';
    const [p] = findPromises(text);
    expect(p.text).toBe('I have issued a full refund');
    expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(p.past).toBe(true);
  });

  it('marks future promises as not past', () => {
    expect(findPromises('We will send a replacement.')[0].past).toBe(false);
  });
});
