import { defaultSettings } from '@/lib/domain/settings';
import { INTENTS, type Intent } from '@/lib/domain/types';
import { TICKET_STORIES } from './ticket-stories';
import { DEMO_ORDER_STATES, type DemoEvent, type DemoOrderState } from './types';

// Reads a demo stream back the way an outsider would: only from the event bodies. The start-up
// banner prints it, and the tests compare it with what each story was meant to show, so a story
// whose timeline doesn't produce its intended state is caught.

export interface DemoSummary {
  total: number;
  bySource: { shopify: number; gorgias: number };
  byTopic: Record<string, number>;
  customers: number;
  vipCustomers: number;
  orders: number;
  orderStates: Record<DemoOrderState, number>;
  tickets: number;
  messages: number;
  closedTickets: number;
  ticketsByIntent: Record<Intent, number>;
}

interface OrderView {
  name: string;
  totalCents: number;
  tags: string[];
  skus: string[];
  cancelled: boolean;
  fulfilled: boolean;
  lastScan: { status: string; happenedMs: number; etaMs: number | null } | null;
  refundedCents: number;
  returned: boolean;
}

const EXCEPTION_STATUSES = new Set(['failure', 'attempted_delivery', 'returning_to_sender']);
const DAY = 86_400_000;

/** "783.02" -> 78302, without floats. */
export function cents(amount: unknown): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount));
  if (!m) throw new Error(`not a money string: ${String(amount)}`);
  const value = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -value : value;
}

function splitTags(tags: unknown): string[] {
  return typeof tags === 'string'
    ? tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : [];
}

function orderIdOf(body: Record<string, unknown>): string {
  const order = body.order as { id?: unknown } | undefined;
  return String(body.order_id ?? order?.id);
}

/**
 * Each order's states as the events show them (keyed by order name). `now` defaults to the last
 * event's time; delay thresholds are the default settings'.
 */
export function inferOrderStates(events: DemoEvent[], now?: Date): Record<string, DemoOrderState[]> {
  const settings = defaultSettings();
  const views = new Map<string, OrderView>();
  const view = (id: string): OrderView => {
    let v = views.get(id);
    if (!v) {
      v = {
        name: '',
        totalCents: 0,
        tags: [],
        skus: [],
        cancelled: false,
        fulfilled: false,
        lastScan: null,
        refundedCents: 0,
        returned: false,
      };
      views.set(id, v);
    }
    return v;
  };
  let lastMs = 0;
  for (const e of events) {
    lastMs = Math.max(lastMs, Date.parse(e.source === 'shopify' ? e.triggeredAt : e.at));
    if (e.source !== 'shopify') continue;
    const b = e.body;
    switch (e.topic) {
      case 'orders/create':
      case 'orders/updated':
      case 'orders/cancelled': {
        const v = view(String(b.id));
        v.name = String(b.name);
        v.totalCents = cents(b.total_price);
        v.tags = splitTags(b.tags);
        v.skus = ((b.line_items as Array<{ sku: string | null }>) ?? []).map((l) => l.sku ?? '');
        if (e.topic === 'orders/cancelled' || b.cancelled_at) v.cancelled = true;
        break;
      }
      case 'fulfillments/create':
        view(orderIdOf(b)).fulfilled = true;
        break;
      case 'fulfillment_events/create': {
        const v = view(orderIdOf(b));
        const happenedMs = Date.parse(String(b.happened_at));
        if (!v.lastScan || happenedMs >= v.lastScan.happenedMs) {
          v.lastScan = {
            status: String(b.status),
            happenedMs,
            etaMs: b.estimated_delivery_at ? Date.parse(String(b.estimated_delivery_at)) : null,
          };
        }
        break;
      }
      case 'refunds/create': {
        const v = view(orderIdOf(b));
        for (const t of (b.transactions as Array<{ kind: string; status: string; amount: string }>) ?? []) {
          if (t.kind === 'refund' && t.status === 'success') v.refundedCents += cents(t.amount);
        }
        break;
      }
      case 'returns/request':
      case 'returns/approve':
      case 'returns/close':
        view(orderIdOf(b)).returned = true;
        break;
    }
  }
  const nowMs = now ? now.getTime() : lastMs;
  const highValueCents = cents(settings.highValue.threshold);
  const out: Record<string, DemoOrderState[]> = {};
  for (const v of views.values()) {
    if (!v.name) continue; // a child event without its order: not part of a story
    const states: DemoOrderState[] = [];
    if (v.cancelled) states.push('cancelled');
    else if (!v.fulfilled) states.push(v.tags.includes('on-hold') ? 'on_hold' : 'unfulfilled');
    else states.push(shipmentState(v, nowMs, settings.delay));
    if (v.returned) states.push('returned');
    if (v.refundedCents > 0) states.push(v.refundedCents >= v.totalCents ? 'refunded_full' : 'refunded_partial');
    if (v.totalCents >= highValueCents) states.push('high_value');
    if (v.tags.includes(settings.exchanges.finalSaleTag) || v.skus.some((s) => s.startsWith('FS-'))) states.push('final_sale');
    out[v.name] = states;
  }
  return out;
}

function shipmentState(v: OrderView, nowMs: number, delay: { noMovementDays: number; pastEstimateDays: number }): DemoOrderState {
  const scan = v.lastScan;
  if (!scan) return 'in_transit'; // label created, nothing scanned yet
  if (scan.status === 'delivered') return 'delivered';
  if (EXCEPTION_STATUSES.has(scan.status)) return 'exception';
  const stale = nowMs - scan.happenedMs >= delay.noMovementDays * DAY;
  const late = scan.etaMs !== null && nowMs - scan.etaMs >= delay.pastEstimateDays * DAY;
  return scan.status === 'delayed' || stale || late ? 'delayed' : 'in_transit';
}

/** Counts per topic, per order state and per ticket intent. */
export function describeDemo(events: DemoEvent[], now?: Date): DemoSummary {
  const byTopic: Record<string, number> = {};
  const bySource = { shopify: 0, gorgias: 0 };
  const customerTags = new Map<string, string[]>();
  const tickets = new Map<string, { status: string }>();
  let messages = 0;
  for (const e of events) {
    bySource[e.source] += 1;
    const topic = e.source === 'shopify' ? e.topic : 'ticket-message-created';
    byTopic[topic] = (byTopic[topic] ?? 0) + 1;
    if (e.source === 'gorgias') {
      tickets.set(String(e.body.ticket.id), { status: String(e.body.ticket.status) });
      if (e.body.message) messages += 1;
      continue;
    }
    if (e.topic.startsWith('customers/')) customerTags.set(String(e.body.id), splitTags(e.body.tags));
    if (e.topic.startsWith('orders/')) {
      const c = e.body.customer as { id?: unknown; tags?: unknown } | null;
      if (c?.id !== undefined && !customerTags.has(String(c.id))) customerTags.set(String(c.id), splitTags(c.tags));
    }
  }
  const perOrder = inferOrderStates(events, now);
  const orderStates = Object.fromEntries(DEMO_ORDER_STATES.map((s) => [s, 0])) as Record<DemoOrderState, number>;
  for (const states of Object.values(perOrder)) for (const s of states) orderStates[s] += 1;
  const intentOf = new Map(TICKET_STORIES.map((t) => [String(t.id), t.intent]));
  const ticketsByIntent = Object.fromEntries(INTENTS.map((i) => [i, 0])) as Record<Intent, number>;
  for (const id of tickets.keys()) {
    const intent = intentOf.get(id);
    if (intent) ticketsByIntent[intent] += 1;
  }
  return {
    total: events.length,
    bySource,
    byTopic,
    customers: customerTags.size,
    vipCustomers: [...customerTags.values()].filter((tags) => tags.includes('vip')).length,
    orders: Object.keys(perOrder).length,
    orderStates,
    tickets: tickets.size,
    messages,
    closedTickets: [...tickets.values()].filter((t) => t.status === 'closed').length,
    ticketsByIntent,
  };
}

const STATE_LABELS: Record<DemoOrderState, string> = {
  unfulfilled: 'unfulfilled',
  on_hold: 'on hold',
  in_transit: 'in transit',
  delayed: 'delayed',
  exception: 'carrier exception',
  delivered: 'delivered',
  returned: 'with a return',
  refunded_full: 'refunded in full',
  refunded_partial: 'partly refunded',
  cancelled: 'cancelled',
  high_value: 'high value',
  final_sale: 'with a final-sale item',
};

/** One line for the start-up banner. */
export function formatDemoSummary(s: DemoSummary): string {
  const states = DEMO_ORDER_STATES.filter((k) => s.orderStates[k] > 0)
    .map((k) => `${s.orderStates[k]} ${STATE_LABELS[k]}`)
    .join(', ');
  const intents = INTENTS.filter((i) => s.ticketsByIntent[i] > 0)
    .map((i) => `${s.ticketsByIntent[i]} ${i}`)
    .join(', ');
  return `${s.customers} customers (${s.vipCustomers} VIP), ${s.orders} orders (${states}), ${s.tickets} tickets (${intents}); ${s.total} events.`;
}
