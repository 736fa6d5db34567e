import type { Intent } from '@/lib/domain/types';
import { DEMO_BRAND, DEMO_CUSTOMERS, customer, product } from './catalog';
import { hoursAgo, minutesAfter, money, utcIso, weekdayName } from './format';
import { ticketEvents } from './gorgias-bodies';
import { ORDER_NUMBERS, ORDER_STORIES, type OrderStory } from './order-stories';
import {
  customerBody,
  fulfillmentBody,
  fulfillmentEventBody,
  orderBody,
  priceOrder,
  refundBody,
  returnBody,
  trackingFor,
  type OrderFacts,
  type OrderState,
} from './shopify-bodies';
import { TICKET_STORIES, type TicketCtx } from './ticket-stories';
import type { DemoEvent, DemoOptions, DemoOrderState, DemoTicketInfo } from './types';

export type { DemoEvent, DemoOptions, DemoOrderState, DemoTicketInfo } from './types';
export { DEMO_ORDER_STATES } from './types';
export { describeDemo, formatDemoSummary, inferOrderStates, type DemoSummary } from './describe-demo';

// The bundled demo: a brand's last six weeks as the webhooks Shopify and Gorgias would have sent.
// `npm start` without credentials feeds these through the real ingestion path (signed Shopify
// webhooks into the inbox, Gorgias `{{context}}` bodies), so the demo exercises the same code as
// production. Pure and deterministic: the same `now` gives the same stream, byte for byte, and
// event ids do not depend on `now` at all, so seeding again on a later day is deduplicated.

export const DEMO_SHOP = {
  domain: 'concord-demo.myshopify.com',
  name: DEMO_BRAND.name,
  gorgiasDomain: DEMO_BRAND.gorgiasDomain,
} as const satisfies { domain: 'concord-demo.myshopify.com'; name: string; gorgiasDomain: string };

/** What each demo ticket is about (Gorgias ticket id -> intent), to check the classifier against. */
export const DEMO_TICKET_INTENTS: Record<string, Intent> = Object.fromEntries(TICKET_STORIES.map((t) => [String(t.id), t.intent]));

const D = 24;
const VIP_TAGGED_H = 44 * D; // the merchant tagged the VIP shortly before the stream's first order

function facts(story: OrderStory, baseMs: number, opts: DemoOptions): OrderFacts {
  const number = ORDER_NUMBERS[story.key];
  const c = customer(story.customer);
  const priced = priceOrder(story, number, product, c.address.provinceCode);
  const createdMs = hoursAgo(baseMs, story.h);
  // The customer record as the order sees it: history before the stream plus orders so far.
  const mine = ORDER_STORIES.filter((s) => s.customer === story.customer).sort((a, b) => b.h - a.h);
  const upTo = mine.slice(0, mine.indexOf(story) + 1);
  const spent = upTo.reduce((sum, s) => sum + priceOrder(s, ORDER_NUMBERS[s.key], product, c.address.provinceCode).totalCents, 0);
  return {
    story,
    number,
    id: 5940139490000 + number,
    name: `#${number}`,
    customer: c,
    email: story.useAltEmail && c.altEmail ? c.altEmail : c.email,
    createdMs,
    currency: opts.currency ?? 'USD',
    shopDomain: opts.shopDomain,
    ...priced,
    tracking: story.ship ? trackingFor(story.ship.carrier, story.key) : null,
    customerSnapshot: {
      ordersCount: (c.priorOrders ?? 0) + upTo.length,
      totalSpentCents: (c.priorSpentCents ?? 0) + spent,
      createdMs: customerCreatedMs(story.customer, baseMs),
    },
  };
}

function customerCreatedMs(key: string, baseMs: number): number {
  const c = customer(key);
  if (c.sinceDays !== undefined) return hoursAgo(baseMs, c.sinceDays * D);
  const first = Math.max(...ORDER_STORIES.filter((s) => s.customer === key).map((s) => s.h));
  return minutesAfter(hoursAgo(baseMs, first), -3); // the account is created at checkout
}

interface Pending {
  ms: number;
  seq: number;
  event: DemoEvent;
}

export function buildDemoEvents(now: Date, opts: DemoOptions): DemoEvent[] {
  const baseMs = Math.floor(now.getTime() / 60_000) * 60_000;
  const currency = opts.currency ?? 'USD';
  const pending: Pending[] = [];
  const counters = new Map<string, number>();
  let seq = 0;

  const shopify = (topic: string, resourceId: number, ms: number, body: Record<string, unknown>) => {
    const counterKey = `${topic}:${resourceId}`;
    const n = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, n);
    const eventId = `demo-${topic.replace('/', '-')}-${resourceId}-${n}`;
    // Round-trip through JSON so a body never shares objects with another and holds no undefined.
    pending.push({
      ms,
      seq: seq++,
      event: { source: 'shopify', topic, eventId, triggeredAt: utcIso(ms), body: JSON.parse(JSON.stringify(body)) },
    });
  };

  // Customers: the VIP predates the stream (tagged by the merchant); everyone else signs up at checkout.
  for (const c of DEMO_CUSTOMERS) {
    const createdMs = customerCreatedMs(c.key, baseMs);
    if (c.sinceDays !== undefined) {
      const at = hoursAgo(baseMs, VIP_TAGGED_H);
      const body = customerBody(
        c,
        { createdMs, updatedMs: at, ordersCount: c.priorOrders ?? 0, totalSpentCents: c.priorSpentCents ?? 0, lastOrder: null },
        currency,
      );
      shopify('customers/update', body.id, at, body);
    } else {
      const body = customerBody(c, { createdMs, updatedMs: createdMs, ordersCount: 0, totalSpentCents: 0, lastOrder: null }, currency);
      shopify('customers/create', body.id, createdMs, body);
    }
  }

  const allFacts = new Map<string, OrderFacts>();
  for (const story of ORDER_STORIES) {
    const f = facts(story, baseMs, opts);
    allFacts.set(story.key, f);
    for (const a of orderActions(f, baseMs)) {
      a.run((topic, resourceId, body) => shopify(topic, resourceId, a.ms, body));
    }
  }

  const ctx = ticketCtx(allFacts, opts.shopName, (h) => weekdayName(hoursAgo(baseMs, h)));
  for (const story of TICKET_STORIES) {
    const times = story.messages.map((m) => hoursAgo(baseMs, m.h));
    for (const e of ticketEvents(story, ctx, times, { gorgiasDomain: opts.gorgiasDomain })) {
      pending.push({
        ms: e.ms,
        seq: seq++,
        event: {
          source: 'gorgias',
          eventId: `demo-gorgias-${story.id}-${e.messageId}`,
          at: utcIso(e.ms),
          body: JSON.parse(JSON.stringify(e.body)),
        },
      });
    }
  }

  return pending.sort((a, b) => a.ms - b.ms || a.seq - b.seq).map((p) => p.event);
}

type Emit = (topic: string, resourceId: number, body: Record<string, unknown>) => void;

/** One order's life as timed steps; each step mutates the order's state and emits its webhooks. */
function orderActions(f: OrderFacts, baseMs: number): Array<{ ms: number; run: (emit: Emit) => void }> {
  const story = f.story;
  const at = (h: number) => hoursAgo(baseMs, h);
  const st: OrderState = {
    updatedMs: f.createdMs,
    financialStatus: story.manualCapture ? 'authorized' : 'paid',
    fulfillmentStatus: null,
    fulfillment: null,
    refunds: [],
    refundedCents: 0,
    cancelled: null,
    tags: [...(story.tags ?? [])],
    note: story.note ?? null,
  };
  const steps: Array<{ ms: number; order: number; run: (emit: Emit) => void }> = [];
  const step = (ms: number, run: (emit: Emit) => void) => steps.push({ ms, order: steps.length, run });
  let refundIndex = 0;

  const refund = (
    emit: Emit,
    ms: number,
    r: { full: boolean; items: Array<[string, number]>; note: string; restockType: 'return' | 'cancel' | 'no_restock' },
  ) => {
    const built = refundBody(f, refundIndex++, { ms, ...r });
    st.refunds.push(built.body);
    st.refundedCents += built.cents;
    emit('refunds/create', built.body.id, built.body);
  };

  step(f.createdMs, (emit) => emit('orders/create', f.id, orderBody(f, st)));

  if (story.hold) {
    const hold = story.hold;
    step(at(hold.h), (emit) => {
      st.tags = [...st.tags, hold.tag];
      st.note = hold.note;
      st.updatedMs = at(hold.h);
      emit('orders/updated', f.id, orderBody(f, st));
    });
  }

  if (story.cancel) {
    const cancel = story.cancel;
    step(at(cancel.h), (emit) => {
      const ms = at(cancel.h);
      if (cancel.refund)
        refund(emit, ms, { full: true, items: [], note: "Order cancelled at the customer's request", restockType: 'cancel' });
      st.cancelled = { ms, reason: cancel.reason };
      st.financialStatus = cancel.refund ? 'refunded' : 'voided';
      st.updatedMs = ms;
      emit('orders/cancelled', f.id, orderBody(f, st));
    });
  }

  if (story.ship) {
    const ship = story.ship;
    const shipMs = at(ship.h);
    step(shipMs, (emit) => {
      st.fulfillment = { createdMs: shipMs, updatedMs: shipMs, shipmentStatus: null };
      emit('fulfillments/create', 5230117650000 + f.number, fulfillmentBody(f, st.fulfillment));
    });
    step(minutesAfter(shipMs, 1), (emit) => {
      st.fulfillmentStatus = 'fulfilled';
      st.updatedMs = minutesAfter(shipMs, 1);
      emit('orders/updated', f.id, orderBody(f, st));
    });
    const destination = f.customer.address.city;
    ship.scans.forEach((scan, i) => {
      const happenedMs = at(scan.h);
      // Carrier data reaches Shopify a few minutes after the scan; the webhook fires then.
      const createdMs = minutesAfter(happenedMs, 3);
      step(createdMs, (emit) => {
        const body = fulfillmentEventBody(f, i, {
          status: scan.status,
          message: scan.message ?? DEFAULT_SCAN_MESSAGES[scan.status] ?? scan.status,
          happenedMs,
          createdMs,
          etaMs: at(ship.etaH),
          city: scan.city,
          provinceCode: scan.province,
          atDestination: scan.city === destination,
        });
        emit('fulfillment_events/create', body.id, body);
        const fulfillment = st.fulfillment!;
        if (fulfillment.shipmentStatus !== scan.status) {
          fulfillment.shipmentStatus = scan.status;
          fulfillment.updatedMs = createdMs;
          emit('fulfillments/update', 5230117650000 + f.number, fulfillmentBody(f, fulfillment));
        }
      });
    });
  }

  if (story.ret) {
    const ret = story.ret;
    const createdMs = at(ret.requestH);
    const body = (status: 'requested' | 'open' | 'closed', updatedMs: number) =>
      returnBody(f, 0, { status, createdMs, updatedMs, items: ret.items, reason: ret.reason, customerNote: ret.customerNote });
    step(createdMs, (emit) => {
      const b = body('requested', createdMs);
      emit('returns/request', b.id, b);
    });
    if (ret.approveH !== undefined) {
      const ms = at(ret.approveH);
      step(ms, (emit) => {
        const b = body('open', ms);
        emit('returns/approve', b.id, b);
      });
    }
    if (ret.closeH !== undefined) {
      const ms = at(ret.closeH);
      step(ms, (emit) => {
        const b = body('closed', ms);
        emit('returns/close', b.id, b);
      });
    }
  }

  for (const r of story.refunds ?? []) {
    const ms = at(r.h);
    step(ms, (emit) =>
      refund(emit, ms, { full: r.full ?? false, items: r.items ?? [], note: r.note, restockType: story.ret ? 'return' : 'no_restock' }),
    );
    step(minutesAfter(ms, 1), (emit) => {
      st.financialStatus = st.refundedCents >= f.totalCents ? 'refunded' : 'partially_refunded';
      st.updatedMs = minutesAfter(ms, 1);
      emit('orders/updated', f.id, orderBody(f, st));
    });
  }

  return steps.sort((a, b) => a.ms - b.ms || a.order - b.order);
}

const DEFAULT_SCAN_MESSAGES: Record<string, string> = {
  label_printed: 'Shipping label created',
  label_purchased: 'Shipping label purchased',
  confirmed: 'Shipment information received',
  carrier_picked_up: 'Picked up by carrier',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  attempted_delivery: 'Delivery attempted',
  delayed: 'Delayed',
  failure: 'Delivery exception',
};

function ticketCtx(allFacts: Map<string, OrderFacts>, shopName: string, weekday: (h: number) => string): TicketCtx {
  const get = (key: string) => {
    const f = allFacts.get(key);
    if (!f) throw new Error(`ticket refers to unknown order story ${key}`);
    return f;
  };
  return {
    name: (key) => get(key).name,
    num: (key) => String(get(key).number),
    weekday,
    tracking: (key) => get(key).tracking?.number ?? '',
    carrier: (key) => get(key).tracking?.carrier ?? '',
    total: (key) => money(get(key).totalCents),
    shopName,
    agentFirstName: DEMO_BRAND.agentName.split(' ')[0],
  };
}

// Static facts for the start-up banner, a demo script and tests. Names, totals and tracking
// numbers do not depend on `now`, so they are computed once against a fixed base.
const STATIC_BASE = Date.UTC(2026, 0, 1);
const STATIC_FACTS = new Map(
  ORDER_STORIES.map((s) => [
    s.key,
    facts(s, STATIC_BASE, { shopDomain: DEMO_SHOP.domain, shopName: DEMO_SHOP.name, gorgiasDomain: DEMO_SHOP.gorgiasDomain }),
  ]),
);
const STATIC_CTX = ticketCtx(STATIC_FACTS, DEMO_SHOP.name, () => '');

export interface DemoOrderInfo {
  name: string;
  orderId: string;
  customerEmail: string;
  total: string;
  states: DemoOrderState[];
}

/** Every demo order with the states it is meant to show, oldest first. */
export const DEMO_ORDERS: DemoOrderInfo[] = [...STATIC_FACTS.values()]
  .sort((a, b) => a.number - b.number)
  .map((f) => ({ name: f.name, orderId: String(f.id), customerEmail: f.email, total: money(f.totalCents), states: [...f.story.expect] }));

/** Every demo ticket: its intent, its order, its sender and a line for a demo script. */
export const DEMO_TICKETS: DemoTicketInfo[] = TICKET_STORIES.map((t) => ({
  ticketId: String(t.id),
  intent: t.intent,
  orderName: t.order ? STATIC_CTX.name(t.order) : null,
  customerEmail: 'email' in t.from ? t.from.email : t.from.alt ? customer(t.from.customer).altEmail! : customer(t.from.customer).email,
  showcase: t.showcase(STATIC_CTX),
}));

/**
 * The ticket to open first in a demo: a WISMO on a delayed order with an agent reply, an internal
 * note and an upset follow-up. (The stream's first ticket event is an old closed return, so "the
 * first ticket seen" is a poor pick.)
 */
export const DEMO_SHOWCASE_TICKET_ID = '48120002';
