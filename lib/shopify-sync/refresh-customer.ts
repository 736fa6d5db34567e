import type { Db } from '@/lib/db/client';
import type { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { refreshOrderConsequences } from '@/lib/projection/refresh-order-consequences';
import { upsertCustomer } from '@/lib/db/queries/customers';
import { upsertFulfillment } from '@/lib/db/queries/fulfillments';
import { upsertOrder } from '@/lib/db/queries/orders';
import { insertRefund } from '@/lib/db/queries/refunds';
import { upsertReturn } from '@/lib/db/queries/returns';
import { insertTrackingEvent } from '@/lib/db/queries/tracking-events';
import { writeAudit } from '@/lib/audit/write-audit';

/**
 * Pulls one customer's recent orders from the Admin API into the read model, through the same
 * upserts as the webhooks (so a refresh can't move state backwards either).
 */
export async function refreshCustomerFromShopify(db: Db, shopify: ShopifyAdminClient, shopId: string, email: string, now: Date) {
  const results = await shopify.customerRecentOrders(email, 10);
  await applyAdminOrders(db, shopId, results, now, `refresh of ${email}`);
  return { orders: results.length };
}

export type AdminOrderResult = Awaited<ReturnType<ShopifyAdminClient['customerRecentOrders']>>[number];

export async function applyAdminOrders(db: Db, shopId: string, results: AdminOrderResult[], now: Date, why: string): Promise<void> {
  for (const r of results) {
    await db.transaction(async (tx) => {
      await upsertOrder(tx, { ...r.order, shopId });
      if (r.customer) await upsertCustomer(tx, { ...r.customer, shopId });
      for (const f of r.fulfillments) await upsertFulfillment(tx, shopId, f);
      for (const e of r.events) await insertTrackingEvent(tx, shopId, e);
      for (const x of r.refunds) await insertRefund(tx, shopId, x);
      for (const x of r.returns) await upsertReturn(tx, shopId, x);
      await refreshOrderConsequences(tx, shopId, r.order.id, now, { cause: why });
    });
  }
  if (results.length > 0) {
    await writeAudit(db, {
      shopId,
      actor: { type: 'system' },
      action: 'shopify.refreshed',
      explanation: `Read ${results.length} orders from the Shopify Admin API (${why}).`,
    });
  }
}
