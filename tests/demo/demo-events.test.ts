import { describe, expect, it } from 'vitest';
import {
  DEMO_ORDER_STATES,
  DEMO_ORDERS,
  DEMO_SHOP,
  DEMO_SHOWCASE_TICKET_ID,
  DEMO_TICKET_INTENTS,
  DEMO_TICKETS,
  buildDemoEvents,
  describeDemo,
  formatDemoSummary,
  inferOrderStates,
  type DemoEvent,
} from '@/lib/demo/demo-events';
import { defaultSettings } from '@/lib/domain/settings';
import { gorgiasEventId, parseGorgiasContext } from '@/lib/integrations/gorgias/payloads';
import { INTENTS } from '@/lib/domain/types';

const NOW = new Date('2026-11-25T18:30:27.123Z');
const OPTS = { shopDomain: DEMO_SHOP.domain, shopName: DEMO_SHOP.name, gorgiasDomain: DEMO_SHOP.gorgiasDomain };
const events = buildDemoEvents(NOW, OPTS);

type Shopify = Extract<DemoEvent, { source: 'shopify' }>;
type Gorgias = Extract<DemoEvent, { source: 'gorgias' }>;
type Json = Record<string, unknown>;
const shopify = events.filter((e): e is Shopify => e.source === 'shopify');
const gorgias = events.filter((e): e is Gorgias => e.source === 'gorgias');
const topic = (t: string) => shopify.filter((e) => e.topic === t);
const timeOf = (e: DemoEvent) => Date.parse(e.source === 'shopify' ? e.triggeredAt : e.at);
const DAY = 86_400_000;
const ago = (iso: unknown) => (NOW.getTime() - Date.parse(String(iso))) / DAY;
const orderIdOf = (b: Json) => String(b.order_id ?? (b.order as Json | undefined)?.id);
const cents = (s: unknown) => Math.round(Number(s) * 100); // test-side only: the values are checked to be 2-decimal strings first

function latestOrder(name: string): Json {
  const all = shopify.filter((e) => e.topic.startsWith('orders/') && e.body.name === name);
  if (all.length === 0) throw new Error(`no order ${name}`);
  return all[all.length - 1].body;
}
const inferred = inferOrderStates(events, NOW);
const ticketOrders = (intent: string) => DEMO_TICKETS.filter((t) => t.intent === intent && t.orderName !== null);

describe('demo stream: determinism and identity', () => {
  it('gives byte-identical output for the same now', () => {
    expect(JSON.stringify(buildDemoEvents(new Date(NOW), OPTS))).toBe(JSON.stringify(events));
  });

  it('keeps event ids stable across days, so reseeding later is deduplicated', () => {
    const later = buildDemoEvents(new Date(NOW.getTime() + 3 * DAY + 12_345), OPTS);
    expect(later.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(timeOf(later[0])).toBe(timeOf(events[0]) + 3 * DAY);
  });

  it('has unique event ids', () => {
    const ids = events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('demo-'))).toBe(true);
  });

  it('is chronological, never in the future, and spans about six weeks', () => {
    const times = events.map(timeOf);
    for (let i = 1; i < times.length; i++) expect(times[i], events[i].eventId).toBeGreaterThanOrEqual(times[i - 1]);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect((NOW.getTime() - times[0]) / DAY).toBeGreaterThan(40);
    expect((NOW.getTime() - times[0]) / DAY).toBeLessThan(50);
  });

  it('honours the options', () => {
    const other = buildDemoEvents(NOW, {
      shopDomain: 'other.myshopify.com',
      shopName: 'Other Co',
      gorgiasDomain: 'otherco',
      currency: 'CAD',
    });
    const orders = other.filter((e): e is Shopify => e.source === 'shopify' && e.topic === 'orders/create');
    expect(
      orders.every((e) => e.body.currency === 'CAD' && String(e.body.order_status_url).startsWith('https://other.myshopify.com/')),
    ).toBe(true);
    const tickets = other.filter((e): e is Gorgias => e.source === 'gorgias');
    expect(tickets.every((e) => (e.body.ticket.account as Json).domain === 'otherco')).toBe(true);
    expect(tickets.some((e) => String(e.body.message?.body_text).includes('Other Co Customer Care'))).toBe(true);
    expect(JSON.stringify(other)).not.toContain('"USD"');
  });
});

const MONEY_KEYS = new Set([
  'price',
  'total_price',
  'subtotal_price',
  'total_tax',
  'amount',
  'subtotal',
  'total_spent',
  'current_total_price',
  'total_discounts',
  'total_line_items_price',
  'discounted_price',
  'total_discount',
]);
const SHOPIFY_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-07:00$/;

function walk(value: unknown, path: string, visit: (key: string, v: unknown, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v, `${path}.${k}`);
      walk(v, `${path}.${k}`, visit);
    }
  }
}

describe('demo stream: Shopify payload shapes', () => {
  it('bodies are plain JSON with string money, offset timestamps, safe numeric ids and matching gids', () => {
    const problems: string[] = [];
    for (const e of shopify) {
      expect(JSON.parse(JSON.stringify(e.body))).toEqual(e.body);
      walk(e.body, `${e.eventId}`, (k, v, path) => {
        if (MONEY_KEYS.has(k) && !(typeof v === 'string' && /^\d+\.\d{2}$/.test(v))) problems.push(`${path} money ${JSON.stringify(v)}`);
        if (k.endsWith('_at') && v !== null && !(typeof v === 'string' && SHOPIFY_TIME.test(v) && !Number.isNaN(Date.parse(v))))
          problems.push(`${path} time ${JSON.stringify(v)}`);
        if (
          (k === 'id' || k.endsWith('_id')) &&
          k !== 'admin_graphql_api_id' &&
          v !== null &&
          typeof v !== 'object' &&
          !(typeof v === 'number' && Number.isSafeInteger(v))
        )
          problems.push(`${path} id ${JSON.stringify(v)}`);
        // A gid names the same resource as the numeric id beside it.
        if (v && typeof v === 'object' && 'admin_graphql_api_id' in v) {
          const o = v as Json;
          const m = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(String(o.admin_graphql_api_id));
          if (!m || m[1] !== String(o.id)) problems.push(`${path} gid ${String(o.admin_graphql_api_id)} vs id ${String(o.id)}`);
        }
      });
      if (!(e.body.admin_graphql_api_id === undefined || String(e.body.admin_graphql_api_id).endsWith(`/${String(e.body.id)}`)))
        problems.push(`${e.eventId} top-level gid`);
      expect(Number.isNaN(Date.parse(e.triggeredAt))).toBe(false);
    }
    expect(problems).toEqual([]);
  });

  it('orders look like Shopify orders', () => {
    for (const e of topic('orders/create')) {
      const b = e.body;
      expect(b.name).toMatch(/^#10\d\d$/);
      expect(b.order_number).toBe(Number(String(b.name).slice(1)));
      expect(b.id).toBe(5940139490000 + Number(b.order_number));
      expect(b.admin_graphql_api_id).toBe(`gid://shopify/Order/${b.id}`);
      expect(b.fulfillment_status).toBeNull();
      expect(typeof b.tags).toBe('string');
      expect(String(b.tags)).not.toMatch(/,(?! )/); // comma + space
      expect((b.line_items as Json[]).length).toBeGreaterThan(0);
      expect((b.line_items as Json[]).every((l) => typeof l.sku === 'string' && /^\d+\.\d{2}$/.test(String(l.price)))).toBe(true);
      const lines = (b.line_items as Json[]).reduce((s, l) => s + cents(l.price) * Number(l.quantity), 0);
      const shipping = (b.shipping_lines as Json[]).reduce((s, l) => s + cents(l.price), 0);
      expect(cents(b.total_price)).toBe(lines + shipping + cents(b.total_tax));
      expect(b.customer).toMatchObject({ id: expect.any(Number), email: expect.any(String) });
      expect(b.shipping_address).toMatchObject({ address1: expect.any(String), zip: expect.any(String), country_code: 'US' });
    }
  });

  it('order numbers follow placement time, like a real store', () => {
    const creates = topic('orders/create');
    const byNumber = [...creates].sort((a, b) => Number(a.body.order_number) - Number(b.body.order_number));
    expect(byNumber.map((e) => e.eventId)).toEqual(creates.map((e) => e.eventId));
  });

  it('every order moves forward: create first, later updates carry a later updated_at', () => {
    const firstSeen = new Map<string, string>();
    for (const e of shopify.filter((x) => x.topic.startsWith('orders/'))) {
      const id = String(e.body.id);
      if (!firstSeen.has(id)) {
        expect(e.topic, `${e.body.name}`).toBe('orders/create');
        firstSeen.set(id, String(e.body.updated_at));
      } else {
        expect(Date.parse(String(e.body.updated_at))).toBeGreaterThan(Date.parse(firstSeen.get(id)!));
      }
    }
    expect(topic('orders/updated').length).toBeGreaterThan(10);
  });

  it('child events come after their order, and scans after their fulfillment', () => {
    const orderCreated = new Map(topic('orders/create').map((e) => [String(e.body.id), timeOf(e)]));
    const fulfillmentCreated = new Map(topic('fulfillments/create').map((e) => [String(e.body.id), Date.parse(String(e.body.created_at))]));
    for (const e of shopify.filter((x) => /^(fulfillments|fulfillment_events|refunds|returns)\//.test(x.topic))) {
      const created = orderCreated.get(orderIdOf(e.body));
      expect(created, e.eventId).toBeDefined();
      expect(timeOf(e)).toBeGreaterThan(created!);
    }
    for (const e of topic('fulfillment_events/create')) {
      const f = fulfillmentCreated.get(String(e.body.fulfillment_id));
      expect(f, e.eventId).toBeDefined();
      expect(Date.parse(String(e.body.happened_at))).toBeGreaterThanOrEqual(f!);
    }
    const customerCreated = new Map(topic('customers/create').map((e) => [String(e.body.id), timeOf(e)]));
    for (const e of topic('orders/create')) {
      const c = customerCreated.get(String((e.body.customer as Json).id));
      if (c !== undefined) expect(c).toBeLessThan(timeOf(e));
    }
  });

  it('fulfillments carry tracking and scans carry what the delay logic reads', () => {
    for (const e of topic('fulfillments/create')) {
      expect(e.body).toMatchObject({
        tracking_company: expect.stringMatching(/^(UPS|USPS|FedEx)$/),
        tracking_number: expect.any(String),
        tracking_url: expect.stringMatching(/^https:\/\//),
        status: 'success',
      });
      expect(e.body.shipment_status).toBeNull();
      expect(e.body.name).toMatch(/^#\d+\.1$/);
    }
    for (const e of topic('fulfillment_events/create')) {
      expect(e.body).toMatchObject({
        status: expect.any(String),
        happened_at: expect.any(String),
        estimated_delivery_at: expect.any(String),
        city: expect.any(String),
      });
    }
    const statuses = new Set(topic('fulfillment_events/create').map((e) => e.body.status));
    for (const s of [
      'label_printed',
      'confirmed',
      'in_transit',
      'out_for_delivery',
      'delivered',
      'attempted_delivery',
      'failure',
      'delayed',
    ])
      expect(statuses).toContain(s);
    expect(topic('fulfillments/update').some((e) => e.body.shipment_status === 'delivered')).toBe(true);
  });

  it('refunds have successful refund transactions and returns have the agreed shape', () => {
    for (const e of topic('refunds/create')) {
      const tx = e.body.transactions as Json[];
      expect(tx.length).toBeGreaterThan(0);
      expect(tx.every((t) => t.kind === 'refund' && t.status === 'success' && /^\d+\.\d{2}$/.test(String(t.amount)))).toBe(true);
    }
    const statusByTopic: Record<string, string> = { 'returns/request': 'requested', 'returns/approve': 'open', 'returns/close': 'closed' };
    for (const e of shopify.filter((x) => x.topic.startsWith('returns/'))) {
      expect(e.body.status).toBe(statusByTopic[e.topic]);
      expect(e.body.name).toMatch(/^#\d+-R\d+$/);
      expect(e.body.order).toEqual({ id: e.body.order_id, admin_graphql_api_id: `gid://shopify/Order/${e.body.order_id}` });
      expect((e.body.return_line_items as Json[]).length).toBeGreaterThan(0);
    }
    expect(new Set(shopify.filter((x) => x.topic.startsWith('returns/')).map((e) => e.body.status))).toEqual(
      new Set(['requested', 'open', 'closed']),
    );
  });
});

describe('demo stream: customers', () => {
  const summary = describeDemo(events, NOW);
  it('has at least 20 customers, exactly one tagged vip', () => {
    expect(summary.customers).toBeGreaterThanOrEqual(20);
    expect(summary.vipCustomers).toBe(1);
  });

  it('the VIP has several orders and a high total spent; nobody else reaches the VIP spend threshold', () => {
    const threshold = cents(defaultSettings().vip.minTotalSpent);
    const spent = new Map<string, { cents: number; tags: string; orders: number }>();
    for (const e of topic('orders/create')) {
      const c = e.body.customer as Json;
      const prev = spent.get(String(c.id));
      spent.set(String(c.id), { cents: cents(c.total_spent), tags: String(c.tags), orders: (prev?.orders ?? 0) + 1 });
    }
    const vips = [...spent.values()].filter((c) => c.tags.split(', ').includes('vip'));
    expect(vips).toHaveLength(1);
    expect(vips[0].orders).toBeGreaterThanOrEqual(3);
    expect(vips[0].cents).toBeGreaterThanOrEqual(threshold);
    expect([...spent.values()].filter((c) => c.cents >= threshold)).toHaveLength(1);
  });

  it('names, emails, phones and second addresses are present', () => {
    const customers = shopify.filter((e) => e.topic.startsWith('customers/')).map((e) => e.body);
    expect(
      customers.every(
        (c) => String(c.first_name).length > 0 && String(c.last_name).length > 0 && /@example\.(com|net|org)$/.test(String(c.email)),
      ),
    ).toBe(true);
    expect(customers.filter((c) => c.phone).length).toBeGreaterThanOrEqual(3);
    const second = topic('orders/create').filter((e) => e.body.email !== (e.body.customer as Json).email);
    expect(second.length).toBeGreaterThanOrEqual(2);
  });
});

describe('demo stream: every order state', () => {
  it('each order shows exactly the states its story intends', () => {
    for (const o of DEMO_ORDERS) expect([...(inferred[o.name] ?? [])].sort(), o.name).toEqual([...o.states].sort());
    expect(Object.keys(inferred).sort()).toEqual(DEMO_ORDERS.map((o) => o.name).sort());
  });

  it('every state is present, most of them several times', () => {
    const counts = describeDemo(events, NOW).orderStates;
    for (const s of DEMO_ORDER_STATES) expect(counts[s], s).toBeGreaterThanOrEqual(s === 'on_hold' ? 1 : 2);
  });

  it('unfulfilled: one inside the 12-hour cutoff, one older', () => {
    const unfulfilled = DEMO_ORDERS.filter((o) => o.states.includes('unfulfilled')).map((o) => ago(latestOrder(o.name).created_at));
    expect(unfulfilled.some((d) => d * 24 < 12)).toBe(true);
    expect(unfulfilled.some((d) => d * 24 > 12)).toBe(true);
  });

  it('delivered: 40 days ago (outside the return window) and 10 days ago (inside it)', () => {
    const delivered = topic('fulfillment_events/create')
      .filter((e) => e.body.status === 'delivered')
      .map((e) => ago(e.body.happened_at));
    expect(delivered.some((d) => d >= 39 && d <= 41)).toBe(true);
    expect(delivered.some((d) => d >= 9 && d <= 11)).toBe(true);
    expect(delivered.some((d) => d < 3)).toBe(true);
  });

  it('delayed: one with no scan for 7+ days, one 3+ days past the estimate', () => {
    const last = new Map<string, Json>();
    for (const e of topic('fulfillment_events/create')) last.set(orderIdOf(e.body), e.body);
    const delayedIds = DEMO_ORDERS.filter((o) => o.states.includes('delayed')).map((o) => o.orderId);
    const scans = delayedIds.map((id) => last.get(id)!);
    expect(scans.some((s) => ago(s.happened_at) >= 7)).toBe(true);
    expect(scans.some((s) => ago(s.estimated_delivery_at) >= 3 && ago(s.happened_at) < 7)).toBe(true);
  });

  it('exceptions: failure, attempted delivery and a return to sender', () => {
    const exceptionIds = new Set(DEMO_ORDERS.filter((o) => o.states.includes('exception')).map((o) => o.orderId));
    const scans = topic('fulfillment_events/create')
      .filter((e) => exceptionIds.has(orderIdOf(e.body)))
      .map((e) => e.body);
    expect(scans.some((s) => s.status === 'failure')).toBe(true);
    expect(scans.some((s) => s.status === 'attempted_delivery')).toBe(true);
    expect(scans.some((s) => /returning to sender/i.test(String(s.message)))).toBe(true);
  });

  it('cancelled orders carry a reason; refunds add up to the refunded status', () => {
    for (const e of topic('orders/cancelled')) {
      expect(e.body.cancel_reason).toMatch(/^(customer|inventory|fraud|declined|other)$/);
      expect(e.body.cancelled_at).toEqual(expect.any(String));
      expect(['refunded', 'voided']).toContain(e.body.financial_status);
    }
    for (const o of DEMO_ORDERS.filter((x) => x.states.some((s) => s.startsWith('refunded_')))) {
      const order = latestOrder(o.name);
      expect(order.financial_status).toBe(o.states.includes('refunded_full') ? 'refunded' : 'partially_refunded');
      const refunded = (order.refunds as Json[]).flatMap((r) => r.transactions as Json[]).reduce((s, t) => s + cents(t.amount), 0);
      expect(cents(order.current_total_price)).toBe(cents(order.total_price) - refunded);
    }
  });

  it('on hold, high value and final sale are visible on the order', () => {
    expect(
      DEMO_ORDERS.filter((o) => o.states.includes('on_hold')).every((o) =>
        String(latestOrder(o.name).tags).split(', ').includes('on-hold'),
      ),
    ).toBe(true);
    expect(DEMO_ORDERS.filter((o) => o.states.includes('high_value')).every((o) => cents(latestOrder(o.name).total_price) >= 50000)).toBe(
      true,
    );
    const finalSale = DEMO_ORDERS.filter((o) => o.states.includes('final_sale')).map((o) => latestOrder(o.name));
    expect(finalSale.some((o) => String(o.tags).split(', ').includes('final-sale'))).toBe(true);
    expect(
      finalSale.some(
        (o) => (o.line_items as Json[]).some((l) => String(l.sku).startsWith('FS-')) && !String(o.tags).includes('final-sale'),
      ),
    ).toBe(true);
  });
});

describe('demo stream: Gorgias tickets', () => {
  const byTicket = new Map<string, Gorgias[]>();
  for (const e of gorgias) byTicket.set(String(e.body.ticket.id), [...(byTicket.get(String(e.body.ticket.id)) ?? []), e]);
  const messages = gorgias.map((e) => e.body.message!);
  const customerEmails = new Set(shopify.filter((e) => e.topic.startsWith('customers/')).map((e) => String(e.body.email)));
  const orderEmails = new Set(topic('orders/create').map((e) => String(e.body.email)));

  it('has at least 14 tickets, each with a known intent, covering every intent', () => {
    expect(byTicket.size).toBeGreaterThanOrEqual(14);
    for (const id of byTicket.keys()) expect(DEMO_TICKET_INTENTS[id], id).toBeDefined();
    expect(new Set(Object.values(DEMO_TICKET_INTENTS))).toEqual(new Set(INTENTS));
    expect(DEMO_TICKETS.map((t) => t.ticketId).sort()).toEqual([...byTicket.keys()].sort());
  });

  it('one event per message, each ticket holding the messages so far', () => {
    for (const [id, evs] of byTicket) {
      evs.forEach((e, i) => {
        const t = e.body.ticket;
        const list = t.messages as Json[];
        expect(list).toHaveLength(i + 1);
        expect(list[i].id).toBe(e.body.message!.id);
        expect(e.body.message!.ticket_id).toBe(Number(id));
        expect(t.account).toEqual({ domain: OPTS.gorgiasDomain });
        expect(t.customer).toMatchObject({ id: expect.any(Number), email: expect.any(String), name: expect.any(String) });
        expect(Array.isArray(t.tags) && (t.tags as Json[]).every((tag) => typeof tag.name === 'string')).toBe(true);
        expect(t.updated_datetime).toBe(e.body.message!.created_datetime);
        expect(String(t.created_datetime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      });
    }
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
  });

  it('has agent replies, an internal note, closed tickets, a photo and no photo', () => {
    expect(
      messages.some((m) => m.from_agent === true && m.channel !== 'internal-note' && String((m.sender as Json).email).startsWith('agent@')),
    ).toBe(true);
    expect(messages.some((m) => m.channel === 'internal-note' && m.from_agent === true)).toBe(true);
    const closed = gorgias.filter((e) => e.body.ticket.status === 'closed');
    expect(new Set(closed.map((e) => e.body.ticket.id)).size).toBeGreaterThanOrEqual(2);
    expect(closed.every((e) => typeof e.body.ticket.closed_datetime === 'string')).toBe(true);
    const damaged = gorgias
      .filter((e) => DEMO_TICKET_INTENTS[String(e.body.ticket.id)] === 'damaged')
      .map((e) => e.body.message!.attachments as Json[]);
    expect(
      damaged.some((a) => a.length > 0 && a.every((x) => x.content_type === 'image/jpeg' && /^https:\/\//.test(String(x.url)) && x.name)),
    ).toBe(true);
    expect(damaged.some((a) => a.length === 0)).toBe(true);
  });

  it('customers write like customers: a quoted reply, an emoji, order numbers in several spellings', () => {
    const customerMessages = messages.filter((m) => m.from_agent === false);
    const quoted = customerMessages.find((m) => String(m.body_text).includes('\n> '));
    expect(quoted).toBeDefined();
    expect(String(quoted!.stripped_text)).not.toContain('\n> ');
    expect(customerMessages.some((m) => /\p{Extended_Pictographic}/u.test(String(m.body_text)))).toBe(true);
    expect(customerMessages.some((m) => /#10\d\d\b/.test(String(m.body_text)))).toBe(true);
    expect(customerMessages.some((m) => /\border #?10\d\d\b/i.test(String(m.body_text)) && !/#10\d\d/.test(String(m.body_text)))).toBe(
      true,
    );
    expect(customerMessages.every((m) => Array.isArray(m.intents))).toBe(true);
  });

  it("one ticket comes from a customer's second address, one from a stranger quoting someone else's order", () => {
    const senders = [...byTicket.values()].map((evs) => ({
      email: String((evs[0].body.ticket.customer as Json).email),
      text: String(evs[0].body.message!.body_text),
    }));
    const second = senders.filter((s) => !customerEmails.has(s.email) && orderEmails.has(s.email));
    expect(second.length).toBeGreaterThanOrEqual(1);
    const strangers = senders.filter((s) => !customerEmails.has(s.email) && !orderEmails.has(s.email));
    expect(strangers).toHaveLength(1);
    const quotedNumber = /\b(10\d\d)\b/.exec(strangers[0].text)?.[1];
    expect(quotedNumber).toBeDefined();
    expect(latestOrder(`#${quotedNumber}`).email).not.toBe(strangers[0].email);
  });

  it('each ticket starts after its order was placed', () => {
    for (const t of DEMO_TICKETS.filter((x) => x.orderName)) {
      const placed = Date.parse(String(latestOrder(t.orderName!).created_at));
      const first = byTicket.get(t.ticketId)![0];
      expect(timeOf(first), t.ticketId).toBeGreaterThan(placed);
    }
  });

  it('the stories fit their intents', () => {
    const states = (name: string) => inferred[name] ?? [];
    const at = (ticketId: string) => timeOf(byTicket.get(ticketId)![0]);
    expect(ticketOrders('wismo').some((t) => states(t.orderName!).includes('delayed'))).toBe(true);
    expect(ticketOrders('wismo').some((t) => states(t.orderName!).includes('in_transit'))).toBe(true);
    expect(ticketOrders('cancel').some((t) => states(t.orderName!).includes('unfulfilled'))).toBe(true);
    expect(ticketOrders('cancel').some((t) => states(t.orderName!).includes('in_transit'))).toBe(true);
    expect(
      ticketOrders('address_change').some(
        (t) =>
          (at(t.ticketId) - Date.parse(String(latestOrder(t.orderName!).created_at))) / 3_600_000 < 12 &&
          states(t.orderName!).includes('unfulfilled'),
      ),
    ).toBe(true);
    const deliveredAgo = (name: string) => {
      const id = String(latestOrder(name).id);
      const d = topic('fulfillment_events/create').find((e) => orderIdOf(e.body) === id && e.body.status === 'delivered');
      return d ? ago(d.body.happened_at) : null;
    };
    const returns = ticketOrders('return_exchange');
    expect(returns.some((t) => (deliveredAgo(t.orderName!) ?? 99) < 30 && !states(t.orderName!).includes('final_sale'))).toBe(true);
    expect(returns.some((t) => (deliveredAgo(t.orderName!) ?? 0) > 30)).toBe(true);
    expect(returns.some((t) => states(t.orderName!).includes('final_sale'))).toBe(true);
    expect(ticketOrders('not_received').every((t) => states(t.orderName!).includes('delivered'))).toBe(true);
    expect(ticketOrders('damaged').every((t) => states(t.orderName!).includes('delivered'))).toBe(true);
    const vipTicket = [...byTicket.values()].find((evs) => (evs[0].body.ticket.tags as Json[]).some((tag) => tag.name === 'vip'));
    expect(vipTicket).toBeDefined();
    const vipOrder = DEMO_TICKETS.find((t) => t.ticketId === String(vipTicket![0].body.ticket.id))!.orderName!;
    expect(String((latestOrder(vipOrder).customer as Json).tags)).toContain('vip');
    expect(states(vipOrder)).toContain('delayed');
  });

  it('the showcase ticket is a WISMO on a delayed order with a reply and a note', () => {
    const t = DEMO_TICKETS.find((x) => x.ticketId === DEMO_SHOWCASE_TICKET_ID)!;
    expect(t.intent).toBe('wismo');
    expect(inferred[t.orderName!]).toContain('delayed');
    const kinds = byTicket
      .get(DEMO_SHOWCASE_TICKET_ID)!
      .map((e) => (e.body.message!.channel === 'internal-note' ? 'note' : e.body.message!.from_agent ? 'agent' : 'customer'));
    expect(kinds).toEqual(['customer', 'agent', 'note', 'customer']);
  });
});

describe('demo stream: read by the real Gorgias payload parser', () => {
  const parsed = gorgias.map((e) => ({ e, p: parseGorgiasContext(JSON.parse(JSON.stringify(e.body))) }));

  it('every ticket event parses, with the message, the account and the sender', () => {
    for (const { e, p } of parsed) {
      expect(p.ok, e.eventId).toBe(true);
      if (!p.ok) continue;
      expect(p.ticket.accountDomain).toBe(OPTS.gorgiasDomain);
      expect(p.ticket.customer.email).toBe((e.body.ticket.customer as Json).email);
      expect(p.message?.id).toBe(String(e.body.message!.id));
      expect(p.ticket.messages.map((m) => m.id)).toContain(p.message!.id);
      expect(p.ticket.updatedAt?.toISOString()).toBe(new Date(String(e.body.ticket.updated_datetime)).toISOString());
    }
  });

  it('notes, agent replies, attachments and Gorgias intents come through', () => {
    const messages = parsed.flatMap(({ p }) => (p.ok && p.message ? [p.message] : []));
    expect(messages.filter((m) => m.internalNote)).toHaveLength(1);
    expect(messages.some((m) => m.fromAgent && !m.internalNote && m.sentAt !== null)).toBe(true);
    expect(messages.some((m) => m.attachmentCount === 1)).toBe(true);
    expect(messages.some((m) => !m.fromAgent && m.gorgiasIntents.includes('shipping/status'))).toBe(true);
    expect(messages.every((m) => m.createdAt !== null && m.bodyText.length > 0)).toBe(true);
  });

  it('each delivery has its own inbox dedupe key', () => {
    const keys = parsed.map(({ p }) => (p.ok ? gorgiasEventId(p.ticket, p.message) : 'invalid'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('describeDemo', () => {
  const s = describeDemo(events, NOW);
  it('counts add up', () => {
    expect(Object.values(s.byTopic).reduce((a, b) => a + b, 0)).toBe(events.length);
    expect(s.bySource.shopify + s.bySource.gorgias).toBe(events.length);
    expect(s.byTopic['orders/create']).toBe(DEMO_ORDERS.length);
    expect(s.orders).toBe(DEMO_ORDERS.length);
    expect(Object.values(s.ticketsByIntent).reduce((a, b) => a + b, 0)).toBe(s.tickets);
    expect(s.messages).toBe(s.bySource.gorgias);
  });

  it('formats a banner line', () => {
    const line = formatDemoSummary(s);
    expect(line).toContain(`${s.customers} customers (1 VIP)`);
    expect(line).toContain(`${s.orders} orders`);
    expect(line).toContain(`${s.orderStates.delayed} delayed`);
    expect(line).toContain(`${s.total} events`);
  });

  it('infers from events, not from the stories: dropping the delivered scans changes the states', () => {
    const withoutDelivered = events.filter(
      (e) => !(e.source === 'shopify' && e.topic === 'fulfillment_events/create' && e.body.status === 'delivered'),
    );
    expect(describeDemo(withoutDelivered, NOW).orderStates.delivered).toBe(0);
  });
});
