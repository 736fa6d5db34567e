import type { Db } from '@/lib/db/client';
import { trackingEvents } from '@/lib/db/schema';
import type { TrackingEvent } from '@/lib/domain/types';

// The tracking_events table: carrier scans, insert-once.

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
