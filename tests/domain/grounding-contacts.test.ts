import { describe, expect, it } from 'vitest';
import { checkGrounding, type GroundingSpan } from '@/lib/domain/grounding';
import { draftCtx } from '../helpers/draft-context-fixture';

// Contact details and payment requests (issue 14 item 8): a phone number, an email address or a
// domain in a draft must come from the context (the brand's signature and guidance, the customer's
// own address, the tracking link); a request for card details is never backed by anything.

const kinds = (spans: GroundingSpan[]) => spans.map((s) => `${s.kind}:${s.text}`);
const flagged = (draft: string, ctx = draftCtx()) => kinds(checkGrounding(draft, ctx).spans);

const withContacts = () =>
  draftCtx({
    brand: {
      signature: 'Sam at Northwind · help@northwind.example · +1 (512) 555-0147',
      extraGuidance: 'Returns portal: returns.northwind.example',
    },
  });

describe('checkGrounding: phone numbers', () => {
  it('flags a phone number the context does not have, in its common written forms', () => {
    for (const phone of ['+1 (800) 555-0199', '800-555-0199', '(800) 555 0199', '+44 20 7946 0958', '800.555.0199']) {
      expect(flagged(`Please call us on ${phone} and we will sort it out.`), phone).toEqual([`phone:${phone}`]);
    }
  });

  it('flags a short number after "call"', () => {
    expect(flagged('Call 555-0199 any time.')).toEqual(['phone:555-0199']);
  });

  it('accepts the brand’s own number in another format', () => {
    expect(flagged('Call us on 512-555-0147 or +1 512 555 0147.', withContacts())).toEqual([]);
  });

  it('does not read dates, amounts or tracking numbers as phone numbers', () => {
    expect(flagged('Expected on 2026-11-26; tracking 1Z999AA10123456784; total $129.00.')).toEqual([]);
  });

  it('says which numbers are known', () => {
    const [span] = checkGrounding('Ring 800-555-0199.', withContacts()).spans;
    expect(span.kind).toBe('phone');
    expect(span.reason).toContain('+1 (512) 555-0147');
  });
});

describe('checkGrounding: email addresses', () => {
  it('flags an address that is neither the store’s nor the customer’s', () => {
    expect(flagged('Write to refunds@northwind-support.net with your order.')).toEqual(['email:refunds@northwind-support.net']);
  });

  it('accepts the store’s address from the signature and the customer’s own address', () => {
    expect(flagged('Reply to HELP@northwind.example; we will write to pat@example.com.', withContacts())).toEqual([]);
  });

  it('flags a look-alike of the store’s address', () => {
    expect(flagged('Write to help@northwind.example.co.', withContacts())).toEqual(['email:help@northwind.example.co']);
  });
});

describe('checkGrounding: bare domains', () => {
  it('flags a domain that is not the store’s or the carrier’s', () => {
    expect(flagged('Start your return at returns-northwind.com please.')).toEqual(['domain:returns-northwind.com']);
  });

  it('accepts the carrier’s domain, the store’s domains, and a www form', () => {
    expect(flagged('Track it on ups.com or www.ups.com, or start a return at returns.northwind.example.', withContacts())).toEqual([]);
  });

  it('accepts the domain of the store’s email address', () => {
    expect(flagged('See northwind.example for our policy.', withContacts())).toEqual([]);
  });

  it('does not read abbreviations, versions or decimals as domains', () => {
    expect(flagged('e.g. the Trail Jacket, i.e. size M. Version 2.5 is out. Total: $129.00.')).toEqual([]);
  });
});

describe('checkGrounding: requests for payment details', () => {
  it('flags every request for card details, whatever the context says', () => {
    const asks = [
      'Please send your card details so we can refund you.',
      'Could you reply with the full card number and expiry date?',
      'We just need the CVV on the back of your card.',
      'Please confirm your security code.',
      'Send us your credit card number and we will process it.',
    ];
    for (const ask of asks) {
      const spans = checkGrounding(ask, withContacts()).spans;
      expect(
        spans.map((s) => s.kind),
        ask,
      ).toContain('payment_request');
      expect(spans.find((s) => s.kind === 'payment_request')!.reason).toMatch(/never ask/i);
    }
  });

  it('flags a card number written in a draft', () => {
    expect(flagged('Is this your card: 4111 1111 1111 1111?')).toEqual(['payment_request:4111 1111 1111 1111']);
  });

  it('lets a draft mention the card that was charged without asking for it', () => {
    expect(flagged('The refund goes back to the card you paid with.')).toEqual([]);
  });

  it('does not treat the customer quoting a number as evidence', () => {
    const ctx = draftCtx({ ticket: { customerMessage: 'Call me on 800-555-0199 or mail me at pat.other@mail.example' } });
    expect(flagged('We will call you on 800-555-0199 and write to pat.other@mail.example.', ctx)).toEqual([
      'phone:800-555-0199',
      'email:pat.other@mail.example',
    ]);
  });
});

describe('checkGrounding: promise words inside addresses', () => {
  it('does not read “refunds@…” or a “/returns” link as a promise', () => {
    const ctx = draftCtx({ brand: { signature: 'refunds@northwind.example · https://northwind.example/returns' } });
    expect(flagged('Write to refunds@northwind.example or see https://northwind.example/returns.', ctx)).toEqual([]);
  });
});
