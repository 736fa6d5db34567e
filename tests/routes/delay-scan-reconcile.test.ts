import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { GET as delayScanRoute } from '@/app/api/cron/delay-scan/route';
import { fulfillments, issues, orders } from '@/lib/db/schema';
import { runDelayScan } from '@/lib/shopify-sync/run-delay-scan';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { reconcileShop } from '@/lib/shopify-sync/reconcile-shop';
import type { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import type { AdminOrder } from '@/lib/integrations/shopify/admin-mappers';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { shopifyFulfillment, shopifyOrder, shopifyTrackingEvent } from '../helpers/builders';

const SHOP = 'acme.myshopify.com';

describe('delay scan and reconciliation', () => {
  const t = useTestApp();

  it('opens a delivery issue when a shipment goes quiet with no new event', async () => {
    const now = Date.now();
    const iso = (h: number) => new Date(now - h * 3600_000).toISOString();
    let n = 0;
    const hook = async (topic: string, body: unknown) =>
      expect((await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, eventId: `d-${++n}` }))).status).toBe(200);
    await hook(
      'orders/create',
      shopifyOrder({
        id: 901,
        number: 9001,
        email: 'quiet@example.com',
        customerId: 91,
        createdAt: iso(24 * 6),
        fulfillmentStatus: 'fulfilled',
      }),
    );
    await hook('fulfillments/create', shopifyFulfillment({ id: 902, orderId: 901, createdAt: iso(24 * 5), shipmentStatus: 'in_transit' }));
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 903, fulfillmentId: 902, orderId: 901, status: 'in_transit', happenedAt: iso(24 * 4) }),
    );
    await drainInbox(t.get().db);
    const [before] = await t.get().db.select().from(fulfillments).where(eq(fulfillments.shopifyFulfillmentId, '902'));
    expect(before.healthState).toBe('in_transit');

    const later = new Date(now + 2 * 86_400_000); // 6 days without a scan
    const result = await runDelayScan(t.get().db, later);
    expect(result).toMatchObject({ becameDelayed: 1 });
    const [after] = await t.get().db.select().from(fulfillments).where(eq(fulfillments.shopifyFulfillmentId, '902'));
    expect(after.healthState).toBe('delayed');
    const open = await t
      .get()
      .db.select()
      .from(issues)
      .where(and(eq(issues.customerEmail, 'quiet@example.com'), eq(issues.status, 'open')));
    expect(open.map((i) => i.key)).toEqual(['delay:902']);
    expect((await runDelayScan(t.get().db, later)).becameDelayed).toBe(0); // nothing new the second time
  });

  it('protects the cron route with the cron secret', async () => {
    expect((await delayScanRoute(new Request('http://concord.test/api/cron/delay-scan'))).status).toBe(401);
    const ok = await delayScanRoute(
      new Request('http://concord.test/api/cron/delay-scan', { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true });
  });

  it('repairs orders that a lost webhook left missing or out of date', async () => {
    const db = t.get().db;
    const base = (id: string, updatedAt: string, financialStatus: string): AdminOrder => ({
      order: {
        id,
        shopId: SHOP,
        name: `#${id}`,
        orderNumber: Number(id),
        email: 'r@example.com',
        phone: null,
        customerId: null,
        createdAt: new Date('2026-11-01T00:00:00Z'),
        updatedAt: new Date(updatedAt),
        processedAt: null,
        cancelledAt: null,
        cancelReason: null,
        closedAt: null,
        financialStatus,
        fulfillmentStatus: null,
        currency: 'USD',
        totalPrice: '10.00',
        tags: [],
        note: null,
        lineItems: [],
        shippingAddress: null,
        onHold: false,
      },
      fulfillments: [],
      events: [],
      refunds: [],
      returns: [],
      customer: null,
    });
    // 901 exists (from the first test) but Shopify has a newer version; 990 was never received.
    const shopify = {
      ordersUpdatedSince: async () => ({
        orders: [base('901', '2030-01-01T00:00:00Z', 'refunded'), base('990', '2026-11-20T00:00:00Z', 'paid')],
        nextCursor: null,
      }),
    } as unknown as ShopifyAdminClient;
    const r = await reconcileShop(db, shopify, SHOP, new Date());
    expect(r).toMatchObject({ checked: 2, missing: 1, behind: 1 });
    const [o901] = await db.select().from(orders).where(eq(orders.shopifyOrderId, '901'));
    expect(o901.financialStatus).toBe('refunded');
    expect((await db.select().from(orders).where(eq(orders.shopifyOrderId, '990'))).length).toBe(1);
  });
});
