import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customers } from '@/lib/db/schema';
import type { IssueKind } from '@/lib/domain/issues';
import {
  RECOVERY_METRIC,
  REVIEW_ELIGIBLE_METRIC,
  SHIPMENT_UPDATE_METRIC,
  recoveryGesture,
  shipmentUpdateProperties,
  type ShipmentUpdateFacts,
} from '@/lib/domain/klaviyo-signals';
import { isVip } from '@/lib/domain/vip';
import type { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { customerFromRow } from '@/lib/ticket-context/row-mappers';
import { getSettings } from '@/lib/settings/settings-store';

// The Klaviyo events beyond the suppression flag, each sent from the outbox with a unique_id so a
// replay is a no-op in Klaviyo. What each carries is decided in lib/domain/klaviyo-signals.ts.

export interface ShipmentUpdatePayload extends ShipmentUpdateFacts {
  email: string;
  at: string;
}

export async function sendShipmentUpdate(klaviyo: KlaviyoClient, p: ShipmentUpdatePayload) {
  const uniqueId = `shipment:${p.fulfillmentId}:${p.state}`;
  await klaviyo.createEvent({
    metric: SHIPMENT_UPDATE_METRIC,
    email: p.email,
    uniqueId,
    time: p.at,
    properties: shipmentUpdateProperties(p),
  });
  return { uniqueId };
}

export interface RecoveryPayload {
  email: string;
  issueKey: string;
  kind: IssueKind;
  orderId: string | null;
  reason: string;
  at: string;
}

/** VIP is read when the event is sent, from the customer's current tags and spend. */
export async function sendRecoveryEvent(db: Db, klaviyo: KlaviyoClient, shopId: string, p: RecoveryPayload) {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, shopId), sql`(${customers.email} = ${p.email} or ${customers.emails} @> array[${p.email}]::text[])`))
    .limit(1);
  const vip = row ? isVip(customerFromRow(row), await getSettings(db, shopId)) : false;
  const gesture = recoveryGesture(p.kind, vip);
  if (!gesture) return { skipped: `no gesture for ${p.kind}` };
  const uniqueId = `recovery:${p.issueKey}:${p.at}`;
  await klaviyo.createEvent({
    metric: RECOVERY_METRIC,
    email: p.email,
    uniqueId,
    time: p.at,
    properties: {
      issue_key: p.issueKey,
      issue_type: p.kind,
      gesture: gesture.gesture,
      gesture_description: gesture.description,
      vip,
      order_id: p.orderId,
      resolution: p.reason,
    },
  });
  return { uniqueId, gesture: gesture.gesture, vip };
}

export interface ReviewEligiblePayload {
  email: string;
  orderId: string;
  orderName: string;
  deliveredAt: string;
  at: string;
}

/** The event feeds the review flow; the property lets a segment hold who may be asked right now. */
export async function sendReviewEligible(klaviyo: KlaviyoClient, p: ReviewEligiblePayload) {
  await klaviyo.upsertProfile({
    email: p.email,
    properties: { concord_review_eligible: true, concord_review_eligible_order: p.orderName, concord_review_eligible_at: p.at },
  });
  const uniqueId = `review:${p.orderId}`;
  await klaviyo.createEvent({
    metric: REVIEW_ELIGIBLE_METRIC,
    email: p.email,
    uniqueId,
    time: p.at,
    properties: { order_id: p.orderId, order_name: p.orderName, delivered_at: p.deliveredAt },
  });
  return { uniqueId };
}
