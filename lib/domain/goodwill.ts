import { normalizeForMatching } from './intent/normalize';

// Goodwill and retention requests: the customer asks for something beyond the order itself (a
// discount, a credit, compensation, "make it right", or threatens to leave). Those are a person's
// call, always: the policy turns a detected request into human review whatever the intent says.
// Checked on the accent-folded text, English plus the five languages the classifier reads.

const CUES: { label: string; re: RegExp }[] = [
  {
    label: 'asks for a discount or a code',
    re: /\b(discount|coupon|promo code|voucher|descuento|cupon|remise|reduction|code promo|rabatt|gutschein|sconto|buono|desconto)\b/,
  },
  {
    label: 'asks for store credit or compensation',
    re: /\b(store credit|credit (on|to) my account|account credit|compensat\w*|gesture of goodwill|goodwill|something for the (trouble|inconvenience)|credito|compensacion|avoir|dedommagement|geste commercial|entschadigung|kulanz|indennizzo|risarcimento|compensacao)\b/,
  },
  {
    label: 'asks to make it right',
    re: /\b(make (it|this|things) right|make up for|what (are|will) you (going to )?do (about|for) (it|this|me)|deserve (something|a discount|better))\b/,
  },
  {
    label: 'threatens to leave or cancel the subscription',
    re: /\b(never (order|buy|shop)\w* (from you )?again|take my business elsewhere|lost a customer|last time i (order|buy|shop)|cancel my subscription unless|unless you (give|offer))\b/,
  },
];

export interface GoodwillSignal {
  requested: boolean;
  cues: string[];
}

export function detectGoodwillRequest(text: string): GoodwillSignal {
  const t = normalizeForMatching(text);
  const cues = CUES.filter((c) => c.re.test(t)).map((c) => c.label);
  return { requested: cues.length > 0, cues };
}
