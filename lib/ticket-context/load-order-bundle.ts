import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/lib/db/client';
import { decodeJsonRow } from '@/lib/db/json-rows';
import { jsonValue, rowsOf, textArray } from '@/lib/db/rows';
import { fulfillments, orders, refunds, returns, trackingEvents } from '@/lib/db/schema';
import type { OrderBundle } from '@/lib/domain/order-consequences';
import { fulfillmentFromRow, orderFromRow, refundFromRow, returnFromRow, trackingEventFromRow } from './row-mappers';

export type { OrderBundle };

/** Orders with everything hanging off them, for any number of orders in one round trip. */
export async function loadOrderBundles(db: Db, shopId: string, orderIds: string[]): Promise<Map<string, OrderBundle>> {
  if (orderIds.length === 0) return new Map();
  const [row] = rowsOf<{ data: BundleJson | string }>(
    await db.execute(sql`select ${bundleJsonSql(sql`${shopId}`, textArray(orderIds))} as data`),
  );
  return bundlesFromJson(orderIds, jsonValue(row.data));
}

/** SQL for a JSON object of the orders' rows and their children; `shop` and `ids` are SQL expressions. */
export function bundleJsonSql(shop: SQL, ids: SQL): SQL {
  const list = (table: PgTable, alias: string, orderColumn: string, orderBy: string) =>
    sql`coalesce((select json_agg(to_json(${sql.identifier(alias)}) order by ${sql.identifier(alias)}.${sql.identifier(orderBy)}) from ${table} ${sql.identifier(alias)}
      where ${sql.identifier(alias)}.shop_id = ${shop} and ${sql.identifier(alias)}.${sql.identifier(orderColumn)} = any(${ids})), '[]'::json)`;
  return sql`json_build_object(
      'orders', ${list(orders, 'o', 'shopify_order_id', 'id')},
      'fulfillments', ${list(fulfillments, 'f', 'order_id', 'shopify_created_at')},
      'events', ${list(trackingEvents, 'e', 'order_id', 'happened_at')},
      'refunds', ${list(refunds, 'r', 'order_id', 'shopify_created_at')},
      'returns', ${list(returns, 'x', 'order_id', 'shopify_created_at')})`;
}

export function bundlesFromJson(orderIds: string[], data: BundleJson): Map<string, OrderBundle> {
  const result = new Map<string, OrderBundle>();
  for (const id of orderIds) result.set(id, { order: null, fulfillments: [], events: [], refunds: [], returns: [] });
  for (const r of data.orders) {
    const order = decodeJsonRow(orders, r);
    result.get(order.shopifyOrderId)!.order = orderFromRow(order);
  }
  for (const r of data.fulfillments) {
    const f = decodeJsonRow(fulfillments, r);
    result.get(f.orderId)?.fulfillments.push(fulfillmentFromRow(f));
  }
  for (const r of data.events) {
    const e = decodeJsonRow(trackingEvents, r);
    if (e.orderId) result.get(e.orderId)?.events.push(trackingEventFromRow(e));
  }
  for (const r of data.refunds) {
    const x = decodeJsonRow(refunds, r);
    result.get(x.orderId)?.refunds.push(refundFromRow(x));
  }
  for (const r of data.returns) {
    const x = decodeJsonRow(returns, r);
    result.get(x.orderId)?.returns.push(returnFromRow(x));
  }
  return result;
}

type JsonRow = Record<string, unknown>;
export interface BundleJson {
  orders: JsonRow[];
  fulfillments: JsonRow[];
  events: JsonRow[];
  refunds: JsonRow[];
  returns: JsonRow[];
}

export async function loadOrderBundle(db: Db, shopId: string, orderId: string): Promise<OrderBundle> {
  return (await loadOrderBundles(db, shopId, [orderId])).get(orderId)!;
}
