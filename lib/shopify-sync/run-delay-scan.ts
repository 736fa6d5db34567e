import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { fulfillments, orders } from '@/lib/db/schema';
import { refreshOrderConsequences } from '@/lib/projection/refresh-order-consequences';
import { queueReviewRequests } from '@/lib/klaviyo-sync/queue-review-requests';

export interface DelayScanResult {
  scanned: number;
  changed: number; // shipments whose health changed since the last check
  becameDelayed: number;
  reviewEligible: number; // orders that became review-eligible in this run
}

/**
 * Shipments can become delayed without any new event (that is the point: no carrier scan).
 * Recompute health for every shipment still on its way, and let the usual consequences open
 * delivery issues. Runs from the local worker on an interval and from /api/cron/delay-scan.
 */
export async function runDelayScan(db: Db, now: Date, batchSize = 500): Promise<DelayScanResult> {
  const result: DelayScanResult = { scanned: 0, changed: 0, becameDelayed: 0, reviewEligible: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await db
      .select({ id: fulfillments.id, shopId: fulfillments.shopId, orderId: fulfillments.orderId, state: fulfillments.healthState })
      .from(fulfillments)
      .innerJoin(orders, and(eq(orders.shopId, fulfillments.shopId), eq(orders.shopifyOrderId, fulfillments.orderId)))
      .where(
        and(
          sql`${fulfillments.id} > ${afterId}`,
          sql`${fulfillments.status} not in ('cancelled', 'error', 'failure')`,
          or(
            isNull(fulfillments.healthState),
            inArray(fulfillments.healthState, ['label_created', 'in_transit', 'out_for_delivery', 'delayed']),
          ),
          or(isNull(fulfillments.healthCheckedAt), lt(fulfillments.healthCheckedAt, now)),
        ),
      )
      .orderBy(fulfillments.id)
      .limit(batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const orderKeys = new Map<string, { shopId: string; orderId: string; before: (string | null)[] }>();
    for (const f of batch) {
      const key = `${f.shopId}|${f.orderId}`;
      const entry = orderKeys.get(key) ?? { shopId: f.shopId, orderId: f.orderId, before: [] };
      entry.before.push(f.state);
      orderKeys.set(key, entry);
    }
    for (const { shopId, orderId } of orderKeys.values()) {
      await db.transaction(async (tx) => {
        const before = await tx
          .select({ id: fulfillments.id, state: fulfillments.healthState })
          .from(fulfillments)
          .where(and(eq(fulfillments.shopId, shopId), eq(fulfillments.orderId, orderId)));
        await refreshOrderConsequences(tx, shopId, orderId, now, { cause: 'delay-scan' });
        const after = await tx
          .select({ id: fulfillments.id, state: fulfillments.healthState })
          .from(fulfillments)
          .where(and(eq(fulfillments.shopId, shopId), eq(fulfillments.orderId, orderId)));
        for (const a of after) {
          const b = before.find((x) => x.id === a.id);
          if (b?.state !== a.state) {
            result.changed++;
            if (a.state === 'delayed') result.becameDelayed++;
          }
        }
      });
    }
    result.scanned += batch.length;
  }
  result.reviewEligible = await queueReviewRequests(db, now);
  return result;
}
