import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { excludedSet } from '@/lib/db/upsert';
import type { QuotedOrder } from '@/lib/domain/ticket-match';
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
    .values(
      list.map((o) => ({
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
      })),
    )
    .onConflictDoUpdate({
      target: [orders.shopId, orders.shopifyOrderId],
      set: excludedSet(orders, [
        'name',
        'orderNumber',
        'customerShopifyId',
        'email',
        'phone',
        'shopifyCreatedAt',
        'processedAt',
        'cancelledAt',
        'cancelReason',
        'closedAt',
        'financialStatus',
        'fulfillmentStatus',
        'currency',
        'totalPrice',
        'tags',
        'note',
        'lineItems',
        'shippingAddress',
        'onHold',
        'shopifyUpdatedAt',
      ]),
      // An older payload (a late retry) never overwrites newer state.
      setWhere: sql`excluded.shopify_updated_at >= ${orders.shopifyUpdatedAt}`,
    });
}

/** A customer's orders in these stores (by Shopify customer id or any of their emails), latest first. */
export async function findOrdersOfCustomer(
  db: Db,
  shopIds: string[],
  customerShopifyId: string | null,
  emails: string[],
  limit: number,
): Promise<{ id: string; shopId: string }[]> {
  return db
    .select({ id: orders.shopifyOrderId, shopId: orders.shopId })
    .from(orders)
    .where(
      and(
        shopIds.length === 1 ? eq(orders.shopId, shopIds[0]) : inArray(orders.shopId, shopIds),
        or(
          customerShopifyId ? eq(orders.customerShopifyId, customerShopifyId) : sql`false`,
          emails.length ? inArray(orders.email, emails) : sql`false`,
        ),
      ),
    )
    .orderBy(desc(orders.shopifyCreatedAt))
    .limit(limit);
}

/** Orders of these stores with these order numbers. */
export async function findOrdersByNumbers(db: Db, shopIds: string[], numbers: number[], limit: number): Promise<QuotedOrder[]> {
  return db
    .select({
      id: orders.shopifyOrderId,
      shopId: orders.shopId,
      name: orders.name,
      email: orders.email,
      customer: orders.customerShopifyId,
    })
    .from(orders)
    .where(and(inArray(orders.shopId, shopIds), inArray(orders.orderNumber, numbers)))
    .limit(limit);
}
