import { normalizePhone } from '@/lib/domain/contact';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customers, fulfillments, orders, refunds, returns, trackingEvents } from '@/lib/db/schema';
import { excludedSet } from '@/lib/db/upsert';
import type { Customer, Fulfillment, Order, Refund, Return, TrackingEvent } from '@/lib/domain/types';
import { parseShopifyJson } from '@/lib/integrations/shopify/json';
import {
  orderFulfillments,
  orderRefunds,
  toCustomer,
  toFulfillment,
  toOrder,
  toRefund,
  toReturn,
  toTrackingEvent,
} from '@/lib/integrations/shopify/webhook-payloads';
import type { InboxEvent } from '@/lib/ingest/process-inbox';
import { ensureShop } from '@/lib/connections/shops';
import { refreshOrderConsequences } from './refresh-order-consequences';
import { handlePrivacyTopic } from './project-privacy-request';
import { handleAppUninstalled, handleScopesUpdate } from '@/lib/connections/handle-app-webhooks';

/**
 * Applies one Shopify webhook to the read model. Safe against duplicates and reordering: rows are
 * upserted only when the incoming updated_at is not older than what is stored, and child rows
 * (tracking events, refunds) are insert-once.
 */
export async function projectShopifyEvent(tx: Db, event: InboxEvent, now: Date): Promise<void> {
  const payload = parseShopifyJson(event.body) as Record<string, unknown>;
  const shopId = event.shopId;
  await ensureShop(tx, { id: shopId });
  const fallbackTime = event.triggeredAt ?? event.receivedAt;
  switch (event.topic) {
    case 'orders/create':
    case 'orders/updated':
    case 'orders/cancelled': {
      const order = toOrder(payload as never, shopId);
      await upsertOrder(tx, order);
      const customerPayload = payload.customer;
      if (customerPayload && typeof customerPayload === 'object') {
        const customer = toCustomer(customerPayload as never, shopId);
        // The embedded customer's own updated_at (when Shopify sends it) orders it against customers/update,
        // which may be applied before or after it (another partition, lib/ingest/partition-key.ts).
        await upsertCustomer(tx, withContact(customer, order.email, order.phone, order.updatedAt), payloadUpdatedAt(customerPayload as Record<string, unknown>));
      }
      for (const f of orderFulfillments(payload as never, fallbackTime)) await upsertFulfillment(tx, shopId, f);
      for (const r of orderRefunds(payload as never)) await insertRefund(tx, shopId, r);
      await refreshOrderConsequences(tx, shopId, order.id, now, { cause: event.topic });
      return;
    }
    case 'fulfillments/create':
    case 'fulfillments/update': {
      const f = toFulfillment(payload as never, undefined, fallbackTime);
      await upsertFulfillment(tx, shopId, f);
      await refreshOrderConsequences(tx, shopId, f.orderId, now, { cause: event.topic });
      return;
    }
    case 'fulfillment_events/create': {
      const e = toTrackingEvent(payload as never);
      await insertTrackingEvent(tx, shopId, e);
      await refreshOrderConsequences(tx, shopId, e.orderId, now, { cause: event.topic });
      return;
    }
    case 'refunds/create': {
      const r = toRefund(payload as never);
      await insertRefund(tx, shopId, r);
      await refreshOrderConsequences(tx, shopId, r.orderId, now, { cause: event.topic });
      return;
    }
    case 'returns/request':
    case 'returns/approve':
    case 'returns/decline':
    case 'returns/close':
    case 'returns/cancel':
    case 'returns/reopen': {
      const r = toReturn(payload as never, fallbackTime);
      const status = r.status || RETURN_STATUS_BY_TOPIC[event.topic];
      // Some versions' returns/decline name no order: the return we stored earlier knows it.
      const orderId = r.orderId ?? (await storedReturnOrderId(tx, shopId, r.id));
      if (!orderId) throw new Error(`${event.topic} for return ${r.id} names no order and the return is not known yet`);
      await upsertReturn(tx, shopId, { ...r, orderId, status });
      await refreshOrderConsequences(tx, shopId, orderId, now, { cause: event.topic });
      return;
    }
    case 'customers/create':
    case 'customers/update': {
      await upsertCustomer(tx, { ...toCustomer(payload as never, shopId) }, payloadUpdatedAt(payload) ?? fallbackTime);
      return;
    }
    case 'customers/data_request':
    case 'customers/redact':
    case 'shop/redact':
      await handlePrivacyTopic(tx, shopId, event.topic, payload, now);
      return;
    case 'app/uninstalled':
      // Already applied when the delivery arrived; repeated here in case that step was interrupted.
      await handleAppUninstalled(tx, shopId, event.triggeredAt, now);
      return;
    case 'app/scopes_update':
      await handleScopesUpdate(tx, shopId, payload, now);
      return;
    default:
      throw new Error(`topic ${event.topic} has no projection`);
  }
}

const RETURN_STATUS_BY_TOPIC: Record<string, string> = {
  'returns/request': 'requested',
  'returns/approve': 'open',
  'returns/decline': 'declined',
  'returns/close': 'closed',
  'returns/cancel': 'cancelled',
  'returns/reopen': 'open',
};

async function storedReturnOrderId(tx: Db, shopId: string, returnId: string): Promise<string | null> {
  const [row] = await tx.select({ orderId: returns.orderId }).from(returns).where(and(eq(returns.shopId, shopId), eq(returns.shopifyReturnId, returnId))).limit(1);
  return row?.orderId ?? null;
}

export function payloadUpdatedAt(payload: Record<string, unknown>): Date | null {
  const v = payload.updated_at;
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function withContact(customer: Customer, email: string | null, phone: string | null, _at: Date): Customer {
  const emails = new Set(customer.emails);
  if (email) emails.add(email.toLowerCase());
  const phones = new Set(customer.phones);
  const normalized = normalizePhone(phone);
  if (normalized) phones.add(normalized);
  return { ...customer, emails: [...emails], phones: [...phones] };
}

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

export async function upsertCustomer(tx: Db, c: Customer, updatedAt: Date | null = null): Promise<void> {
  await upsertCustomers(tx, [{ customer: c, updatedAt }]);
}

/** Many customers in one statement; each (shop, customer id) at most once. */
export async function upsertCustomers(tx: Db, list: { customer: Customer; updatedAt: Date | null }[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(customers)
    .values(list.map(({ customer: c, updatedAt }) => ({
      shopId: c.shopId,
      shopifyCustomerId: c.id,
      email: c.email?.toLowerCase() ?? null,
      emails: [...new Set([...(c.email ? [c.email.toLowerCase()] : []), ...c.emails.map((e) => e.toLowerCase())])],
      phones: c.phones,
      firstName: c.firstName,
      lastName: c.lastName,
      tags: c.tags,
      ordersCount: c.ordersCount,
      totalSpent: c.totalSpent,
      shopifyUpdatedAt: updatedAt,
    })))
    .onConflictDoUpdate({
      target: [customers.shopId, customers.shopifyCustomerId],
      set: {
        // Contact points accumulate: a customer who wrote from another address stays matchable.
        emails: sql`array(select distinct unnest(${customers.emails} || excluded.emails))`,
        phones: sql`array(select distinct unnest(${customers.phones} || excluded.phones))`,
        email: sql`case when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then coalesce(excluded.email, ${customers.email}) else ${customers.email} end`,
        firstName: sql`case when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then coalesce(excluded.first_name, ${customers.firstName}) else ${customers.firstName} end`,
        lastName: sql`case when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then coalesce(excluded.last_name, ${customers.lastName}) else ${customers.lastName} end`,
        tags: sql`case when excluded.shopify_updated_at is null and cardinality(excluded.tags) = 0 then ${customers.tags} when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then excluded.tags else ${customers.tags} end`,
        ordersCount: sql`greatest(${customers.ordersCount}, excluded.orders_count)`,
        totalSpent: sql`case when excluded.total_spent::numeric > ${customers.totalSpent}::numeric then excluded.total_spent else ${customers.totalSpent} end`,
        shopifyUpdatedAt: sql`greatest(${customers.shopifyUpdatedAt}, excluded.shopify_updated_at)`,
        updatedAt: sql`now()`,
      },
    });
}

export async function upsertFulfillment(tx: Db, shopId: string, f: Fulfillment): Promise<void> {
  await upsertFulfillments(tx, [{ shopId, f }]);
}

/** Many fulfillments in one statement; each (shop, fulfillment id) at most once. */
export async function upsertFulfillments(tx: Db, list: { shopId: string; f: Fulfillment }[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(fulfillments)
    .values(list.map(({ shopId, f }) => ({
      shopId,
      shopifyFulfillmentId: f.id,
      orderId: f.orderId,
      name: f.name,
      status: f.status,
      shipmentStatus: f.shipmentStatus,
      trackingCompany: f.trackingCompany,
      trackingNumber: f.trackingNumber,
      trackingUrl: f.trackingUrl,
      shopifyCreatedAt: f.createdAt,
      shopifyUpdatedAt: f.updatedAt,
      estimatedDeliveryAt: f.estimatedDeliveryAt,
      deliveredAt: f.deliveredAt,
      lineItemIds: f.lineItemIds ?? [],
      shipmentStatusAt: f.shipmentStatusAt ?? null,
    })))
    .onConflictDoUpdate({
      target: [fulfillments.shopId, fulfillments.shopifyFulfillmentId],
      set: {
        ...excludedSet(fulfillments, [
          'orderId', 'name', 'status', 'shipmentStatus', 'trackingCompany', 'trackingNumber', 'trackingUrl',
          'shopifyCreatedAt', 'shopifyUpdatedAt', 'estimatedDeliveryAt', 'deliveredAt',
        ]),
        // Order payloads may embed fulfillments without their line items: keep what we know.
        lineItemIds: sql`case when cardinality(excluded.line_item_ids) > 0 then excluded.line_item_ids else ${fulfillments.lineItemIds} end`,
        // The status's own clock moves only when the status changes (a carrier update), not on any edit.
        shipmentStatusAt: sql`case when excluded.shipment_status is distinct from ${fulfillments.shipmentStatus} then excluded.shipment_status_at else coalesce(${fulfillments.shipmentStatusAt}, excluded.shipment_status_at) end`,
      },
      setWhere: sql`excluded.shopify_updated_at >= ${fulfillments.shopifyUpdatedAt}`,
    });
}

export async function insertTrackingEvent(tx: Db, shopId: string, e: TrackingEvent): Promise<void> {
  await tx
    .insert(trackingEvents)
    .values({
      shopId,
      shopifyEventId: e.id,
      fulfillmentId: e.fulfillmentId,
      orderId: e.orderId,
      status: e.status,
      message: e.message,
      happenedAt: e.happenedAt,
      estimatedDeliveryAt: e.estimatedDeliveryAt,
      city: e.city,
      province: e.province,
      country: e.country,
    })
    .onConflictDoNothing();
}

export async function insertRefund(tx: Db, shopId: string, r: Refund): Promise<void> {
  await insertRefunds(tx, [{ shopId, r }]);
}

/** Insert-once, so repeats (in the list or already stored) are simply skipped. */
export async function insertRefunds(tx: Db, list: { shopId: string; r: Refund }[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(refunds)
    .values(list.map(({ shopId, r }) => ({ shopId, shopifyRefundId: r.id, orderId: r.orderId, amount: r.amount, currency: r.currency, note: r.note, lineItemIds: r.lineItemIds ?? [], shopifyCreatedAt: r.createdAt })))
    .onConflictDoNothing();
}

export async function upsertReturn(tx: Db, shopId: string, r: Return): Promise<void> {
  await tx
    .insert(returns)
    .values({ shopId, shopifyReturnId: r.id, orderId: r.orderId, name: r.name, status: r.status, shopifyCreatedAt: r.createdAt, shopifyUpdatedAt: r.updatedAt })
    .onConflictDoUpdate({
      target: [returns.shopId, returns.shopifyReturnId],
      set: excludedSet(returns, ['orderId', 'name', 'status', 'shopifyUpdatedAt']),
      setWhere: sql`excluded.shopify_updated_at >= ${returns.shopifyUpdatedAt}`,
    });
}

export async function orderExists(tx: Db, shopId: string, orderId: string): Promise<boolean> {
  const rows = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.shopId, shopId), eq(orders.shopifyOrderId, orderId))).limit(1);
  return rows.length > 0;
}
