import type { IssueKind } from './issues';
import type { ShipmentState } from './types';

// What Concord tells Klaviyo besides the suppression flag, as pure decisions:
// - "Concord Shipment Update" events for operational flows (not marketing): one per parcel per
//   state worth a message, with the facts a template needs;
// - the recovery gesture the policy suggests when an issue is resolved, by issue type and VIP;
// - whether an order is eligible for a review request: delivered cleanly, N days ago, nothing open.

export const SHIPMENT_UPDATE_METRIC = 'Concord Shipment Update';
export const RECOVERY_METRIC = 'Concord Recovery Suggested';
export const REVIEW_ELIGIBLE_METRIC = 'Concord Review Eligible';

/** The states an operational flow messages about; label_created and in_transit are not news. */
const SHIPMENT_UPDATE_STATES: readonly ShipmentState[] = ['delayed', 'exception', 'out_for_delivery', 'delivered'];

export function isShipmentUpdate(before: string | null, after: ShipmentState): boolean {
  return before !== after && SHIPMENT_UPDATE_STATES.includes(after);
}

export interface ShipmentUpdateFacts {
  orderId: string;
  orderName: string;
  fulfillmentId: string;
  state: ShipmentState;
  reason: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  estimatedDeliveryAt: string | null;
  deliveredAt: string | null;
}

const STATE_WORDS: Record<string, string> = {
  delayed: 'Delayed',
  exception: 'Delivery problem',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
};

/** Event properties, named for Klaviyo templates ({{ event.tracking_url }}). */
export function shipmentUpdateProperties(f: ShipmentUpdateFacts): Record<string, unknown> {
  return {
    update_type: f.state,
    status_label: STATE_WORDS[f.state] ?? f.state,
    reason: f.reason,
    order_id: f.orderId,
    order_name: f.orderName,
    fulfillment_id: f.fulfillmentId,
    carrier: f.carrier,
    tracking_number: f.trackingNumber,
    tracking_url: f.trackingUrl,
    estimated_delivery: f.estimatedDeliveryAt,
    delivered_at: f.deliveredAt,
  };
}

export interface RecoveryGesture {
  gesture: 'apology' | 'discount_10' | 'discount_15' | 'free_shipping_next_order' | 'discount_20_and_free_shipping';
  description: string;
}

// The policy's suggestion, per issue type, standard and VIP. Flows read `gesture` to pick the
// template and the coupon; Concord never creates the coupon itself.
const GESTURES: Partial<Record<IssueKind, { standard: RecoveryGesture; vip: RecoveryGesture }>> = {
  delay: {
    standard: { gesture: 'free_shipping_next_order', description: 'Free shipping on the next order, for the wait.' },
    vip: { gesture: 'discount_15', description: '15% off the next order, for the wait.' },
  },
  exception: {
    standard: { gesture: 'discount_10', description: '10% off the next order, for the delivery problem.' },
    vip: {
      gesture: 'discount_20_and_free_shipping',
      description: '20% off and free shipping on the next order, for the delivery problem.',
    },
  },
  not_received: {
    standard: { gesture: 'discount_10', description: '10% off the next order, for the parcel that never came.' },
    vip: {
      gesture: 'discount_20_and_free_shipping',
      description: '20% off and free shipping on the next order, for the parcel that never came.',
    },
  },
  damaged: {
    standard: { gesture: 'discount_10', description: '10% off the next order, for the damaged item.' },
    vip: { gesture: 'discount_15', description: '15% off the next order, for the damaged item.' },
  },
  refund: {
    standard: { gesture: 'apology', description: 'A personal apology; the refund is the remedy.' },
    vip: { gesture: 'discount_10', description: '10% off the next order with the apology.' },
  },
};

/** Null for issue kinds that call for no gesture (a return the customer chose, a support question). */
export function recoveryGesture(kind: IssueKind, vip: boolean): RecoveryGesture | null {
  const g = GESTURES[kind];
  return g ? (vip ? g.vip : g.standard) : null;
}

const DAY = 86_400_000;

/**
 * Review-request eligibility for one order: delivered at least `daysAfterDelivery` days ago (and
 * not more than 30 days later, when asking is stale), no issue ever opened on the order, and
 * nothing open for the customer. Once per order is the caller's job (the event's unique id).
 */
export function reviewEligibility(input: {
  deliveredAt: Date | null;
  now: Date;
  daysAfterDelivery: number;
  orderHadIssue: boolean;
  customerHasOpenIssue: boolean;
}): { eligible: boolean; why: string } {
  const { deliveredAt, now, daysAfterDelivery } = input;
  if (!deliveredAt) return { eligible: false, why: 'not delivered' };
  const age = now.getTime() - deliveredAt.getTime();
  if (age < daysAfterDelivery * DAY) return { eligible: false, why: `delivered less than ${daysAfterDelivery} days ago` };
  if (age > (daysAfterDelivery + 30) * DAY) return { eligible: false, why: 'delivered too long ago to ask' };
  if (input.orderHadIssue) return { eligible: false, why: 'the order had an issue' };
  if (input.customerHasOpenIssue) return { eligible: false, why: 'the customer has an open issue' };
  return { eligible: true, why: `delivered ${Math.floor(age / DAY)} days ago with no issue` };
}
