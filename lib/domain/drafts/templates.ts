import type { DraftContext } from '../draft-context';

// Built-in drafts for when no model is configured (or the model fails). They use only facts from
// the context, promise only what the verdict allows, and pass the same grounding check.

type Shipment = DraftContext['shipments'][number];

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' }) : null);

function greeting(ctx: DraftContext): string {
  const name = ctx.customer.firstName?.trim();
  if (ctx.brand.style === 'formal') return name ? `Dear ${name},` : 'Hello,';
  return name ? `Hi ${name},` : 'Hi there,';
}

function signOff(ctx: DraftContext): string {
  const close = ctx.brand.style === 'formal' ? 'Kind regards,' : ctx.brand.style === 'concise' ? 'Thanks,' : 'Warm wishes,';
  return `${close}\n${ctx.brand.signature}`;
}

function trackingLine(s: Shipment): string {
  const parts = [`It's on its way with ${s.carrier ?? 'the carrier'}`];
  if (s.trackingNumber) parts.push(`tracking number ${s.trackingNumber}`);
  let line = parts.join(', ');
  if (s.trackingUrl) line += `. You can follow it here: ${s.trackingUrl}`;
  return `${line}.`;
}

function lastScan(s: Shipment): string | null {
  if (!s.lastEventAt || !s.lastEventStatus) return null;
  return `The latest update from ${s.carrier ?? 'the carrier'} was "${s.lastEventStatus.replace(/_/g, ' ')}" on ${day(s.lastEventAt)}.`;
}

const allowed = (ctx: DraftContext, p: DraftContext['verdict']['allowedPromises'][number]) => ctx.verdict.allowedPromises.includes(p);
const handoff = (ctx: DraftContext) =>
  ctx.brand.style === 'concise' ? 'A teammate will review this and reply here.' : "I've passed this to a teammate who can look into it properly, and we'll reply here as soon as we have an answer.";

function body(ctx: DraftContext): { lines: string[]; id: string } {
  const o = ctx.order;
  const s = ctx.shipments.find((x) => x.state !== 'delivered') ?? ctx.shipments[0] ?? null;
  if (!o) {
    return {
      id: 'no_order',
      lines: ["Thanks for getting in touch. I couldn't find an order under this email address. Could you reply with your order number (it starts with a #) or the email you used at checkout? Then I can look into it right away."],
    };
  }
  const on = `order ${o.name}`;
  switch (ctx.intent) {
    case 'wismo': {
      if (s && (s.state === 'in_transit' || s.state === 'out_for_delivery' || s.state === 'label_created')) {
        const lines = [`Thanks for checking in about ${on}. ${trackingLine(s)}`];
        const scan = lastScan(s);
        if (scan) lines.push(scan);
        if (s.state === 'out_for_delivery') lines.push("It's out for delivery, so it should reach you very soon.");
        else if (s.estimatedDeliveryAt) lines.push(`The carrier currently estimates delivery on ${day(s.estimatedDeliveryAt)}.`);
        return { id: `wismo.${s.state}`, lines };
      }
      if (!s) {
        return ctx.verdict.decision === 'automate'
          ? { id: 'wismo.processing', lines: [`Thanks for checking in! ${on[0].toUpperCase()}${on.slice(1)} is being prepared and hasn't shipped yet. As soon as it leaves us you'll get an email with the tracking link.`] }
          : { id: 'wismo.unshipped', lines: [`I'm sorry ${on} hasn't shipped yet. ${handoff(ctx)}`] };
      }
      if (s.state === 'delivered') return notReceived(ctx, s, on);
      return delayed(ctx, s, on);
    }
    case 'not_received':
      return s && s.state === 'delivered' ? notReceived(ctx, s, on) : s ? delayed(ctx, s, on) : { id: 'not_received.unshipped', lines: [`${on[0].toUpperCase()}${on.slice(1)} hasn't shipped yet. ${handoff(ctx)}`] };
    case 'cancel':
      if (allowed(ctx, 'cancellation')) {
        return {
          id: 'cancel.done',
          lines: [`No problem: I've cancelled ${on} before it shipped.${allowed(ctx, 'refund') ? ` The payment of ${o.totalPrice} ${o.currency} will be refunded to your original payment method.` : ''}`],
        };
      }
      return { id: 'cancel.review', lines: [`Thanks for letting us know about ${on}. ${o.fulfillmentStatus ? "It has already left our warehouse, so I can't stop it from here." : ''} ${handoff(ctx)}`.replace(/\s+/g, ' ').trim()] };
    case 'address_change':
      return allowed(ctx, 'address_change')
        ? { id: 'address.ok', lines: [`Good news: ${on} hasn't shipped yet, so the address can still be changed. Please reply with the full new address (street, apartment, city, ZIP and country) and I'll update it right away.`] }
        : { id: 'address.review', lines: [`Thanks for the heads-up about the address for ${on}. It may already be on its way, so a teammate needs to check whether it can still be redirected. ${handoff(ctx)}`] };
    case 'return_exchange': {
      const delivered = ctx.shipments.find((x) => x.deliveredAt)?.deliveredAt ?? null;
      if (allowed(ctx, 'exchange')) {
        return { id: 'exchange.ok', lines: [`Happy to help with an exchange for ${on}${delivered ? `, delivered on ${day(delivered)}` : ''}. Tell me the size or colour you'd like, and I'll set up the exchange and email you a prepaid return label for the original.`] };
      }
      if (allowed(ctx, 'return_label')) {
        return { id: 'return.ok', lines: [`${on[0].toUpperCase()}${on.slice(1)} is eligible for a return${delivered ? ` (it was delivered on ${day(delivered)}, inside our return window)` : ''}. I'll email you a prepaid return label shortly; just pack the item and drop it off with the carrier.`] };
      }
      return { id: 'return.review', lines: [`Thanks for reaching out about sending back items from ${on}. ${handoff(ctx)}`] };
    }
    case 'refund': {
      const lines = [`Thanks for your message about ${on}.`];
      for (const r of ctx.refunds) lines.push(`Our records show ${r.amount} ${r.currency ?? o.currency} went back to your original payment method on ${day(r.createdAt)}; banks usually take 5–10 business days to show it.`);
      lines.push(handoff(ctx));
      return { id: ctx.refunds.length ? 'refund.status' : 'refund.review', lines };
    }
    case 'damaged':
      return {
        id: 'damaged.review',
        lines: [
          `I'm so sorry ${on} didn't arrive in the condition it should have.`,
          /photo|picture|attach/i.test(ctx.ticket.customerMessage) ? 'Thank you for the details.' : 'Could you reply with a photo or two of the item and the packaging? That helps us sort it out quickly.',
          handoff(ctx),
        ],
      };
    default:
      return { id: 'other', lines: [`Thanks for getting in touch about ${on}. ${handoff(ctx)}`] };
  }
}

function delayed(ctx: DraftContext, s: Shipment, on: string) {
  const lines = [`I'm sorry ${on} is taking longer than it should.`];
  const scan = lastScan(s);
  if (scan) lines.push(scan);
  if (s.trackingUrl) lines.push(`You can follow it here: ${s.trackingUrl}`);
  lines.push(ctx.brand.style === 'concise' ? "We're checking with the carrier and will reply here." : "I've asked a teammate to check with the carrier, and we'll reply here as soon as we know more.");
  return { id: `wismo.${s.state}`, lines };
}

function notReceived(ctx: DraftContext, s: Shipment, on: string) {
  return {
    id: 'not_received.delivered',
    lines: [
      `${s.carrier ?? 'The carrier'} shows ${on} as delivered${s.deliveredAt ? ` on ${day(s.deliveredAt)}` : ''}, and I'm sorry it hasn't reached you.`,
      'Could you check around the door, your mailbox and with neighbours, in case it was left nearby?',
      handoff(ctx),
    ],
  };
}

export function templateDraft(ctx: DraftContext): { text: string; templateId: string } {
  const { lines, id } = body(ctx);
  return { text: [greeting(ctx), '', ...lines, '', signOff(ctx)].join('\n'), templateId: `${id}.${ctx.brand.style}` };
}
