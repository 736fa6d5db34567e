import type { Settings } from '../settings';
import type { ActionKind, Fulfillment, Intent, Order, PromiseKind, Refund, Return, ShipmentHealth, TrackingEvent, Verdict } from '../types';
import { toMinorUnits } from '../money';
import { orderShipmentHealth } from '../shipment-health';

// The policy engine: for a ticket's intent and its order's state, automate (with the next step)
// or send to a person (with the reasons and a summary). Pure and deterministic; `now` is passed in.
// The customer's words may only choose between return and exchange; they never grant anything.

export interface PolicyInput {
  intent: Intent;
  message: string;
  order: Order | null;
  fulfillments: Fulfillment[];
  events: TrackingEvent[];
  refunds: Refund[];
  returns: Return[];
  customer: { vip: boolean; refundsInWindow: number; openIssueCount: number };
  evidence?: { photoCount: number };
  requestedGoodwill?: boolean;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** An unshipped order this young is still in normal processing: telling the customer so is safe. */
const PROCESSING_DAYS = 2;

const MONEY_INTENTS: Intent[] = ['refund', 'return_exchange', 'damaged', 'not_received', 'cancel'];
export const EXCHANGE_WORDS =
  /\b(exchange|swap|switch|different (size|colou?r)|(smaller|bigger|larger) (size|one)|size (up|down)|in (a )?size|replace (it )?with|trade)\b/i;

interface Facts {
  order: Order;
  health: ShipmentHealth;
  shipped: boolean;
  deliveredAt: Date | null;
  totalMinor: number;
}

const clean = (r: string) => r.replace(/\.$/, '');

/** "Return eligible: delivered 12 days ago, inside your 30-day window; SKU not final sale." */
function explain(headline: string, reasons: string[]): string {
  const style = headline.includes(':') ? 'paren' : 'colon';
  const rs = reasons.map(clean).filter(Boolean);
  if (rs.length === 0) return `${headline}.`;
  return style === 'colon' ? `${headline}: ${rs.join('; ')}.` : `${headline} (${rs.join('; ')}).`;
}

const daysAgo = (d: Date, now: Date) => Math.floor((now.getTime() - d.getTime()) / DAY);
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function automate(rule: string, nextStep: ActionKind, reasons: string[], headline: string, allowed: PromiseKind[]): Verdict {
  return {
    decision: 'automate',
    nextStep,
    rule,
    reasons,
    explanation: explain(headline, reasons),
    allowedPromises: allowed,
    summary: null,
  };
}

function human(rule: string, reasons: string[], headline: string, _input: PolicyInput, _facts: Facts | null): Verdict {
  const explanation = explain(headline, reasons.slice(0, 3));
  // The case summary (the customer's words, order facts, policy, unknowns, next step) is built once, by
  // lib/domain/case-summary.ts from the draft context, and stored with the verdict when it is routed.
  return { decision: 'human_review', nextStep: 'assign_human_review', rule, reasons, explanation, allowedPromises: [], summary: null };
}

function isFinalSale(order: Order, settings: Settings): string | null {
  const tag = settings.exchanges.finalSaleTag.trim().toLowerCase();
  if (tag && order.tags.some((t) => t.toLowerCase() === tag)) return `order is tagged "${settings.exchanges.finalSaleTag}"`;
  for (const li of order.lineItems) {
    const sku = li.sku ?? '';
    const hit = settings.exchanges.finalSaleSkus.find((p) => (p.endsWith('*') ? sku.startsWith(p.slice(0, -1)) : sku === p));
    if (hit) return `${li.title} (${sku}) is final sale`;
  }
  return null;
}

export function decidePolicy(input: PolicyInput, settings: Settings, now: Date): Verdict {
  const { order } = input;
  if (!order)
    return human(
      'no_order',
      ['no order is matched to this ticket'],
      'Needs a person: Concord could not tell which order this is about',
      input,
      null,
    );

  const live = input.fulfillments.filter((f) => f.status.toLowerCase() !== 'cancelled');
  const health = orderShipmentHealth(order, input.fulfillments, input.events, now, settings.delay);
  const shipped =
    live.length > 0 ||
    (order.fulfillmentStatus !== null && order.fulfillmentStatus !== 'unfulfilled' && order.fulfillmentStatus !== 'restocked');
  const deliveredEvents = input.events.filter((e) => e.status === 'delivered').map((e) => e.happenedAt);
  const deliveredAt =
    [...deliveredEvents, ...live.map((f) => f.deliveredAt).filter((d): d is Date => d !== null)].sort(
      (a, b) => b.getTime() - a.getTime(),
    )[0] ?? health.deliveredAt;
  const facts: Facts = { order, health, shipped, deliveredAt, totalMinor: toMinorUnits(order.totalPrice) };

  // Triggers that always need a person, whatever the intent's own rule says.
  const hard: string[] = [];
  if (facts.totalMinor >= toMinorUnits(settings.highValue.threshold))
    hard.push(`order total ${order.totalPrice} ${order.currency} is at or above the ${settings.highValue.threshold} high-value threshold`);
  if (input.customer.vip && input.customer.openIssueCount > 0)
    hard.push(`VIP customer with ${plural(input.customer.openIssueCount, 'open issue')}`);
  if (MONEY_INTENTS.includes(input.intent) && input.customer.refundsInWindow >= settings.refunds.repeatCount) {
    hard.push(
      `${plural(input.customer.refundsInWindow, 'refund')} in the last ${settings.refunds.repeatWindowDays} days (limit ${settings.refunds.repeatCount})`,
    );
  }
  if (input.requestedGoodwill) hard.push('a goodwill credit or retention offer needs approval');

  const verdict = decideIntent(input, facts, settings, now);
  if (verdict.decision === 'automate' && hard.length > 0) {
    return human(
      `${verdict.rule}.overridden_by_risk`,
      [...hard, ...verdict.reasons],
      `Needs a person even though ${verdict.rule.split('.')[0]} rules would allow it`,
      input,
      facts,
    );
  }
  if (verdict.decision === 'human_review' && hard.length > 0) return { ...verdict, reasons: [...hard, ...verdict.reasons] };
  return verdict;
}

function decideIntent(input: PolicyInput, f: Facts, settings: Settings, now: Date): Verdict {
  const o = f.order;
  const off = (what: string) =>
    human(`${what}.switched_off`, [`automation for ${what.replace(/_/g, ' ')} is switched off in settings`], 'Needs a person', input, f);
  switch (input.intent) {
    case 'wismo': {
      const h = f.health;
      if (h.state === 'in_transit' || h.state === 'out_for_delivery' || h.state === 'label_created') {
        if (!settings.tracking.automate) return off('tracking');
        return automate('tracking.healthy', 'reply_tracking', [h.reason], 'Tracking reply is safe: the shipment is healthy', []);
      }
      if (h.state === 'unfulfilled') {
        const age = (now.getTime() - o.createdAt.getTime()) / DAY;
        if (o.cancelledAt)
          return human(
            'tracking.cancelled_order',
            [`order ${o.name} was cancelled`],
            'Needs a person: the customer asks about a cancelled order',
            input,
            f,
          );
        if (age <= PROCESSING_DAYS && !o.onHold) {
          if (!settings.tracking.automate) return off('tracking');
          return automate(
            'tracking.processing',
            'reply_tracking',
            [`placed ${plural(Math.floor((now.getTime() - o.createdAt.getTime()) / HOUR), 'hour')} ago, within normal processing`],
            'A status reply is safe: the order is not shipped yet but still within processing time',
            [],
          );
        }
        return human(
          'tracking.unshipped',
          [o.onHold ? 'the order is on hold at the warehouse' : `not shipped ${plural(Math.floor(age), 'day')} after the order`],
          'Needs a person: the order has not shipped',
          input,
          f,
        );
      }
      if (h.state === 'delivered')
        return human(
          'tracking.delivered',
          [`carrier shows delivered ${f.deliveredAt ? `${plural(daysAgo(f.deliveredAt, now), 'day')} ago` : ''}`.trim()],
          'Needs a person: the customer asks where a delivered order is',
          input,
          f,
        );
      return human(`tracking.${h.state}`, [h.reason], `Needs a person: the shipment is ${h.state}`, input, f);
    }
    case 'cancel': {
      if (o.cancelledAt)
        return human(
          'cancel.already_cancelled',
          [`order ${o.name} is already cancelled`],
          'Needs a person: the order is already cancelled',
          input,
          f,
        );
      if (f.shipped)
        return human(
          'cancel.after_handoff',
          ['the order has been handed to the carrier or warehouse'],
          'Needs a person: cancellation after fulfillment',
          input,
          f,
        );
      if (o.onHold)
        return human(
          'cancel.on_hold',
          ['the order is on hold at the warehouse'],
          'Needs a person: the warehouse holds the order',
          input,
          f,
        );
      if (!settings.cancellation.automate) return off('cancellation');
      return automate(
        'cancel.before_fulfillment',
        'cancel_order',
        ['nothing is fulfilled yet', 'not on hold'],
        'Cancellation is safe: the order has not been fulfilled',
        ['cancellation', 'refund'],
      );
    }
    case 'address_change': {
      const hours = (now.getTime() - o.createdAt.getTime()) / HOUR;
      if (o.cancelledAt)
        return human('address.cancelled', [`order ${o.name} is cancelled`], 'Needs a person: the order is cancelled', input, f);
      if (f.shipped)
        return human('address.after_fulfillment', ['the order is already fulfilled'], 'Needs a person: the parcel has left', input, f);
      if (hours > settings.addressChange.cutoffHours) {
        return human(
          'address.after_cutoff',
          [`placed ${Math.floor(hours)} hours ago, past the ${settings.addressChange.cutoffHours}-hour cutoff`],
          'Needs a person: past the pick-and-pack cutoff',
          input,
          f,
        );
      }
      if (!settings.addressChange.automate) return off('address_change');
      return automate(
        'address.before_cutoff',
        'update_address',
        [`placed ${Math.floor(hours)} hours ago, inside the ${settings.addressChange.cutoffHours}-hour cutoff`, 'nothing fulfilled yet'],
        'Address change is safe',
        ['address_change'],
      );
    }
    case 'return_exchange': {
      const exchange = EXCHANGE_WORDS.test(input.message);
      const what = exchange ? 'Exchange' : 'Return';
      if (!f.deliveredAt)
        return human(
          `${what.toLowerCase()}.not_delivered`,
          ['the order is not delivered yet'],
          `Needs a person: ${what.toLowerCase()} before delivery`,
          input,
          f,
        );
      const day = daysAgo(f.deliveredAt, now);
      if (day > settings.returns.windowDays) {
        return human(
          `${what.toLowerCase()}.outside_window`,
          [`delivered ${plural(day, 'day')} ago, outside the ${settings.returns.windowDays}-day window`],
          `${what} not eligible automatically`,
          input,
          f,
        );
      }
      const finalSale = isFinalSale(o, settings);
      if (finalSale) return human(`${what.toLowerCase()}.final_sale`, [finalSale], `${what} needs a person: final-sale item`, input, f);
      const open = input.returns.find((r) => !['closed', 'declined', 'canceled', 'cancelled'].includes(r.status));
      if (open)
        return human(
          `${what.toLowerCase()}.already_open`,
          [`return ${open.name ?? open.id} is already ${open.status}`],
          'Needs a person: a return is already open',
          input,
          f,
        );
      const inside = `delivered ${plural(day, 'day')} ago, inside your ${settings.returns.windowDays}-day window`;
      if (exchange) {
        const approved = settings.exchanges.approvedSkus;
        const notApproved = approved.length ? o.lineItems.filter((li) => !approved.includes(li.sku ?? '')) : [];
        if (notApproved.length)
          return human(
            'exchange.sku_not_approved',
            [`${notApproved.map((li) => li.sku ?? li.title).join(', ')} not on the approved exchange list`],
            'Exchange needs a person',
            input,
            f,
          );
        if (!settings.exchanges.automate) return off('exchanges');
        return automate('exchange.inside_window', 'create_exchange', [inside, 'SKU not final sale'], 'Exchange eligible', [
          'exchange',
          'return_label',
        ]);
      }
      if (!settings.returns.automate) return off('returns');
      return automate('return.inside_window', 'create_return', [inside, 'SKU not final sale'], 'Return eligible', ['return_label']);
    }
    case 'refund': {
      const already = input.refunds.length ? [`already refunded ${input.refunds.map((r) => r.amount).join(' + ')} ${o.currency}`] : [];
      return human(
        'refund.needs_approval',
        [...already, 'refunds are approved by a person'],
        'Needs a person: refund requests are never automated',
        input,
        f,
      );
    }
    case 'damaged': {
      const photos = input.evidence?.photoCount ?? 0;
      return photos > 0
        ? human(
            'damaged.with_evidence',
            [`${plural(photos, 'photo')} attached`, 'a replacement or refund needs approval'],
            'Needs a person: damaged item with photo evidence',
            input,
            f,
          )
        : human('damaged.no_evidence', ['no photo evidence'], 'Needs a person: damaged-item claim without photos', input, f);
    }
    case 'not_received': {
      if (f.health.state === 'delivered') {
        return human(
          'not_received.delivered',
          [`carrier shows delivered ${f.deliveredAt ? `${plural(daysAgo(f.deliveredAt, now), 'day')} ago` : ''}`.trim()],
          'Needs a person: delivered but not received',
          input,
          f,
        );
      }
      return human(`not_received.${f.health.state}`, [f.health.reason], 'Needs a person: parcel not received', input, f);
    }
    default:
      return human('other', ['not a request Concord automates'], 'Needs a person', input, f);
  }
}
