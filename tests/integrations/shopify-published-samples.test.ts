import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { POST } from '@/app/api/webhooks/shopify/route';
import { auditLog, customers, fulfillments, inboxEvents, issues, orders, outbox, refunds, returns, trackingEvents } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { SHOPIFY_TOPICS } from '@/lib/integrations/shopify/verify-webhook';
import { parseShopifyJson } from '@/lib/integrations/shopify/json';
import {
  customerSchema,
  fulfillmentSchema,
  orderSchema,
  refundSchema,
  toCustomer,
  toFulfillment,
  toOrder,
  toRefund,
  toReturn,
  toTrackingEvent,
} from '@/lib/integrations/shopify/webhook-payloads';
import { orderEventSchema, parseShopifyEvent, type ShopifyEvent } from '@/lib/integrations/shopify/webhook-events';
import { shopifyRequest, useTestApp } from '../helpers/app';

// Contract test: every mapper runs on Shopify's own published sample for each subscribed topic
// (tests/fixtures/shopify/published/README.md says where each one comes from).
const DIR = path.join(import.meta.dirname, '../fixtures/shopify/published');
const sample = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');

const SAMPLE_FOR_TOPIC: Record<string, string> = {
  'orders/create': 'orders_create.json',
  'orders/updated': 'orders_create.json',
  'orders/cancelled': 'orders_create.json',
  'fulfillments/create': 'fulfillments_update.json',
  'fulfillments/update': 'fulfillments_update.json',
  'fulfillment_events/create': 'fulfillment_events_create.json',
  'refunds/create': 'refunds_create.json',
  'returns/request': 'returns_request.json',
  'returns/approve': 'returns_approve.json',
  'returns/decline': 'returns_decline.json',
  'returns/cancel': 'returns_cancel.json',
  'returns/close': 'returns_close.json',
  'returns/reopen': 'returns_reopen.json',
  'customers/create': 'customers_create.json',
  'customers/update': 'customers_create.json',
  'customers/data_request': 'customers_data_request.json',
  'customers/redact': 'customers_redact.json',
  'shop/redact': 'shop_redact.json',
  'app/uninstalled': 'app_uninstalled.json',
  'app/scopes_update': 'app_scopes_update.json',
};

// Recent enough to be applied: deliveries older than Shopify's retry horizon are held (issue 14).
const TRIGGERED = new Date(Math.floor((Date.now() - 3600_000) / 1000) * 1000).toISOString();
const NOW = new Date();
// Delivery times inside Shopify's retry horizon (older ones are held, issue 14): minutes after a start 4 h ago.
const START = Math.floor(Date.now() / 60_000) * 60_000 - 240 * 60_000;
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
const EPOCH_YEAR = 1970;
const SHOP = 'acme.myshopify.com';

describe("Shopify's published samples: the mappers", () => {
  it('every subscribed topic has a published sample, and every sample file is a subscribed topic', () => {
    expect([...SHOPIFY_TOPICS].sort()).toEqual(Object.keys(SAMPLE_FOR_TOPIC).sort());
    for (const file of new Set(Object.values(SAMPLE_FOR_TOPIC))) expect(fs.existsSync(path.join(DIR, file)), file).toBe(true);
  });

  it('returns/* samples carry no created_at or updated_at: the delivery time is used, never the epoch', () => {
    const at = new Date(TRIGGERED);
    for (const file of [
      'returns_request.json',
      'returns_approve.json',
      'returns_cancel.json',
      'returns_close.json',
      'returns_reopen.json',
      'returns_decline.json',
    ]) {
      const payload = parseShopifyJson(sample(file)) as Record<string, unknown>;
      expect(payload.created_at, file).toBeUndefined();
      expect(payload.updated_at, file).toBeUndefined();
      const r = toReturn(payload, at);
      expect(r.createdAt.getUTCFullYear(), file).not.toBe(EPOCH_YEAR);
      expect(r.createdAt.toISOString(), file).toBe(TRIGGERED);
      expect(r.updatedAt.toISOString(), file).toBe(TRIGGERED);
      expect(r.id).toBe('123134564567890');
      expect(r.orderId, file).toBe('4783296544821');
    }
    expect(toReturn(parseShopifyJson(sample('returns_cancel.json')), at).status).toBe('cancelled');
    expect(toReturn(parseShopifyJson(sample('returns_request.json')), at).status).toBe('requested');
  });

  it('the 2025-01 returns/decline sample has no order at all: the mapper leaves the order to be looked up', () => {
    const r = toReturn(parseShopifyJson(sample('returns_decline.2025-01.json')), new Date(TRIGGERED));
    expect(r.orderId).toBeNull();
    expect(r.status).toBe('declined');
  });

  it('orders/create: fields, cancellation, and no orders_count/total_spent on the embedded customer', () => {
    const payload = parseShopifyJson(sample('orders_create.json')) as { customer: Record<string, unknown> };
    const o = toOrder(payload, SHOP);
    expect(o).toMatchObject({
      name: '#9999',
      orderNumber: 1234,
      email: 'jon@example.com',
      currency: 'USD',
      totalPrice: '388.00',
      tags: ['tag1', 'tag2'],
      cancelReason: 'customer',
    });
    expect(o.createdAt.toISOString()).toBe('2022-01-01T00:00:00.000Z');
    expect(o.cancelledAt?.toISOString()).toBe('2022-01-01T00:00:00.000Z');
    expect(o.lineItems).toHaveLength(2);
    expect(payload.customer.orders_count).toBeUndefined();
    expect(payload.customer.total_spent).toBeUndefined();
    const c = toCustomer(payload.customer, SHOP);
    expect(c).toMatchObject({ email: 'john@example.com', firstName: 'John', lastName: 'Smith' });
  });

  it('fulfillments, fulfillment events, refunds and customers', () => {
    const f = toFulfillment(parseShopifyJson(sample('fulfillments_update.json')), undefined, new Date(TRIGGERED));
    expect(f).toMatchObject({
      id: '123456',
      orderId: '820982911946154508',
      status: 'pending',
      shipmentStatus: null,
      trackingCompany: 'UPS',
      trackingNumber: '1z827wk74630',
    });
    expect(f.createdAt.toISOString()).toBe('2022-01-01T00:00:00.000Z');
    const e = toTrackingEvent(parseShopifyJson(sample('fulfillment_events_create.json')));
    expect(e).toMatchObject({ id: '1234567', fulfillmentId: '123456', status: 'in_transit', country: 'CA' });
    const r = toRefund(parseShopifyJson(sample('refunds_create.json')));
    expect(r).toMatchObject({ amount: '85.00', note: 'Things were damaged' });
    expect(r.createdAt.toISOString()).toBe('2022-01-01T00:00:00.000Z');
    const c = toCustomer(parseShopifyJson(sample('customers_create.json')), SHOP);
    expect(c).toMatchObject({ id: '706405506930370084', email: 'bob@biller.com', firstName: 'Bob' });
    expect(c.phones.length).toBe(1);
  });

  it('a fulfillment with no dates at all takes the delivery time, never the epoch', () => {
    const f = toFulfillment({ id: 1, order_id: 2, status: 'success' }, undefined, new Date(TRIGGERED));
    expect(f.createdAt.toISOString()).toBe(TRIGGERED);
    expect(f.updatedAt.toISOString()).toBe(TRIGGERED);
  });
});

// The event each topic's sample becomes at the edge: the only shape projection sees.
const TYPE_FOR_TOPIC: Record<string, ShopifyEvent['type']> = {
  'orders/create': 'order.upserted',
  'orders/updated': 'order.upserted',
  'orders/cancelled': 'order.cancelled',
  'fulfillments/create': 'fulfillment.upserted',
  'fulfillments/update': 'fulfillment.upserted',
  'fulfillment_events/create': 'tracking_event.created',
  'refunds/create': 'refund.created',
  'returns/request': 'return.changed',
  'returns/approve': 'return.changed',
  'returns/decline': 'return.changed',
  'returns/cancel': 'return.changed',
  'returns/close': 'return.changed',
  'returns/reopen': 'return.changed',
  'customers/create': 'customer.upserted',
  'customers/update': 'customer.upserted',
  'customers/data_request': 'privacy.data_requested',
  'customers/redact': 'privacy.customer_redacted',
  'shop/redact': 'privacy.shop_redacted',
  'app/uninstalled': 'app.uninstalled',
  'app/scopes_update': 'app.scopes_updated',
};

describe("Shopify's published samples: the edge parser (one parse per delivery)", () => {
  const delivery = (topic: string, file = SAMPLE_FOR_TOPIC[topic]) => ({
    topic,
    shopId: SHOP,
    body: sample(file).replaceAll('{shop}.myshopify.com', SHOP),
    triggeredAt: new Date(TRIGGERED),
    receivedAt: NOW,
  });

  it('every subscribed topic parses from its published sample into its domain event', () => {
    expect(Object.keys(TYPE_FOR_TOPIC).sort()).toEqual([...SHOPIFY_TOPICS].sort());
    for (const topic of SHOPIFY_TOPICS) {
      const e = parseShopifyEvent(delivery(topic));
      expect(e.type, topic).toBe(TYPE_FOR_TOPIC[topic]);
      expect(e.topic, topic).toBe(topic);
      expect(e.shopId, topic).toBe(SHOP);
    }
  });

  it('orders/*: the order, its embedded customer (with the order contact), fulfillments and refunds come from one parse', () => {
    const e = parseShopifyEvent(delivery('orders/updated'));
    if (e.type !== 'order.upserted') throw new Error(e.type);
    expect(e.order).toEqual(toOrder(parseShopifyJson(sample('orders_create.json')), SHOP));
    expect(e.order).toMatchObject({ name: '#9999', email: 'jon@example.com', totalPrice: '388.00' });
    expect(e.customer?.customer).toMatchObject({ email: 'john@example.com', firstName: 'John' });
    // The order's email joins the customer's contact points.
    expect(e.customer?.customer.emails.sort()).toEqual(['john@example.com', 'jon@example.com']);
    for (const f of e.fulfillments) expect(f.orderId).toBe(e.order.id);
    for (const r of e.refunds) expect(r.orderId).toBe(e.order.id);
    const cancelled = parseShopifyEvent(delivery('orders/cancelled'));
    expect(cancelled.type).toBe('order.cancelled');
  });

  it('fulfillments, fulfillment events, refunds, returns and customers carry the same values the mappers give', () => {
    const f = parseShopifyEvent(delivery('fulfillments/update'));
    expect(f.type === 'fulfillment.upserted' && f.fulfillment).toEqual(
      toFulfillment(parseShopifyJson(sample('fulfillments_update.json')), undefined, new Date(TRIGGERED)),
    );
    const t = parseShopifyEvent(delivery('fulfillment_events/create'));
    expect(t.type === 'tracking_event.created' && t.trackingEvent).toMatchObject({
      id: '1234567',
      fulfillmentId: '123456',
      status: 'in_transit',
    });
    const r = parseShopifyEvent(delivery('refunds/create'));
    expect(r.type === 'refund.created' && r.refund).toMatchObject({ amount: '85.00', note: 'Things were damaged' });
    const c = parseShopifyEvent(delivery('customers/create'));
    expect(c.type === 'customer.upserted' && c.customer.customer).toMatchObject({ id: '706405506930370084', email: 'bob@biller.com' });
    const cancel = parseShopifyEvent(delivery('returns/cancel'));
    expect(cancel.type === 'return.changed' && cancel.return).toMatchObject({
      id: '123134564567890',
      orderId: '4783296544821',
      status: 'cancelled',
    });
    expect(cancel.type === 'return.changed' && cancel.return.updatedAt.toISOString()).toBe(TRIGGERED);
    const decline = parseShopifyEvent(delivery('returns/decline', 'returns_decline.2025-01.json'));
    expect(decline.type === 'return.changed' && decline.return).toMatchObject({ orderId: null, status: 'declined' });
  });

  it('privacy topics name the customer and the orders; scopes_update the granted scopes', () => {
    const redact = parseShopifyEvent(delivery('customers/redact'));
    if (redact.type !== 'privacy.customer_redacted') throw new Error(redact.type);
    const raw = parseShopifyJson(sample('customers_redact.json')) as {
      customer: { id: unknown; email: string };
      orders_to_redact: unknown[];
    };
    expect(redact.request).toEqual({
      customerId: String(raw.customer.id),
      email: raw.customer.email.toLowerCase(),
      orderIds: raw.orders_to_redact.map(String),
    });
    const scopes = parseShopifyEvent(delivery('app/scopes_update'));
    expect(scopes.type === 'app.scopes_updated' && typeof scopes.scopes).toBe('string');
  });

  it('a body that is not what its topic promises, or a topic with no projection, is refused at the edge', () => {
    expect(() => parseShopifyEvent({ ...delivery('orders/create'), body: '{"id": 1}' })).toThrow(/created_at/);
    expect(() => parseShopifyEvent({ ...delivery('fulfillments/update'), body: '{"order_id": 1}' })).toThrow();
    expect(() => parseShopifyEvent({ ...delivery('orders/create'), topic: 'products/create' })).toThrow(
      /products\/create has no projection/,
    );
  });
});

describe("Shopify's published samples: through the webhook route and the projection", () => {
  const t = useTestApp();
  const db = () => t.get().db;
  const drain = () => drainInbox(db(), 1000, () => NOW);
  // The lifecycle below uses its own return, so the all-topics run above can't have touched it.
  const returnSample = (file: string) => sample(file).replaceAll('123134564567890', '555000111');
  const post = async (topic: string, body: string, eventId: string, triggeredAt = TRIGGERED, shop = SHOP) => {
    const res = await POST(shopifyRequest(body, { topic, eventId, triggeredAt, shop }));
    expect(res.status, topic).toBe(200);
    return (await res.json()) as { duplicate: boolean; ignored: boolean };
  };

  it('every subscribed topic is received and projected from its published sample without a failure', async () => {
    let n = 0;
    for (const topic of SHOPIFY_TOPICS) {
      // shop/redact erases a whole store: it goes to another one, so the rest can be checked.
      const shop = topic === 'shop/redact' ? 'gone.myshopify.com' : SHOP;
      // The privacy samples are templates ("{shop}.myshopify.com"); Shopify fills in the shop it delivers to.
      const body = sample(SAMPLE_FOR_TOPIC[topic]).replaceAll('{shop}.myshopify.com', shop);
      const res = await post(topic, body, `pub-${n++}`, TRIGGERED, shop);
      expect(res.ignored, topic).toBe(false);
    }
    await drain();
    const rows = await db().select().from(inboxEvents);
    const failed = rows.filter((r) => r.status !== 'done').map((r) => `${r.topic}: ${r.status} ${r.lastError}`);
    expect(failed).toEqual([]);
    const [ret] = await db().select().from(returns).where(eq(returns.shopifyReturnId, '123134564567890'));
    expect(ret.shopifyCreatedAt.getUTCFullYear()).not.toBe(EPOCH_YEAR);
    expect(ret.shopifyUpdatedAt.getUTCFullYear()).not.toBe(EPOCH_YEAR);
    expect((await db().select().from(refunds)).length).toBeGreaterThan(0);
    expect((await db().select().from(trackingEvents)).length).toBeGreaterThan(0);
    expect((await db().select().from(fulfillments)).length).toBeGreaterThan(0);
    expect((await db().select().from(customers).where(eq(customers.shopifyCustomerId, '706405506930370084'))).length).toBe(1);
  });

  it('the projection parses each orders payload once: one schema parse for the order, its customer, fulfillments and refunds', async () => {
    // An order with an embedded fulfillment and refund, delivered twice (a batch of two order events).
    const body = sample('orders_create.json')
      .replace('"id": 820982911946154500', '"id": 5550001')
      .replace(
        '"fulfillments": []',
        '"fulfillments": [{"id": 5550002, "order_id": 5550001, "status": "success", "created_at": "2022-01-02T00:00:00Z", "updated_at": "2022-01-02T00:00:00Z"}]',
      )
      .replace(
        '"refunds": []',
        '"refunds": [{"id": 5550003, "order_id": 5550001, "created_at": "2022-01-03T00:00:00Z", "transactions": [{"kind": "refund", "status": "success", "amount": "5.00"}]}]',
      );
    expect(body).toContain('5550002');
    expect(body).toContain('5550003');
    await post('orders/create', body, 'once-1');
    await post('orders/updated', body, 'once-2');
    const spies = [orderEventSchema, orderSchema, customerSchema, fulfillmentSchema, refundSchema].map((schema) =>
      vi.spyOn(schema, 'parse'),
    );
    try {
      await drain();
      expect(spies.map((s) => s.mock.calls.length)).toEqual([2, 0, 0, 0, 0]);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(await db().select().from(fulfillments).where(eq(fulfillments.shopifyFulfillmentId, '5550002'))).toHaveLength(1);
    expect(await db().select().from(refunds).where(eq(refunds.shopifyRefundId, '5550003'))).toHaveLength(1);
  });

  it('one merchant action delivered on two topics with the same event id is stored twice (the key includes the topic)', async () => {
    const a = await post('orders/updated', sample('orders_create.json'), 'shared-action-1');
    const b = await post('fulfillments/create', sample('fulfillments_update.json'), 'shared-action-1');
    const again = await post('orders/updated', sample('orders_create.json'), 'shared-action-1');
    expect([a.duplicate, b.duplicate, again.duplicate]).toEqual([false, false, true]);
    const rows = await db().select().from(inboxEvents).where(eq(inboxEvents.eventId, 'shared-action-1'));
    expect(rows.map((r) => r.topic).sort()).toEqual(['fulfillments/create', 'orders/updated']);
  });

  it('a return from request to cancel to reopen to close: dated by the delivery, the issue follows, the customer is released on cancel', async () => {
    // An order for the samples' order id, so the return has a customer.
    const order = sample('orders_create.json')
      .replace('"id": 820982911946154500', '"id": 4783296544821')
      .replace('"name": "#9999"', '"name": "#1001"')
      .replace('"cancel_reason": "customer"', '"cancel_reason": null')
      .replace('"cancelled_at": "2021-12-31T19:00:00-05:00"', '"cancelled_at": null')
      .replaceAll('jon@example.com', 'rita@example.com');
    await post('orders/create', order, 'ret-order');
    await post('returns/request', returnSample('returns_request.json'), 'ret-req', at(0));
    await drain();
    const issueRow = async () =>
      (
        await db()
          .select()
          .from(issues)
          .where(and(eq(issues.shopId, SHOP), eq(issues.key, 'return:555000111')))
      )[0];
    let i = await issueRow();
    expect(i).toMatchObject({ status: 'open', customerEmail: 'rita@example.com', orderId: '4783296544821' });
    expect(i.openedAt?.toISOString()).toBe(at(0));

    await post('returns/cancel', returnSample('returns_cancel.json'), 'ret-cancel', at(30));
    await drain();
    i = await issueRow();
    expect(i.status).toBe('resolved');
    expect(i.reason).toMatch(/cancelled/i);
    expect(i.resolvedAt?.toISOString()).toBe(at(30));
    const [ret] = await db().select().from(returns).where(eq(returns.shopifyReturnId, '555000111'));
    expect(ret.status).toBe('cancelled');
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'issue.resolved'), eq(auditLog.subjectId, 'return:555000111')));
    expect(audit.at(-1)?.explanation).toMatch(/cancelled/i);
    // The Klaviyo event for it is dated 2026, not 1970.
    const events = await db().select().from(outbox).where(eq(outbox.kind, 'klaviyo.issue_event'));
    for (const e of events) expect(String((e.payload as { at: string }).at).slice(0, 4)).not.toBe('1970');

    await post('returns/reopen', returnSample('returns_reopen.json'), 'ret-reopen', at(60));
    await drain();
    i = await issueRow();
    expect(i.status).toBe('open');
    expect(i.openedAt?.toISOString()).toBe(at(60));

    await post('returns/close', returnSample('returns_close.json'), 'ret-close', at(90));
    await drain();
    i = await issueRow();
    expect(i.status).toBe('resolved');
    expect(i.reason).toMatch(/closed/i);
  });

  it('a late retry of an older returns/* delivery does not move the return backwards', async () => {
    await post('returns/request', returnSample('returns_request.json'), 'ret-req-late', at(-5));
    await drain();
    const [ret] = await db().select().from(returns).where(eq(returns.shopifyReturnId, '555000111'));
    expect(ret.status).toBe('closed');
  });

  it('the 2025-01 returns/decline (no order id) finds the order from the stored return', async () => {
    await post('returns/decline', returnSample('returns_decline.2025-01.json'), 'ret-decline-2025', at(100));
    await drain();
    const [row] = await db().select().from(inboxEvents).where(eq(inboxEvents.eventId, 'ret-decline-2025'));
    expect(row.status).toBe('done');
    const [ret] = await db().select().from(returns).where(eq(returns.shopifyReturnId, '555000111'));
    expect(ret).toMatchObject({ status: 'declined', orderId: '4783296544821' });
    expect(await db().select().from(orders).where(eq(orders.shopifyOrderId, '4783296544821'))).toHaveLength(1);
  });
});
