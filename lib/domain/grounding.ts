import type { DraftContext } from './draft-context';
import type { PromiseKind } from './types';
import { toMinorUnits } from './money';

// Every order number, tracking number, carrier, date, amount and URL a draft states must appear in
// the context it was given, and every promise must be allowed by the policy verdict. The customer's
// own message is not context: a customer quoting a fake tracking number must not ground it.

export type SpanKind = 'order_number' | 'tracking_number' | 'carrier' | 'date' | 'amount' | 'url' | 'promise';
export interface GroundingSpan {
  start: number;
  end: number;
  text: string;
  kind: SpanKind;
  reason: string;
}
export interface GroundingResult {
  ok: boolean;
  spans: GroundingSpan[];
}

const CARRIERS = /\b(UPS|USPS|FedEx|Fed Ex|DHL|Canada Post|Royal Mail|Australia Post|OnTrac|LaserShip|Purolator|DPD|GLS|Hermes|Evri|PostNL|La Poste|Colissimo|Deutsche Post|Amazon Logistics|Sendle|Aramex|Yodel|Parcelforce|Canpar|Japan Post|Correos|Poste Italiane)\b/gi;
const URLS = /\bhttps?:\/\/[^\s<>()"']+/gi;
const ORDER_NUMBERS = /#\s?\d{3,}\b/g;
const TRACKING = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,34}\b|\b\d{12,34}\b/gi;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_MD = new RegExp(`\\b${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'gi');
const DATE_DM = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH}(?:,? (\\d{4}))?\\b`, 'gi');
const DATE_ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const AMOUNTS = /(?:[$€£]\s?\d[\d,]*(?:\.\d{1,2})?|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:USD|EUR|GBP|CAD|AUD|dollars|euros)\b)/gi;

const PROMISE_CUES: { kind: PromiseKind; re: RegExp }[] = [
  { kind: 'refund', re: /\b(refund(?:ed|ing)?|money back|reimburs\w*)\b/gi },
  { kind: 'return_label', re: /\b(return label|prepaid label|shipping label|return shipping label)\b/gi },
  { kind: 'credit', re: /\b(store credit|account credit|credit (?:to|on) your account|gift card)\b/gi },
  { kind: 'discount', re: /\b(\d{1,2} ?% off|discount|coupon|promo code|voucher)\b/gi },
  { kind: 'cancellation', re: /\b(cancel(?:l?ed|l?ing)?|cancell?ation)\b/gi },
  { kind: 'address_change', re: /\b(updated|changed|corrected|update|change|correct) (?:your|the) (?:shipping |delivery )?address\b/gi },
  { kind: 'exchange', re: /\b(exchange|swap)\b/gi },
  { kind: 'replacement', re: /\b(replacement|replace (?:it|them|the item)|send (?:you )?(?:a )?new one)\b/gi },
];
const COMMITS = /\b(we'?ll|we will|i'?ll|i will|i'?ve|i have|we'?ve|we have|has been|have been|is being|are being|will be|you'?ll (?:receive|get|see)|you will (?:receive|get|see)|here'?s|here is|we are|i am|going to|issued|processed|approved|already)\b/i;
const HEDGES = /\b(can'?t|cannot|unable|not able|won'?t|will not|don'?t|do not|isn'?t|is not|no longer|whether|if |check|checking|review|reviewing|look into|looking into|may|might|possible|possibly|request|teammate|colleague|once we|after we)\b/i;

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('!', index - 1), text.lastIndexOf('?', index - 1), text.lastIndexOf('\n', index - 1)) + 1;
  const ends = ['.', '!', '?', '\n'].map((c) => text.indexOf(c, index)).filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length);
}

function contextFacts(ctx: DraftContext) {
  const urls = ctx.shipments.map((s) => s.trackingUrl).filter((u): u is string => Boolean(u));
  const tracking = new Set(ctx.shipments.map((s) => s.trackingNumber?.toUpperCase()).filter(Boolean) as string[]);
  const carriers = ctx.shipments.map((s) => s.carrier?.toLowerCase()).filter(Boolean) as string[];
  const orderDigits = ctx.order ? ctx.order.name.replace(/\D/g, '') : null;
  const isoDates = [
    ctx.now,
    ctx.order?.createdAt,
    ctx.order?.cancelledAt,
    ...ctx.shipments.flatMap((s) => [s.lastEventAt, s.estimatedDeliveryAt, s.deliveredAt]),
    ...ctx.refunds.map((r) => r.createdAt),
  ].filter((d): d is string => Boolean(d));
  const days = new Set<string>();
  for (const d of isoDates) {
    // Drafts speak in the store's local day: accept the UTC day and its neighbours.
    const t = Date.parse(d);
    for (const off of [-1, 0, 1]) days.add(new Date(t + off * 86_400_000).toISOString().slice(0, 10));
  }
  const amounts = new Set([ctx.order?.totalPrice, ...ctx.refunds.map((r) => r.amount)].filter(Boolean).map((a) => toMinorUnits(a!)));
  return { urls, tracking, carriers, orderDigits, days, amounts, year: new Date(ctx.now).getUTCFullYear() };
}

export function checkGrounding(draft: string, ctx: DraftContext): GroundingResult {
  const f = contextFacts(ctx);
  const spans: GroundingSpan[] = [];
  const urlRanges: [number, number][] = [];
  const flag = (m: RegExpMatchArray, kind: SpanKind, reason: string) => spans.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], kind, reason });
  const insideUrl = (i: number) => urlRanges.some(([a, b]) => i >= a && i < b);

  for (const m of draft.matchAll(URLS)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    urlRanges.push([m.index!, m.index! + m[0].length]);
    if (!f.urls.some((u) => u === url || u.startsWith(url) || url.startsWith(u))) flag(Object.assign([url], { index: m.index }) as RegExpMatchArray, 'url', 'this link is not in the order’s tracking data');
  }
  for (const m of draft.matchAll(ORDER_NUMBERS)) {
    if (insideUrl(m.index!)) continue;
    if (m[0].replace(/\D/g, '') !== f.orderDigits) flag(m, 'order_number', f.orderDigits ? `the order is #${f.orderDigits}` : 'no order is matched to this ticket');
  }
  for (const m of draft.matchAll(TRACKING)) {
    if (insideUrl(m.index!) || draft[m.index! - 1] === '#') continue;
    if (/^\d+$/.test(m[0]) && m[0].length < 12) continue;
    if (!f.tracking.has(m[0].toUpperCase())) flag(m, 'tracking_number', 'this tracking number is not on the order');
  }
  for (const m of draft.matchAll(CARRIERS)) {
    if (insideUrl(m.index!)) continue;
    const name = m[0].toLowerCase().replace('fed ex', 'fedex');
    if (!f.carriers.some((c) => c.includes(name) || name.includes(c))) flag(m, 'carrier', f.carriers.length ? `the carrier is ${f.carriers.join(', ')}` : 'no carrier is known for this order');
  }
  const checkDay = (m: RegExpMatchArray, month: number, day: number, year: number | null) => {
    const years = year ? [year] : [f.year, f.year - 1, f.year + 1];
    const ok = years.some((y) => f.days.has(`${y}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`));
    if (!ok) flag(m, 'date', 'this date is not one of the order’s dates (ordered, last scan, estimate, delivered, refunded)');
  };
  for (const m of draft.matchAll(DATE_MD)) checkDay(m, MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()), Number(m[2]), m[3] ? Number(m[3]) : null);
  for (const m of draft.matchAll(DATE_DM)) checkDay(m, MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()), Number(m[1]), m[3] ? Number(m[3]) : null);
  for (const m of draft.matchAll(DATE_ISO)) if (!insideUrl(m.index!)) checkDay(m, Number(m[2]) - 1, Number(m[3]), Number(m[1]));
  for (const m of draft.matchAll(AMOUNTS)) {
    if (insideUrl(m.index!)) continue;
    const minor = toMinorUnits(m[0].replace(/[^\d.]/g, ''));
    if (!f.amounts.has(minor)) flag(m, 'amount', 'this amount is neither the order total nor a refund');
  }
  const allowed = new Set(ctx.verdict.allowedPromises);
  for (const cue of PROMISE_CUES) {
    for (const m of draft.matchAll(cue.re)) {
      if (allowed.has(cue.kind)) continue;
      const sentence = sentenceAround(draft, m.index!);
      if (COMMITS.test(sentence) && !HEDGES.test(sentence)) flag(m, 'promise', `promises ${cue.kind.replace(/_/g, ' ')}, which the policy verdict does not allow`);
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return { ok: spans.length === 0, spans };
}
