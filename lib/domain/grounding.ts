import type { DraftContext } from './draft-context';
import { currenciesCompatible } from './facts/amounts';
import { addDays, capitalise, monthDayOf, WEEKDAY_NAMES, weekdayOf } from './facts/calendar';
import type { DateClaim } from './facts/dates';
import { gatherEvidence, type Evidence } from './facts/evidence';
import { extractFacts } from './facts/extract';
import { domainMatches, phonesMatch } from './facts/contacts';
import { urlMatches } from './facts/identifiers';
import { findPromises } from './facts/promises';
import type { PromiseKind } from './types';

// Every order number, tracking number, carrier, date, amount and link a draft states must appear
// in the context it was written from, and every promise must be one the policy verdict allows.
// Only the trusted parts of the context count (see facts/evidence.ts): a customer quoting a fake
// tracking number does not make it true. A draft with any flagged span is never auto-sent.

export type SpanKind =
  'order_number' | 'tracking_number' | 'carrier' | 'date' | 'amount' | 'url' | 'promise' | 'phone' | 'email' | 'domain' | 'payment_request';
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

const PROMISE_LABEL: Record<PromiseKind, string> = {
  refund: 'a refund',
  return_label: 'a return or return label',
  credit: 'store credit',
  discount: 'a discount or code',
  cancellation: 'a cancellation',
  address_change: 'an address change',
  exchange: 'an exchange',
  replacement: 'a replacement',
};

const weekdayName = (n: number) => capitalise(WEEKDAY_NAMES[n]);

/** Why a date claim is not backed, or null when it is. */
function dateProblem(text: string, claim: DateClaim, ev: Evidence): string | null {
  const known = ev.dayLabels.length
    ? ` Known dates: ${[...new Set(ev.dayLabels)].join(', ')}.`
    : ' The context has no dates for this order.';
  const weekdayClash = (days: string[], weekday: number | null) => {
    if (weekday === null || days.length === 0 || days.some((d) => weekdayOf(d) === weekday)) return null;
    return `${days[0]} is a ${weekdayName(weekdayOf(days[0]))}, not a ${weekdayName(weekday)}.`;
  };
  switch (claim.kind) {
    case 'days': {
      const hits = claim.days.filter((d) => ev.days.has(d));
      if (hits.length === 0) return `“${text}” is not a date on this order, its shipments or refunds.${known}`;
      return weekdayClash(hits, claim.weekday);
    }
    case 'month_day': {
      const hits = [...ev.days].filter((d) => claim.options.some((o) => monthDayOf(d).month === o.month && monthDayOf(d).day === o.day));
      if (hits.length === 0) return `“${text}” is not a date on this order, its shipments or refunds.${known}`;
      return weekdayClash(hits, claim.weekday);
    }
    case 'weekday': {
      for (let d = claim.from; d <= claim.to; d = addDays(d, 1)) if (ev.days.has(d) && weekdayOf(d) === claim.weekday) return null;
      return `No date on this order falls on the ${weekdayName(claim.weekday)} around now.${known}`;
    }
    case 'range': {
      for (let d = claim.from; d <= claim.to; d = addDays(d, 1)) if (ev.days.has(d)) return null;
      return `No date on this order falls in ${text.toLowerCase()}.${known}`;
    }
    case 'time_frame': {
      if (claim.frames.every((f) => ev.frames.has(f))) return null;
      return `The time frame “${text}” is not backed by the order, shipment or policy data; don't state timings the store hasn't set.`;
    }
  }
}

export function checkGrounding(draft: string, ctx: DraftContext): GroundingResult {
  const ev = gatherEvidence(ctx);
  const facts = extractFacts(draft, new Date(ctx.now));
  const spans: GroundingSpan[] = [];
  const flag = (m: { start: number; end: number; text: string }, kind: SpanKind, reason: string) =>
    spans.push({ start: m.start, end: m.end, text: m.text, kind, reason });
  const orderName = ctx.order?.name ?? null;

  for (const u of facts.urls) {
    if (!ev.urls.some((known) => urlMatches(u.text, known))) {
      flag(
        u,
        'url',
        ev.urls.length
          ? `This link is not the tracking link (${ev.urls[0]}) or a link from the store's settings.`
          : 'This order has no tracking link, and the store settings have no links.',
      );
    }
  }
  for (const o of facts.orderNumbers) {
    if (!ev.orderRefs.has(o.value))
      flag(
        o,
        'order_number',
        orderName
          ? `${o.text.trim()} is not this customer's order (${orderName}).`
          : 'No order is matched to this ticket, so no order number can be stated.',
      );
  }
  for (const t of facts.trackingNumbers) {
    if (!ev.tracking.has(t.value)) {
      flag(
        t,
        'tracking_number',
        ev.tracking.size
          ? `${t.text} is not the tracking number of any shipment on ${orderName ?? 'this order'} (${[...ev.tracking].join(', ')}).`
          : `No shipment on ${orderName ?? 'this ticket'} has a tracking number.`,
      );
    }
  }
  for (const c of facts.carriers) {
    if (!ev.carriers.has(c.key))
      flag(
        c,
        'carrier',
        ev.carrierNames.length
          ? `${c.text} is not the carrier of this order (${[...new Set(ev.carrierNames)].join(', ')}).`
          : 'No carrier is known for this order.',
      );
  }
  for (const d of facts.dates) {
    const problem = dateProblem(d.text, d.claim, ev);
    if (problem) flag(d, 'date', problem);
  }
  for (const a of facts.amounts) {
    if (!ev.amounts.some((k) => k.minor === a.minor && currenciesCompatible(a.currencies, k.currencies))) {
      flag(
        a,
        'amount',
        ev.amounts.length
          ? `${a.text} matches no amount on the order (${ev.amounts
              .slice(0, 4)
              .map((k) => k.label)
              .join('; ')}).`
          : 'No order is matched, so no amount can be stated.',
      );
    }
  }

  for (const e of facts.emails) {
    if (!ev.emails.has(e.value))
      flag(
        e,
        'email',
        ev.emails.size
          ? `${e.text} is not the store's address or the customer's (${[...ev.emails].join(', ')}).`
          : 'The store settings have no email address, so none can be stated.',
      );
  }
  for (const p of facts.phones) {
    if (!ev.phones.some((known) => phonesMatch(p.text, known)))
      flag(
        p,
        'phone',
        ev.phones.length
          ? `${p.text} is not the store's number (${ev.phones.join(', ')}).`
          : 'The store settings have no phone number, so none can be stated.',
      );
  }
  for (const d of facts.domains) {
    if (![...ev.domains].some((known) => domainMatches(d.value, known)))
      flag(
        d,
        'domain',
        ev.domains.size
          ? `${d.text} is not the store's or the carrier's site (${[...ev.domains].slice(0, 4).join(', ')}).`
          : 'No site is known for this store or order.',
      );
  }
  const never = "Concord never asks customers for card or bank details in a reply; payments go through the store's checkout.";
  for (const c of facts.cardNumbers) flag(c, 'payment_request', `This looks like a card number. ${never}`);
  for (const r of facts.paymentRequests) flag(r, 'payment_request', `This asks for card or bank details. ${never}`);

  const allowed = new Set(ctx.verdict.allowedPromises);
  // Statements about what already happened are facts, not promises, when the order shows them.
  const happened: Partial<Record<PromiseKind, boolean>> = {
    refund: ctx.refunds.length > 0,
    cancellation: Boolean(ctx.order?.cancelledAt),
    return_label: ctx.returns.length > 0,
  };
  // "refunds@acme.com" names a mailbox, not a refund: promise words inside addresses and links don't count.
  const identifiers = [...facts.emails, ...facts.urls, ...facts.domains];
  const insideIdentifier = (p: { start: number }) => identifiers.some((m) => p.start >= m.start && p.start < m.end);
  for (const p of findPromises(draft)) {
    if (allowed.has(p.kind) || insideIdentifier(p)) continue;
    if (p.past && happened[p.kind]) continue;
    const allows = ctx.verdict.allowedPromises.length
      ? `it allows only ${ctx.verdict.allowedPromises.map((k) => PROMISE_LABEL[k]).join(', ')}`
      : 'it allows no promises';
    flag(
      p,
      'promise',
      `Promises ${PROMISE_LABEL[p.kind]}, which the policy verdict (${ctx.verdict.decision.replace('_', ' ')}) does not allow; ${allows}.`,
    );
  }

  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ok: spans.length === 0, spans };
}
