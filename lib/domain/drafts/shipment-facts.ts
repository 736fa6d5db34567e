import { primaryShipment, type DraftContext, type DraftShipment } from '../draft-context';
import { capFirst, formatDay, formatMoney, statusWords, type Style } from './wording';

// The facts paragraph of a built-in draft: where the order is, in the customer's terms, with the
// carrier, tracking number and link, last scan and estimate exactly as the context has them.

type Order = NonNullable<DraftContext['order']>;

export const orderRef = (o: Order) => `your order ${o.name}`;

const carrierOf = (s: DraftShipment) => s.carrier ?? 'the carrier';

function trackingSentence(s: DraftShipment, style: Style): string | null {
  const tn = s.trackingNumber;
  const url = s.trackingUrl;
  if (!tn && !url) return null;
  if (style === 'concise') return tn ? `Tracking: ${tn}${url ? ` (${url})` : ''}` : `Tracking: ${url}`;
  if (style === 'formal') {
    if (!tn) return `You can follow the shipment at ${url}`;
    return `The tracking number is ${tn}${url ? `, and you can follow the shipment at ${url}` : ''}.`;
  }
  if (!tn) return `You can follow it here: ${url}`;
  return `Your tracking number is ${tn}${url ? `, and you can follow every scan here: ${url}` : '.'}`;
}

function scanSentence(s: DraftShipment, style: Style, now: string): string | null {
  if (!s.lastEventAt) return null;
  const day = formatDay(s.lastEventAt, style, now);
  const status = s.lastEventStatus ? statusWords(s.lastEventStatus) : null;
  if (style === 'concise') return `Last scan: ${day}${status ? ` (${status})` : ''}.`;
  return `The latest scan was on ${day}${status ? ` (${status})` : ''}.`;
}

function estimateSentence(s: DraftShipment, style: Style, now: string): string | null {
  if (!s.estimatedDeliveryAt) return null;
  const day = formatDay(s.estimatedDeliveryAt, style, now);
  const late = Date.parse(s.estimatedDeliveryAt) < Date.parse(now);
  if (late) return style === 'concise' ? `It was due ${day}.` : `It was expected to arrive on ${day}.`;
  if (style === 'concise') return `Estimated delivery: ${day}.`;
  if (style === 'formal') return `The current delivery estimate from ${carrierOf(s)} is ${day}.`;
  return `${capFirst(carrierOf(s))} currently expects to deliver it on ${day}.`;
}

/** The one-line status of a shipment, for the "in N parcels" list. */
function parcelLine(s: DraftShipment, style: Style, now: string): string {
  const carrier = s.carrier ? ` with ${s.carrier}` : '';
  const on = (iso: string | null) => (iso ? ` on ${formatDay(iso, style, now)}` : '');
  const state: Record<DraftShipment['state'], string> = {
    unfulfilled: 'not shipped yet',
    label_created: `label created${carrier}, waiting for the first scan`,
    in_transit: `in transit${carrier}${s.lastEventAt ? `, last scan${on(s.lastEventAt)}` : ''}${s.estimatedDeliveryAt && Date.parse(s.estimatedDeliveryAt) >= Date.parse(now) ? `, expected${on(s.estimatedDeliveryAt)}` : ''}`,
    out_for_delivery: `out for delivery${carrier}`,
    delivered: `delivered${carrier}${on(s.deliveredAt)}`,
    delayed: `delayed${carrier}${s.lastEventAt ? `, last scan${on(s.lastEventAt)}` : ''}`,
    exception: `${carrier ? `${s.carrier} reported` : 'the carrier reported'} a problem${s.lastEventStatus ? ` (${statusWords(s.lastEventStatus)})` : ''}${on(s.lastEventAt)}`,
  };
  const tracking = s.trackingNumber
    ? `; tracking ${s.trackingNumber}${s.trackingUrl ? ` (${s.trackingUrl})` : ''}`
    : s.trackingUrl
      ? `; ${s.trackingUrl}`
      : '';
  return `- ${s.name ? `Parcel ${s.name}` : 'Parcel'}: ${state[s.state]}${tracking}`;
}

/** Where one parcel is, in two or three sentences. */
function singleShipment(o: Order, s: DraftShipment, ctx: DraftContext): string[] {
  const style = ctx.brand.style;
  const now = ctx.now;
  const ref = orderRef(o);
  const C = carrierOf(s);
  const lines: (string | null)[] = [];
  switch (s.state) {
    case 'unfulfilled':
      lines.push(`${capFirst(ref)} hasn't shipped yet.`);
      break;
    case 'label_created':
      lines.push(
        `${capFirst(ref)} has been packed and ${s.carrier ? `a ${s.carrier} shipping label` : 'a shipping label'} is ready. ${capFirst(C)} hasn't scanned it yet, so tracking will start to update once they pick it up.`,
      );
      lines.push(trackingSentence(s, style));
      break;
    case 'in_transit':
      lines.push(
        `${capFirst(ref)} is on its way with ${C}.`,
        scanSentence(s, style, now),
        estimateSentence(s, style, now),
        trackingSentence(s, style),
      );
      break;
    case 'out_for_delivery':
      lines.push(
        `${style === 'warm' ? 'Good news: ' : ''}${style === 'warm' ? ref : capFirst(ref)} is out for delivery with ${C}.`,
        scanSentence(s, style, now),
        trackingSentence(s, style),
      );
      break;
    case 'delivered': {
      const when = s.deliveredAt ? ` on ${formatDay(s.deliveredAt, style, now)}` : '';
      const where = o.shippingCity ? ` in ${o.shippingCity}` : '';
      lines.push(`${capFirst(C)} shows ${ref} as delivered${when}${where}.`, trackingSentence(s, style));
      break;
    }
    case 'delayed':
      lines.push(
        `${capFirst(ref)} is with ${C}, but it's taking longer than it should.`,
        scanSentence(s, style, now),
        estimateSentence(s, style, now),
        trackingSentence(s, style),
      );
      break;
    case 'exception':
      lines.push(
        `${capFirst(C)} has reported a problem with the delivery of ${ref}${s.lastEventStatus ? ` (${statusWords(s.lastEventStatus)})` : ''}${s.lastEventAt ? ` on ${formatDay(s.lastEventAt, style, now)}` : ''}.`,
        trackingSentence(s, style),
      );
      break;
  }
  return lines.filter((l): l is string => Boolean(l));
}

/**
 * The facts paragraph. `full` gives every tracking detail (for "where is it?" questions); brief
 * gives the state in one sentence (for returns, refunds, damage, where tracking is background).
 */
export function shipmentFacts(ctx: DraftContext, detail: 'full' | 'brief'): string[] {
  const o = ctx.order;
  if (!o) return [];
  const style = ctx.brand.style;
  const ref = orderRef(o);
  if (o.cancelledAt) return [`${capFirst(ref)} was cancelled on ${formatDay(o.cancelledAt, style, ctx.now)}.`, ...refundFacts(ctx)];
  if (ctx.shipments.length === 0) return [`${capFirst(ref)} hasn't shipped yet.`];
  if (ctx.shipments.length > 1 && detail === 'full') {
    return [
      `${capFirst(ref)} is coming in ${ctx.shipments.length} parcels:\n${ctx.shipments.map((s) => parcelLine(s, style, ctx.now)).join('\n')}`,
    ];
  }
  const s = primaryShipment(ctx)!;
  if (detail === 'full') return singleShipment(o, s, ctx);
  const when = (iso: string | null) => (iso ? ` on ${formatDay(iso, style, ctx.now)}` : '');
  const carrier = s.carrier ? ` with ${s.carrier}` : '';
  switch (s.state) {
    case 'delivered':
      return [`${capFirst(ref)} was delivered${carrier}${when(s.deliveredAt)}.`];
    case 'unfulfilled':
      return [`${capFirst(ref)} hasn't shipped yet.`];
    case 'exception':
    case 'delayed':
      return [`${capFirst(ref)} is still with ${carrierOf(s)}${s.lastEventAt ? `, last scanned${when(s.lastEventAt)}` : ''}.`];
    default:
      return [`${capFirst(ref)} is on its way${carrier}.`];
  }
}

/** Refunds already made, as facts: "We refunded $20.00 on Friday, November 20." */
export function refundFacts(ctx: DraftContext): string[] {
  const currency = ctx.order?.currency ?? null;
  return ctx.refunds.map(
    (r) =>
      `We refunded ${formatMoney(r.amount, r.currency ?? currency)} to your original payment method on ${formatDay(r.createdAt, ctx.brand.style, ctx.now)}.`,
  );
}
