import type { DraftContext } from '../draft-context';
import { toMinorUnits } from '../money';
import { DAY, dayKey } from './calendar';
import { carrierFromUrl, carrierKey } from './carriers';
import { normaliseDomain } from './contacts';
import { frameKey } from './dates';
import { extractFacts } from './extract';
import { normaliseOrderRef, normaliseTracking } from './identifiers';

// What a draft may state, gathered from the trusted parts of its context: the order, its
// shipments, refunds, returns, the policy verdict and the brand's own settings. The customer's
// message and subject are deliberately absent: a customer cannot ground a fact by writing it.

export interface KnownAmount {
  minor: number;
  currencies: string[] | null;
  label: string;
}

export interface Evidence {
  orderRefs: Set<string>;
  tracking: Set<string>;
  carriers: Set<string>;
  carrierNames: string[];
  urls: string[];
  days: Set<string>;
  dayLabels: string[]; // "estimated delivery 2026-11-26", for reasons
  frames: Set<string>;
  amounts: KnownAmount[];
  emails: Set<string>;
  phones: string[]; // as written, for reasons
  domains: Set<string>;
}

/** Strings written by Shopify, the policy engine or the store's admins. */
function trustedTexts(ctx: DraftContext): string[] {
  return [
    ctx.brand.name,
    ctx.brand.signature,
    ctx.brand.extraGuidance,
    ...(ctx.order?.items.map((i) => i.title) ?? []),
    ...ctx.shipments.flatMap((s) => [s.reason, s.lastEventStatus ?? '']),
    ...ctx.returns.flatMap((r) => [r.name ?? '', r.status]),
    ctx.verdict.explanation,
    ...ctx.verdict.reasons,
  ].filter((t) => t.trim() !== '');
}

export function gatherEvidence(ctx: DraftContext): Evidence {
  const now = new Date(ctx.now);
  const ev: Evidence = {
    orderRefs: new Set(),
    tracking: new Set(),
    carriers: new Set(),
    carrierNames: [],
    urls: [],
    days: new Set(),
    dayLabels: [],
    frames: new Set(),
    amounts: [],
    emails: new Set(),
    phones: [],
    domains: new Set(),
  };
  const currency = ctx.order?.currency ?? null;

  if (ctx.order) {
    ev.orderRefs.add(normaliseOrderRef(ctx.order.name));
    // "#1001" may be written "order 1001"; a store prefix ("ACME1001") still has the digits.
    const digits = ctx.order.name.replace(/\D/g, '');
    if (digits) ev.orderRefs.add(digits);
  }
  for (const s of ctx.shipments) {
    if (s.name) ev.orderRefs.add(normaliseOrderRef(s.name));
    if (s.trackingNumber) ev.tracking.add(normaliseTracking(s.trackingNumber));
    if (s.carrier) {
      ev.carriers.add(carrierKey(s.carrier));
      ev.carrierNames.push(s.carrier);
    }
    if (s.trackingUrl) {
      ev.urls.push(s.trackingUrl);
      const fromHost = carrierFromUrl(s.trackingUrl);
      if (fromHost) ev.carriers.add(fromHost);
    }
  }
  for (const r of ctx.returns) if (r.name) ev.orderRefs.add(normaliseOrderRef(r.name));

  const timestamps: [string | null | undefined, string][] = [
    [ctx.order?.createdAt, 'ordered'],
    [ctx.order?.cancelledAt, 'cancelled'],
    ...ctx.shipments.flatMap((s): [string | null, string][] => [
      [s.lastEventAt, 'last carrier scan'],
      [s.estimatedDeliveryAt, 'estimated delivery'],
      [s.deliveredAt, 'delivered'],
    ]),
    ...ctx.refunds.map((r): [string, string] => [r.createdAt, 'refunded']),
  ];
  for (const [at, label] of timestamps) {
    if (!at) continue;
    const t = new Date(at);
    const key = dayKey(t);
    ev.days.add(key);
    ev.dayLabels.push(`${label} ${key}`);
    // "ordered 3 days ago", "no scan for 6 days": spans between now and a known moment.
    const ms = Math.abs(now.getTime() - t.getTime());
    for (const d of [Math.floor(ms / DAY), Math.ceil(ms / DAY), Math.round(ms / DAY)]) ev.frames.add(frameKey(d, 'day'));
    ev.frames.add(frameKey(Math.floor(ms / 3_600_000), 'hour'));
    ev.frames.add(frameKey(Math.floor(ms / (7 * DAY)), 'week'));
  }

  if (ctx.order) {
    ev.amounts.push({
      minor: toMinorUnits(ctx.order.totalPrice),
      currencies: currency ? [currency] : null,
      label: `order total ${ctx.order.totalPrice} ${ctx.order.currency}`,
    });
    for (const item of ctx.order.items) {
      ev.amounts.push({ minor: toMinorUnits(item.price), currencies: currency ? [currency] : null, label: `${item.title} ${item.price}` });
      if (item.quantity > 1)
        ev.amounts.push({
          minor: toMinorUnits(item.price) * item.quantity,
          currencies: currency ? [currency] : null,
          label: `${item.quantity} × ${item.title}`,
        });
    }
  }
  for (const r of ctx.refunds) {
    const cur = r.currency ?? currency;
    ev.amounts.push({ minor: toMinorUnits(r.amount), currencies: cur ? [cur] : null, label: `refund ${r.amount}` });
  }
  if (ctx.refunds.length > 1) {
    const total = ctx.refunds.reduce((sum, r) => sum + toMinorUnits(r.amount), 0);
    ev.amounts.push({ minor: total, currencies: currency ? [currency] : null, label: 'refunds in total' });
  }

  for (const text of trustedTexts(ctx)) {
    const facts = extractFacts(text, now);
    for (const u of facts.urls) ev.urls.push(u.text);
    for (const o of facts.orderNumbers) ev.orderRefs.add(o.value);
    for (const t of facts.trackingNumbers) ev.tracking.add(t.value);
    for (const c of facts.carriers) ev.carriers.add(c.key);
    for (const e of facts.emails) ev.emails.add(e.value);
    for (const p of facts.phones) ev.phones.push(p.text);
    for (const d of facts.domains) ev.domains.add(d.value);
    for (const a of facts.amounts) ev.amounts.push({ minor: a.minor, currencies: a.currencies, label: a.text });
    for (const d of facts.dates) {
      if (d.claim.kind === 'days' && d.claim.days.length === 1) ev.days.add(d.claim.days[0]);
      if (d.claim.kind === 'time_frame') for (const f of d.claim.frames) ev.frames.add(f);
    }
  }
  // The customer's own address (from Gorgias, not from the message text) may be written back to them.
  if (ctx.customer.email) ev.emails.add(ctx.customer.email.toLowerCase());
  // Known links and the store's addresses vouch for their domains ("ups.com", "northwind.example").
  for (const u of ev.urls) {
    const host = /^(?:https?:\/\/)?([^/?#:]+)/i.exec(u)?.[1];
    if (host) ev.domains.add(normaliseDomain(host));
  }
  for (const e of ev.emails) ev.domains.add(normaliseDomain(e.split('@')[1]));
  return ev;
}
