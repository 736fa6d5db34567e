import { primaryShipment, type DraftContext } from '../draft-context';
import type { PromiseKind } from '../types';
import { orderRef, refundFacts, shipmentFacts } from './shipment-facts';
import { capFirst, closer, expandContractions, formatMoney, greeting, hearBack, opener, signOff } from './wording';
import { addressInMessage, asksForExchange, asksForReturn, itemNamed, sizeAskedFor } from './customer-words';

// Built-in drafts, used when no model is configured and whenever the model fails. They read like
// a good agent's reply: the customer's name, the specific facts from the context, what happens
// next, the brand's sign-off. They promise only what the verdict allows; a human-review case gets
// an honest holding reply that names no time it can't back. Every one passes checkGrounding.

interface Body {
  id: string; // what the template said, e.g. "wismo.in_transit.update"
  paragraphs: string[];
}

const allows = (ctx: DraftContext, kind: PromiseKind) => ctx.verdict.allowedPromises.includes(kind);
const automated = (ctx: DraftContext) => ctx.verdict.decision === 'automate';
const para = (...sentences: (string | null | undefined | false)[]) => sentences.filter(Boolean).join(' ');

function carrierName(ctx: DraftContext): string {
  return primaryShipment(ctx)?.carrier ?? 'the carrier';
}

function itemsPhrase(ctx: DraftContext): string {
  const items = ctx.order?.items ?? [];
  if (items.length === 0) return 'your order';
  const first = items[0].title;
  return items.length === 1 ? `your ${first}` : `your ${first} and the other items`;
}

/** "I've passed <what> to a teammate who can <can>." plus "you'll hear back", in the brand's style. */
function handOff(ctx: DraftContext, what: string, can: string): string {
  if (ctx.brand.style === 'concise') return para(`I've passed ${what} to a teammate who can ${can}.`, hearBack(ctx));
  if (ctx.brand.style === 'formal') return para(`I have passed ${what} to a colleague who can ${can}.`, hearBack(ctx));
  return para(`I've passed ${what} to a teammate who can ${can}.`, hearBack(ctx));
}

function noOrder(ctx: DraftContext): Body {
  const ask =
    ctx.brand.style === 'formal'
      ? 'I was unable to find an order linked to this email address. Could you reply with your order number (it is in your order confirmation email) or the email address you used at checkout? I will then look into this for you straight away.'
      : ctx.brand.style === 'concise'
        ? "I couldn't find an order under this email address. Could you reply with your order number or the email you used at checkout?"
        : "I couldn't find an order linked to this email address. Could you reply with your order number (it's in your order confirmation email) or the email address you used at checkout? Then I can look into it right away.";
  return { id: `${ctx.intent}.no_order`, paragraphs: [ask] };
}

function wismo(ctx: DraftContext): Body {
  const o = ctx.order!;
  const s = primaryShipment(ctx);
  const state = o.cancelledAt ? 'cancelled' : (s?.state ?? 'unfulfilled');
  const facts = para(...shipmentFacts(ctx, 'full'));
  const C = carrierName(ctx);
  if (o.cancelledAt) return { id: 'wismo.cancelled', paragraphs: [facts, handOff(ctx, 'your message', 'answer any questions about it')] };

  if (state === 'delayed' || state === 'exception' || !automated(ctx)) {
    const next = automated(ctx)
      ? `We're keeping an eye on it, and if it doesn't move soon, just reply here and we'll chase it with ${C}.`
      : handOff(ctx, 'this', state === 'unfulfilled' ? 'check where it is with our warehouse' : `look into it with ${C}`);
    const sorry = state === 'delayed' ? "I'm sorry for the wait." : state === 'exception' ? "I'm sorry about this." : null;
    return { id: `wismo.${state}.${automated(ctx) ? 'watch' : 'hold'}`, paragraphs: [facts, para(sorry, next)] };
  }

  const next: Record<string, string> = {
    unfulfilled: "You'll get an email with the tracking link as soon as it ships.",
    label_created: "There's nothing you need to do in the meantime.",
    in_transit: s?.trackingUrl
      ? "There's nothing you need to do: the tracking link shows each scan as it happens."
      : "There's nothing you need to do: it's moving normally.",
    out_for_delivery: 'It should reach you with the next delivery round.',
    delivered:
      "If you can't find it, please check around your door, your mailbox and with neighbours, and reply here if it still hasn't turned up. We'll take it from there.",
  };
  return { id: `wismo.${state}.update`, paragraphs: [facts, next[state]] };
}

function notReceived(ctx: DraftContext): Body {
  const o = ctx.order!;
  const s = primaryShipment(ctx);
  const facts = para(...shipmentFacts(ctx, 'full'));
  const C = carrierName(ctx);
  if (o.cancelledAt)
    return { id: 'not_received.cancelled', paragraphs: [facts, handOff(ctx, 'your message', 'answer any questions about it')] };
  if (s?.state === 'delivered') {
    const look =
      ctx.brand.style === 'concise'
        ? 'Could you check around your door, your mailbox and with neighbours?'
        : "I'm sorry it hasn't reached you. Could you check around your door, your mailbox, any safe place the driver may have used, and with neighbours, in case it was left nearby?";
    const next = allows(ctx, 'replacement')
      ? "If it still doesn't turn up, just reply here and we'll send you a replacement."
      : handOff(ctx, 'this', `open a trace with ${C}`);
    return { id: `not_received.delivered.${allows(ctx, 'replacement') ? 'replace' : 'hold'}`, paragraphs: [facts, para(look, next)] };
  }
  const state = s?.state ?? 'unfulfilled';
  const stillComing =
    state === 'unfulfilled' || state === 'delayed' || state === 'exception'
      ? null
      : `It just hasn't reached you yet${s?.trackingUrl ? ', and the tracking link shows each scan as it happens' : ''}.`;
  const next =
    automated(ctx) && state !== 'delayed' && state !== 'exception'
      ? null
      : handOff(ctx, 'this', state === 'unfulfilled' ? 'check where it is with our warehouse' : `look into it with ${C}`);
  return { id: `not_received.${state}.${next ? 'hold' : 'update'}`, paragraphs: [facts, para(stillComing, next)] };
}

function cancel(ctx: DraftContext): Body {
  const o = ctx.order!;
  if (o.cancelledAt) return { id: 'cancel.cancelled', paragraphs: [para(...shipmentFacts(ctx, 'full'))] };
  const state = primaryShipment(ctx)?.state ?? 'unfulfilled';
  if (allows(ctx, 'cancellation')) {
    // Sending a reply cancels nothing. The cancellation is asked for with the reply ("Send reply and
    // cancel" sends it only once Shopify has cancelled), or already was: the words follow that state.
    const taken = ctx.verdict.taken?.kind === 'cancel_order' ? ctx.verdict.taken : null;
    const queued = taken?.status === 'pending';
    const doing = queued
      ? ctx.brand.style === 'formal'
        ? `I have asked for ${orderRef(o)} to be cancelled, and you will receive a confirmation email once it is done.`
        : `I've asked for ${orderRef(o)} to be cancelled, and you'll get a confirmation email once it's done.`
      : ctx.brand.style === 'formal'
        ? `I have cancelled ${orderRef(o)} for you, and you will receive a confirmation email shortly.`
        : `${ctx.brand.style === 'warm' ? 'No problem: ' : ''}I've cancelled ${orderRef(o)} for you, and you'll get a confirmation email shortly.`;
    const refund =
      allows(ctx, 'refund') && ctx.refunds.length === 0
        ? `The payment of ${formatMoney(o.totalPrice, o.currency)} will go back to your original payment method.`
        : null;
    return { id: `cancel.${state}.cancel${refund ? '_refund' : ''}`, paragraphs: [capFirst(para(doing, refund))] };
  }
  const facts = ctx.shipments.length ? para(...shipmentFacts(ctx, 'full')) : null;
  return {
    id: `cancel.${state}.hold`,
    paragraphs: [facts, handOff(ctx, 'your cancellation request', `check whether ${o.name} can still be cancelled`)].filter(
      (p): p is string => Boolean(p),
    ),
  };
}

function addressChange(ctx: DraftContext): Body {
  const o = ctx.order!;
  const state = o.cancelledAt ? 'cancelled' : (primaryShipment(ctx)?.state ?? 'unfulfilled');
  if (allows(ctx, 'address_change') && !o.cancelledAt) {
    const can =
      ctx.shipments.length === 0
        ? `${capFirst(orderRef(o))} hasn't shipped yet, so we can still change the shipping address.`
        : `We can still change the shipping address on ${orderRef(o)}.`;
    // The new address is in the message: say it back so the customer can check it, and don't ask again.
    const given = addressInMessage(ctx);
    if (given) {
      const will =
        ctx.brand.style === 'concise'
          ? `We'll send it to ${given}.`
          : `We'll update it to the address in your message, ${given}, and you'll get a confirmation email once it's changed. If anything in it is off, just reply with the correction.`;
      return { id: `address_change.${state}.update_from_message`, paragraphs: [para(can, will)] };
    }
    const ask =
      ctx.brand.style === 'concise'
        ? "If your message doesn't include it yet, reply with the full new address and we'll update it."
        : "If your message doesn't include it yet, please reply with the full new address (street, apartment, city, postcode and country) and we'll update it right away. You'll get a confirmation email once it's changed.";
    return { id: `address_change.${state}.update`, paragraphs: [para(can, ask)] };
  }
  const facts = ctx.shipments.length || o.cancelledAt ? para(...shipmentFacts(ctx, 'full')) : null;
  return {
    id: `address_change.${state}.hold`,
    paragraphs: [facts, handOff(ctx, 'your request', `check whether the delivery address on ${o.name} can still be changed`)].filter(
      (p): p is string => Boolean(p),
    ),
  };
}

function returnExchange(ctx: DraftContext): Body {
  const o = ctx.order!;
  const facts = para(...shipmentFacts(ctx, 'brief'));
  const state = o.cancelledAt ? 'cancelled' : (primaryShipment(ctx)?.state ?? 'unfulfilled');
  const ret = allows(ctx, 'return_label');
  const exch = allows(ctx, 'exchange');
  const refundAfter = ret && allows(ctx, 'refund') ? "Once it's back with us, we'll refund you to your original payment method." : null;
  // The customer already said which they want: answer that, don't ask "return or exchange?".
  if (exch && asksForExchange(ctx)) {
    const size = sizeAskedFor(ctx);
    const what =
      ctx.order?.items.length === 1 ? `your ${ctx.order.items[0].title}` : itemNamed(ctx) ? `your ${itemNamed(ctx)!.title}` : 'it';
    const swap = size
      ? `We'll exchange ${what} for the size ${size} you asked for.`
      : `We'll set up the exchange of ${what} you asked for.`;
    const label = ret
      ? "We'll email you a return label to send the original back, and the new one ships once it's on its way to us."
      : null;
    return { id: `return_exchange.${state}.exchange_as_asked`, paragraphs: [facts, para(swap, label)] };
  }
  if (ret && asksForReturn(ctx)) {
    return {
      id: `return_exchange.${state}.return_as_asked`,
      paragraphs: [
        facts,
        para(
          `We'll email you a return label for ${itemsPhrase(ctx)}. Pack it securely and drop the parcel off with the carrier.`,
          refundAfter,
        ),
      ],
    };
  }
  if (ret && exch) {
    const ask =
      ctx.brand.style === 'concise'
        ? "Would you like to return it, or exchange it for a different size or colour? Reply and we'll email you a return label."
        : "Happy to help. Would you like to return it, or exchange it for a different size or colour? Just reply and let me know, and we'll email you a return label to send the original back.";
    return { id: `return_exchange.${state}.return_or_exchange`, paragraphs: [facts, para(ask, refundAfter)] };
  }
  if (ret) {
    return {
      id: `return_exchange.${state}.return`,
      paragraphs: [
        facts,
        para(
          `We'll email you a return label for ${itemsPhrase(ctx)}. Pack it securely and drop the parcel off with the carrier.`,
          refundAfter,
        ),
      ],
    };
  }
  if (exch) {
    return {
      id: `return_exchange.${state}.exchange`,
      paragraphs: [
        facts,
        `We can set up an exchange for ${itemsPhrase(ctx)}. Just reply with the size or colour you'd like instead, and we'll take it from there.`,
      ],
    };
  }
  return { id: `return_exchange.${state}.hold`, paragraphs: [facts, handOff(ctx, 'your request', `check the options for ${o.name}`)] };
}

function refund(ctx: DraftContext): Body {
  const o = ctx.order!;
  const state = o.cancelledAt ? 'cancelled' : (primaryShipment(ctx)?.state ?? 'unfulfilled');
  const facts = para(...(o.cancelledAt ? shipmentFacts(ctx, 'brief') : [...shipmentFacts(ctx, 'brief'), ...refundFacts(ctx)]));
  if (ctx.refunds.length > 0) {
    const bank =
      ctx.brand.style === 'concise' ? null : 'Depending on your bank, it can take a few business days to show on your statement.';
    const more = allows(ctx, 'refund') ? null : handOff(ctx, 'your message', 'answer anything else about it');
    return { id: `refund.${state}.status`, paragraphs: [facts, para(bank, more)] };
  }
  if (allows(ctx, 'refund')) {
    return {
      id: `refund.${state}.refund`,
      paragraphs: [
        facts,
        `We'll refund ${formatMoney(o.totalPrice, o.currency)} to your original payment method, and you'll get a confirmation email once it's done.`,
      ],
    };
  }
  return { id: `refund.${state}.hold`, paragraphs: [facts, handOff(ctx, 'your refund request', 'review it')] };
}

function damaged(ctx: DraftContext): Body {
  const o = ctx.order!;
  const state = o.cancelledAt ? 'cancelled' : (primaryShipment(ctx)?.state ?? 'unfulfilled');
  // Only what the customer says is damaged: the one item their message names, else not "every item".
  const named = itemNamed(ctx);
  const items = ctx.order?.items ?? [];
  const what = named ? `${named.oneOf ? 'one of ' : ''}your ${named.title}` : items.length === 1 ? itemsPhrase(ctx) : 'part of your order';
  const sorry = ctx.brand.style === 'formal' ? `I am very sorry that ${what} arrived damaged.` : `I'm so sorry ${what} arrived damaged.`;
  const photos =
    (ctx.ticket.attachmentCount ?? 0) > 0
      ? 'Thank you for the photos.'
      : 'Could you reply with a photo or two of the damage and the packaging? That helps us put it right quickly.';
  const facts = para(...shipmentFacts(ctx, 'brief'));
  if (allows(ctx, 'replacement')) {
    return {
      id: `damaged.${state}.replace`,
      paragraphs: [para(sorry, facts), `We'll send you a replacement, and you'll get the new tracking details by email once it ships.`],
    };
  }
  if (allows(ctx, 'refund')) {
    return {
      id: `damaged.${state}.refund`,
      paragraphs: [para(sorry, facts), `We'll refund ${formatMoney(o.totalPrice, o.currency)} to your original payment method.`],
    };
  }
  return {
    id: `damaged.${state}.hold`,
    paragraphs: [para(sorry, facts), para(photos, handOff(ctx, 'this', 'review it and decide how best to put it right'))],
  };
}

function other(ctx: DraftContext): Body {
  const o = ctx.order!;
  const state = o.cancelledAt ? 'cancelled' : (primaryShipment(ctx)?.state ?? 'unfulfilled');
  const facts = para(...shipmentFacts(ctx, 'brief'));
  return { id: `other.${state}.hold`, paragraphs: [facts, handOff(ctx, 'your message', 'help with it')] };
}

function body(ctx: DraftContext): Body {
  if (!ctx.order) return noOrder(ctx);
  switch (ctx.intent) {
    case 'wismo':
      return wismo(ctx);
    case 'not_received':
      return notReceived(ctx);
    case 'cancel':
      return cancel(ctx);
    case 'address_change':
      return addressChange(ctx);
    case 'return_exchange':
      return returnExchange(ctx);
    case 'refund':
      return refund(ctx);
    case 'damaged':
      return damaged(ctx);
    case 'other':
      return other(ctx);
  }
}

/** Names from the store's data, which the formal rewording must leave exactly as they are. */
function namesIn(ctx: DraftContext): string[] {
  return [
    ctx.brand.name,
    ctx.order?.shippingCity ?? '',
    ...(ctx.order?.items.map((i) => i.title) ?? []),
    ...ctx.shipments.map((s) => s.carrier ?? ''),
  ];
}

export function templateDraft(ctx: DraftContext): { text: string; templateId: string } {
  const b = body(ctx);
  const paragraphs = ctx.brand.style === 'formal' ? b.paragraphs.map((p) => expandContractions(p, namesIn(ctx))) : b.paragraphs;
  const parts = [greeting(ctx), opener(ctx), ...paragraphs, closer(ctx), signOff(ctx)].filter((p): p is string => Boolean(p && p.trim()));
  return { text: parts.join('\n\n'), templateId: b.id };
}
