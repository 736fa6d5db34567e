import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { fulfillments, orders, refunds, returns, trackingEvents } from '@/lib/db/schema';
import type { Fulfillment, Order, Refund, Return, TrackingEvent } from '@/lib/domain/types';
import { fulfillmentFromRow, orderFromRow, refundFromRow, returnFromRow, trackingEventFromRow } from './mappers';

export interface OrderBundle {
  order: Order | null; // null when children arrived before the order itself
  fulfillments: Fulfillment[];
  events: TrackingEvent[];
  refunds: Refund[];
  returns: Return[];
}

/** One order with everything hanging off it, for any number of orders in four queries. */
export async function loadOrderBundles(db: Db, shopId: string, orderIds: string[]): Promise<Map<string, OrderBundle>> {
  const result = new Map<string, OrderBundle>();
  if (orderIds.length === 0) return result;
  for (const id of orderIds) result.set(id, { order: null, fulfillments: [], events: [], refunds: [], returns: [] });
  // Sequential on purpose: inside a transaction one pg client can't run queries in parallel.
  const orderRows = await db.select().from(orders).where(and(eq(orders.shopId, shopId), inArray(orders.shopifyOrderId, orderIds)));
  const fRows = await db.select().from(fulfillments).where(and(eq(fulfillments.shopId, shopId), inArray(fulfillments.orderId, orderIds))).orderBy(asc(fulfillments.shopifyCreatedAt));
  const eRows = await db.select().from(trackingEvents).where(and(eq(trackingEvents.shopId, shopId), inArray(trackingEvents.orderId, orderIds))).orderBy(asc(trackingEvents.happenedAt));
  const rRows = await db.select().from(refunds).where(and(eq(refunds.shopId, shopId), inArray(refunds.orderId, orderIds))).orderBy(asc(refunds.shopifyCreatedAt));
  const retRows = await db.select().from(returns).where(and(eq(returns.shopId, shopId), inArray(returns.orderId, orderIds))).orderBy(asc(returns.shopifyCreatedAt));
  for (const r of orderRows) result.get(r.shopifyOrderId)!.order = orderFromRow(r);
  for (const r of fRows) result.get(r.orderId)?.fulfillments.push(fulfillmentFromRow(r));
  for (const r of eRows) result.get(r.orderId)?.events.push(trackingEventFromRow(r));
  for (const r of rRows) result.get(r.orderId)?.refunds.push(refundFromRow(r));
  for (const r of retRows) result.get(r.orderId)?.returns.push(returnFromRow(r));
  return result;
}

export async function loadOrderBundle(db: Db, shopId: string, orderId: string): Promise<OrderBundle> {
  return (await loadOrderBundles(db, shopId, [orderId])).get(orderId)!;
}
