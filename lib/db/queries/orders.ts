import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { excludedSet } from '@/lib/db/upsert';
import type { Order } from '@/lib/domain/types';

// The orders table: Shopify orders, one row per (shop, order id), never moved backwards in time.

export async function upsertOrder(tx: Db, o: Order): Promise<void> {
  await upsertOrders(tx, [o]);
}

/** Many orders in one statement; each (shop, order id) at most once (see lib/projection/project-batch.ts). */
export async function upsertOrders(tx: Db, list: Order[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(orders)
    .values(list.map((o) => ({
      shopId: o.shopId,
      shopifyOrderId: o.id,
      name: o.name,
      orderNumber: o.orderNumber,
      customerShopifyId: o.customerId,
      email: o.email?.toLowerCase() ?? null,
      phone: o.phone,
      shopifyCreatedAt: o.createdAt,
      processedAt: o.processedAt,
      cancelledAt: o.cancelledAt,
      cancelReason: o.cancelReason,
      closedAt: o.closedAt,
      financialStatus: o.financialStatus,
      fulfillmentStatus: o.fulfillmentStatus,
      currency: o.currency,
      totalPrice: o.totalPrice,
      tags: o.tags,
      note: o.note,
      lineItems: o.lineItems,
      shippingAddress: o.shippingAddress,
      onHold: o.onHold,
      shopifyUpdatedAt: o.updatedAt,
    })))
    .onConflictDoUpdate({
      target: [orders.shopId, orders.shopifyOrderId],
      set: excludedSet(orders, [
        'name', 'orderNumber', 'customerShopifyId', 'email', 'phone', 'shopifyCreatedAt', 'processedAt', 'cancelledAt',
        'cancelReason', 'closedAt', 'financialStatus', 'fulfillmentStatus', 'currency', 'totalPrice', 'tags', 'note',
        'lineItems', 'shippingAddress', 'onHold', 'shopifyUpdatedAt',
      ]),
      // An older payload (a late retry) never overwrites newer state.
      setWhere: sql`excluded.shopify_updated_at >= ${orders.shopifyUpdatedAt}`,
    });
}
