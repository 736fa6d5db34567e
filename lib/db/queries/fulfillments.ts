import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { textArray } from '@/lib/db/rows';
import { fulfillments } from '@/lib/db/schema';
import { excludedSet } from '@/lib/db/upsert';
import type { HealthWrite } from '@/lib/domain/plan';
import type { Fulfillment } from '@/lib/domain/types';

// The fulfillments table: parcels, with their shipment health cached on the row.

export async function upsertFulfillment(tx: Db, shopId: string, f: Fulfillment): Promise<void> {
  await upsertFulfillments(tx, [{ shopId, f }]);
}

/** Many fulfillments in one statement; each (shop, fulfillment id) at most once. */
export async function upsertFulfillments(tx: Db, list: { shopId: string; f: Fulfillment }[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(fulfillments)
    .values(
      list.map(({ shopId, f }) => ({
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
      })),
    )
    .onConflictDoUpdate({
      target: [fulfillments.shopId, fulfillments.shopifyFulfillmentId],
      set: {
        ...excludedSet(fulfillments, [
          'orderId',
          'name',
          'status',
          'shipmentStatus',
          'trackingCompany',
          'trackingNumber',
          'trackingUrl',
          'shopifyCreatedAt',
          'shopifyUpdatedAt',
          'estimatedDeliveryAt',
          'deliveredAt',
        ]),
        // Order payloads may embed fulfillments without their line items: keep what we know.
        lineItemIds: sql`case when cardinality(excluded.line_item_ids) > 0 then excluded.line_item_ids else ${fulfillments.lineItemIds} end`,
        // The status's own clock moves only when the status changes (a carrier update), not on any edit.
        shipmentStatusAt: sql`case when excluded.shipment_status is distinct from ${fulfillments.shipmentStatus} then excluded.shipment_status_at else coalesce(${fulfillments.shipmentStatusAt}, excluded.shipment_status_at) end`,
      },
      setWhere: sql`excluded.shopify_updated_at >= ${fulfillments.shopifyUpdatedAt}`,
    });
}

/** The shipment health of many parcels of one store, in one statement. */
export async function writeFulfillmentHealth(tx: Db, h: HealthWrite): Promise<void> {
  if (h.fulfillmentIds.length === 0) return;
  await tx.execute(sql`
    update fulfillments f set health_state = v.state, health_reason = v.reason, health_checked_at = ${h.checkedAt}
    from (select unnest(${textArray(h.fulfillmentIds)}) as id, unnest(${textArray(h.states)}) as state, unnest(${textArray(h.reasons)}) as reason) v
    where f.shop_id = ${h.shopId} and f.shopify_fulfillment_id = v.id`);
}
