import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { POST } from '@/app/api/webhooks/shopify/route';
import { auditLog, customers, fulfillments, inboxEvents, issues, orders, outbox, refunds, returns, trackingEvents } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { shopifyRequest, useTestApp } from '../helpers/app';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/shopify', name), 'utf8');
const SHOP = 'acme.myshopify.com';
// Later than every fixture timestamp, so delays are computed against a fixed clock.
const NOW = new Date('2026-11-25T15:00:00Z');

async function post(body: string, opts: Parameters<typeof shopifyRequest>[1]) {
  const res = await POST(shopifyRequest(body, opts));
  return { status: res.status, json: await res.json() };
}

describe('POST /api/webhooks/shopify', () => {
  const t = useTestApp();
  const drain = () => drainInbox(t.get().db, 1000, () => NOW);
  const count = async (table: typeof inboxEvents | typeof orders) =>
    Number(
      (
        await t
          .get()
          .db.select({ n: sql<number>`count(*)::int` })
          .from(table)
      )[0].n,
    );

  it('verifies, stores and projects the sample order field by field (18-digit ids intact)', async () => {
    const res = await post(fixture('orders_create.json'), { topic: 'orders/create', eventId: 'e-order-1' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, duplicate: false });
    expect(await drain()).toBe(1);
    const [o] = await t.get().db.select().from(orders).where(eq(orders.shopifyOrderId, '820982911946154508'));
    expect(o).toMatchObject({
      shopId: SHOP,
      name: '#9999',
      orderNumber: 1234,
      email: 'jon@doe.ca',
      customerShopifyId: '115310627314723954',
      financialStatus: 'paid',
      fulfillmentStatus: null,
      currency: 'USD',
      totalPrice: '199.00',
      tags: ['vip', 'wholesale'],
      cancelledAt: null,
    });
    expect(o.shopifyCreatedAt.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect((o.lineItems as { id: string; sku: string }[])[0]).toMatchObject({
      id: '866550311766439020',
      sku: 'SKU2006-001',
      quantity: 1,
      price: '89.99',
    });
    expect(o.shippingAddress).toMatchObject({ city: 'Shippington', zip: '40003', countryCode: 'US' });
    const [c] = await t.get().db.select().from(customers).where(eq(customers.shopifyCustomerId, '115310627314723954'));
    expect(c).toMatchObject({ email: 'jon@doe.ca', firstName: 'John', lastName: 'Smith' });
    expect(c.emails).toContain('jon@doe.ca');
  });

  it('projects a fulfillment and its tracking event, and computes shipment health', async () => {
    expect((await post(fixture('fulfillments_update.json'), { topic: 'fulfillments/update', eventId: 'e-ful-1' })).status).toBe(200);
    expect((await post(fixture('fulfillment_events_create.json'), { topic: 'fulfillment_events/create', eventId: 'e-fe-1' })).status).toBe(
      200,
    );
    expect(await drain()).toBe(2);
    const [f] = await t.get().db.select().from(fulfillments).where(eq(fulfillments.shopifyFulfillmentId, '4451234567890'));
    expect(f).toMatchObject({
      orderId: '820982911946154508',
      status: 'success',
      shipmentStatus: 'in_transit',
      trackingCompany: 'UPS',
      trackingNumber: '1z827wk74630',
      trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1z827wk74630',
      healthState: 'out_for_delivery',
    });
    const [e] = await t.get().db.select().from(trackingEvents).where(eq(trackingEvents.shopifyEventId, '944956391'));
    expect(e).toMatchObject({ fulfillmentId: '4451234567890', status: 'out_for_delivery', city: 'Louisville' });
    expect(e.happenedAt.toISOString()).toBe('2026-11-25T13:02:00.000Z');
  });

  it('acknowledges a duplicate delivery and ignores it', async () => {
    const before = await count(inboxEvents);
    const res = await post(fixture('orders_create.json'), { topic: 'orders/create', eventId: 'e-order-1' });
    expect(res.status).toBe(200);
    expect(res.json.duplicate).toBe(true);
    expect(await count(inboxEvents)).toBe(before);
    expect(await drain()).toBe(0);
  });

  it('deliveries arriving together are committed together, and a repeat among them is a duplicate', async () => {
    const before = await count(inboxEvents);
    const body = (n: number) =>
      fixture('orders_create.json')
        .replace('820982911946154508', `82098291194615${4600 + n}`)
        .replace('"#9999"', `"#T${n}"`);
    // Five new events at once, one of them delivered twice in the same moment.
    const inserts = vi.spyOn(t.get().db, 'insert');
    const results = await Promise.all([
      ...[1, 2, 3, 4, 5].map((n) => post(body(n), { topic: 'orders/create', eventId: `e-together-${n}` })),
      post(body(3), { topic: 'orders/create', eventId: 'e-together-3' }),
    ]);
    expect(inserts).toHaveBeenCalledTimes(1);
    inserts.mockRestore();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(results.map((r) => r.json.duplicate)).toEqual([false, false, false, false, false, true]);
    expect(await count(inboxEvents)).toBe(before + 5);
    expect(await drain()).toBe(5);
  });

  it('falls back to X-Shopify-Webhook-Id when the event id is missing', async () => {
    const body = fixture('orders_create.json').replace('820982911946154508', '820982911946150001').replace('"#9999"', '"#9001"');
    const a = await post(body, { topic: 'orders/create', eventId: null, webhookId: 'wh-1' });
    const b = await post(body, { topic: 'orders/create', eventId: null, webhookId: 'wh-1' });
    expect([a.json.duplicate, b.json.duplicate]).toEqual([false, true]);
    const none = await post(body, { topic: 'orders/create', eventId: null });
    expect(none.status).toBe(400);
    await drain();
  });

  it('never lets an older orders/updated overwrite newer state', async () => {
    const base = JSON.parse(fixture('orders_create.json').replace(/"id": 820982911946154508/, '"id": "5940139492000"'));
    const newer = {
      ...base,
      id: 5940139492000,
      name: '#2000',
      order_number: 2000,
      updated_at: '2026-11-24T10:00:00Z',
      financial_status: 'refunded',
    };
    const older = { ...newer, updated_at: '2026-11-23T18:00:00Z', financial_status: 'paid' };
    await post(JSON.stringify(newer), { topic: 'orders/updated', eventId: 'e-upd-new' });
    await post(JSON.stringify(older), { topic: 'orders/updated', eventId: 'e-upd-old' });
    await drain();
    const [o] = await t.get().db.select().from(orders).where(eq(orders.shopifyOrderId, '5940139492000'));
    expect(o.financialStatus).toBe('refunded');
    expect(o.shopifyUpdatedAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('handles a fulfillment update that arrives before its create', async () => {
    const f = JSON.parse(fixture('fulfillments_update.json'));
    const update = { ...f, id: 4451234567999, shipment_status: 'delivered', updated_at: '2026-11-25T09:00:00-05:00' };
    const create = { ...f, id: 4451234567999, shipment_status: 'confirmed', updated_at: '2026-11-23T13:00:00-05:00' };
    await post(JSON.stringify(update), { topic: 'fulfillments/update', eventId: 'e-f-upd' });
    await post(JSON.stringify(create), { topic: 'fulfillments/create', eventId: 'e-f-create' });
    await drain();
    const [row] = await t.get().db.select().from(fulfillments).where(eq(fulfillments.shopifyFulfillmentId, '4451234567999'));
    expect(row.shipmentStatus).toBe('delivered');
    expect(row.healthState).toBe('delivered');
  });

  it('stores unknown status values as they come, without crashing', async () => {
    const body = JSON.parse(fixture('orders_create.json'));
    body.id = 5940139493000;
    body.name = '#3000';
    body.financial_status = 'some_future_status';
    await post(JSON.stringify(body), { topic: 'orders/create', eventId: 'e-unknown-fin' });
    const ev = JSON.parse(fixture('fulfillment_events_create.json'));
    ev.id = 944956392;
    ev.status = 'teleported';
    await post(JSON.stringify(ev), { topic: 'fulfillment_events/create', eventId: 'e-unknown-ev' });
    expect(await drain()).toBe(2);
    const failed = await t.get().db.select().from(inboxEvents).where(eq(inboxEvents.status, 'failed'));
    expect(failed).toHaveLength(0);
    const [o] = await t.get().db.select().from(orders).where(eq(orders.shopifyOrderId, '5940139493000'));
    expect(o.financialStatus).toBe('some_future_status');
    const [e] = await t.get().db.select().from(trackingEvents).where(eq(trackingEvents.shopifyEventId, '944956392'));
    expect(e.status).toBe('teleported');
  });

  it('rejects a bad or missing signature with 401 and stores nothing', async () => {
    const before = await count(inboxEvents);
    const body = fixture('orders_create.json');
    expect((await post(body, { topic: 'orders/create', eventId: 'bad-1', secret: 'wrong-secret' })).status).toBe(401);
    expect((await post(body, { topic: 'orders/create', eventId: 'bad-2', hmac: null })).status).toBe(401);
    expect((await post(body, { topic: 'orders/create', eventId: 'bad-3', hmac: 'not base64 at all' })).status).toBe(401);
    // A valid signature of another body (a replayed header with an altered body).
    const signedOther = shopifyRequest('{"id": 1}', { topic: 'orders/create' }).headers.get('x-shopify-hmac-sha256');
    expect((await post(body, { topic: 'orders/create', eventId: 'bad-4', hmac: signedOther })).status).toBe(401);
    expect(await count(inboxEvents)).toBe(before);
  });

  it('rejects a truncated body with 400 and stores nothing', async () => {
    const before = await count(inboxEvents);
    const truncated = fixture('orders_create.json').slice(0, 200);
    const res = await post(truncated, { topic: 'orders/create', eventId: 'trunc-1' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_json');
    expect(await count(inboxEvents)).toBe(before);
  });

  it('answers 413 to a huge body', async () => {
    const huge = JSON.stringify({ id: 1, note: 'x'.repeat(3 * 1024 * 1024) });
    const res = await post(huge, { topic: 'orders/create', eventId: 'huge-1' });
    expect(res.status).toBe(413);
  });

  it('acknowledges an unknown topic without projecting it', async () => {
    const res = await post('{"id": 5}', { topic: 'products/update', eventId: 'unknown-topic-1' });
    expect(res.status).toBe(200);
    expect(res.json.ignored).toBe(true);
    const [row] = await t.get().db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'unknown-topic-1'));
    expect(row.status).toBe('ignored');
    expect(await drain()).toBe(0);
  });

  it('projects refunds and returns and opens issues for them', async () => {
    const order = JSON.parse(fixture('orders_create.json'));
    Object.assign(order, {
      id: 5940139494000,
      name: '#4000',
      order_number: 4000,
      email: 'ret@example.com',
      customer: { id: 7001, email: 'ret@example.com', first_name: 'Rita' },
    });
    await post(JSON.stringify(order), { topic: 'orders/create', eventId: 'e-ret-order' });
    await post(
      JSON.stringify({
        id: 9001,
        order_id: 5940139494000,
        created_at: '2026-11-24T12:00:00Z',
        note: 'damaged',
        transactions: [{ kind: 'refund', status: 'success', amount: '20.00' }],
      }),
      { topic: 'refunds/create', eventId: 'e-refund' },
    );
    await post(
      JSON.stringify({
        id: 8001,
        name: '#4000-R1',
        status: 'requested',
        order: { id: 5940139494000 },
        created_at: '2026-11-24T13:00:00Z',
        updated_at: '2026-11-24T13:00:00Z',
      }),
      { topic: 'returns/request', eventId: 'e-return-req' },
    );
    await drain();
    const [r] = await t.get().db.select().from(refunds).where(eq(refunds.shopifyRefundId, '9001'));
    expect(r).toMatchObject({ orderId: '5940139494000', amount: '20.00' });
    const [ret] = await t.get().db.select().from(returns).where(eq(returns.shopifyReturnId, '8001'));
    expect(ret).toMatchObject({ orderId: '5940139494000', status: 'requested' });
    const open = await t
      .get()
      .db.select()
      .from(issues)
      .where(and(eq(issues.customerEmail, 'ret@example.com'), eq(issues.status, 'open')));
    expect(open.map((i) => i.kind)).toContain('return');
    // The customer's Klaviyo state is pushed through the outbox.
    const effects = await t
      .get()
      .db.select()
      .from(outbox)
      .where(eq(outbox.serialKey, `klaviyo:${SHOP}:ret@example.com`));
    expect(effects.map((e) => e.kind)).toContain('klaviyo.sync_profile');
  });

  it('redacts a customer on customers/redact and says so in the audit log', async () => {
    // Raw JSON: a JS number literal would round the 18-digit ids.
    const body = `{"shop_id": 1, "shop_domain": "${SHOP}", "customer": {"id": 115310627314723954, "email": "jon@doe.ca", "phone": null}, "orders_to_redact": [820982911946154508]}`;
    const res = await post(body, { topic: 'customers/redact', eventId: 'e-redact' });
    expect(res.status).toBe(200);
    await drain();
    const [c] = await t.get().db.select().from(customers).where(eq(customers.shopifyCustomerId, '115310627314723954'));
    expect(c).toMatchObject({ email: null, firstName: null, lastName: null, emails: [] });
    expect(c.redactedAt).not.toBeNull();
    const [o] = await t.get().db.select().from(orders).where(eq(orders.shopifyOrderId, '820982911946154508'));
    expect(o.email).toBeNull();
    expect(o.shippingAddress).toBeNull();
    const [entry] = await t.get().db.select().from(auditLog).where(eq(auditLog.action, 'privacy.customer_redacted'));
    expect(entry.explanation).toMatch(/Redacted customer 115310627314723954/);
    expect(entry.explanation).not.toContain('jon@doe.ca');
  });
});
