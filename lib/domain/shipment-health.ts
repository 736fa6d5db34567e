import type { Fulfillment, Order, ShipmentHealth, ShipmentState, TrackingEvent } from './types';

// Where a parcel is, as a pure function of the fulfillment, its carrier events and `now`.
// Statuses are an open vocabulary (Shopify adds values): unknown ones count as movement.

const DAY = 86_400_000;

const EXCEPTION_STATUSES = new Set([
  'failure',
  'attempted_delivery',
  'returning_to_sender',
  'return_to_sender',
  'returned_to_sender',
  'buyer_action_required',
  'exception',
  'lost',
  'damaged',
]);
const FAILED_FULFILLMENT = new Set(['cancelled', 'error', 'failure']);
// Shopify's fulfillment statuses, in words for an agent (never "The fulfillment is failure.").
const FAILED_FULFILLMENT_REASON: Record<string, string> = {
  cancelled: 'The shipment was cancelled in Shopify.',
  error: 'Shopify reports an error with this shipment.',
  failure: 'The shipment failed in Shopify (the carrier or fulfillment service could not complete it).',
};
const LABEL = new Set(['label_printed', 'label_purchased', 'confirmed', 'pending', 'open']);
const OUT_FOR_DELIVERY = new Set(['out_for_delivery', 'ready_for_pickup', 'ready_for_recipient_pickup']);

export interface DelayThresholds {
  noMovementDays: number;
  pastEstimateDays: number;
}

const human = (status: string) => status.replace(/_/g, ' ');
const days = (ms: number) => {
  const d = ms / DAY;
  return d >= 10 ? `${Math.floor(d)} days` : `${Math.floor(d * 10) / 10} days`.replace('.0 ', ' ');
};
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function shipmentHealth(input: {
  fulfillment: Fulfillment | null;
  events: TrackingEvent[];
  now: Date;
  delay: DelayThresholds;
}): ShipmentHealth {
  const { fulfillment: f, now, delay } = input;
  const base = { lastEventAt: null, lastEventStatus: null, estimatedDeliveryAt: null, deliveredAt: null };
  if (!f) return { state: 'unfulfilled', reason: 'Not shipped yet.', healthy: false, ...base };

  const events = [...input.events].sort((a, b) => a.happenedAt.getTime() - b.happenedAt.getTime());
  const lastEvent = events[events.length - 1] ?? null;
  // Carriers report through two channels: fulfillment events, and shipment_status on the
  // fulfillment itself (fulfillments/update, with no event at all for many carriers). The newest
  // report wins, and either one counts as news of the parcel.
  const statusAt = f.shipmentStatus ? (f.shipmentStatusAt ?? f.updatedAt) : null;
  const fulfillmentNewer = statusAt !== null && (!lastEvent || statusAt > lastEvent.happenedAt);
  const status = ((fulfillmentNewer ? f.shipmentStatus : lastEvent?.status) ?? f.shipmentStatus ?? '').toLowerCase();
  const reportedAt = fulfillmentNewer ? statusAt : (lastEvent?.happenedAt ?? null);
  const last = lastEvent;
  // The newest estimate: from the latest event that carries one, or the fulfillment's own (as of its update).
  const etaEvent = [...events].reverse().find((e) => e.estimatedDeliveryAt) ?? null;
  const eta =
    etaEvent && (!f.estimatedDeliveryAt || etaEvent.happenedAt >= f.updatedAt)
      ? etaEvent.estimatedDeliveryAt
      : (f.estimatedDeliveryAt ?? etaEvent?.estimatedDeliveryAt ?? null);
  const deliveredEvent = [...events].reverse().find((e) => e.status === 'delivered');
  const deliveredAt =
    deliveredEvent?.happenedAt ??
    f.deliveredAt ??
    (f.shipmentStatus === 'delivered' ? (statusAt ?? last?.happenedAt ?? f.updatedAt) : null);
  const info = {
    lastEventAt: last?.happenedAt ?? null,
    lastEventStatus: last?.status ?? null,
    estimatedDeliveryAt: eta ?? null,
    deliveredAt: deliveredAt ?? null,
  };
  const result = (state: ShipmentState, reason: string): ShipmentHealth => ({
    state,
    reason,
    healthy: state === 'label_created' || state === 'in_transit' || state === 'out_for_delivery' || state === 'delivered',
    ...info,
  });

  if (FAILED_FULFILLMENT.has(f.status.toLowerCase())) return result('exception', FAILED_FULFILLMENT_REASON[f.status.toLowerCase()]);
  // Delivered wins over any delay: a late scan of "delivered" closes the story.
  if (status === 'delivered' || f.shipmentStatus === 'delivered' || f.deliveredAt || deliveredEvent) {
    const at = deliveredAt ?? last?.happenedAt ?? f.updatedAt;
    return result('delivered', `Delivered ${isoDay(at)}.`);
  }
  if (EXCEPTION_STATUSES.has(status)) {
    const message = !fulfillmentNewer && last?.message && last.message.toLowerCase() !== human(status) ? `: ${last.message}` : '';
    return result('exception', `Carrier reports ${human(status)}${message}${reportedAt ? ` (${isoDay(reportedAt)})` : ''}.`);
  }

  // News of the parcel: the last carrier event, the last shipment_status change, and any update of a
  // fulfillment the carrier reports on (Shopify bumps updated_at when tracking info changes).
  const lastMovement = [last?.happenedAt ?? null, statusAt, f.shipmentStatus ? f.updatedAt : null].reduce<Date>(
    (a, b) => (b && b > a ? b : a),
    f.createdAt,
  );
  const quiet = now.getTime() - lastMovement.getTime();
  if (status === 'delayed') return result('delayed', `Carrier reports a delay${reportedAt ? ` (${isoDay(reportedAt)})` : ''}.`);
  if (eta && now.getTime() - eta.getTime() > delay.pastEstimateDays * DAY) {
    return result(
      'delayed',
      `${days(now.getTime() - eta.getTime())} past the estimated delivery of ${isoDay(eta)} (threshold ${delay.pastEstimateDays} days).`,
    );
  }
  // A carrier estimate still ahead explains a quiet stretch (long-haul legs scan rarely).
  const etaAhead = eta !== null && eta.getTime() >= now.getTime();
  if (!etaAhead && quiet > delay.noMovementDays * DAY) {
    return result('delayed', `No carrier scan for ${days(quiet)} (threshold ${delay.noMovementDays} days).`);
  }
  if (!status || LABEL.has(status))
    return result('label_created', last ? `Label created; last update ${human(status)}.` : 'Label created, no carrier scan yet.');
  if (OUT_FOR_DELIVERY.has(status))
    return result(
      'out_for_delivery',
      status === 'out_for_delivery' ? 'Out for delivery.' : `${human(status)[0].toUpperCase()}${human(status).slice(1)}.`,
    );
  if (status === 'in_transit' || status === 'carrier_picked_up' || status === 'picked_up')
    return result('in_transit', `In transit; last scan ${isoDay(lastMovement)}.`);
  return result('in_transit', `Moving; latest carrier status “${human(status)}” on ${isoDay(lastMovement)}.`);
}

const SEVERITY: Record<ShipmentState, number> = {
  exception: 6,
  delayed: 5,
  unfulfilled: 4,
  label_created: 3,
  in_transit: 2,
  out_for_delivery: 1,
  delivered: 0,
};

/** The order's overall state: its worst live shipment; unfulfilled when nothing has shipped. */
export function orderShipmentHealth(
  order: Order,
  fulfillments: Fulfillment[],
  events: TrackingEvent[],
  now: Date,
  delay: DelayThresholds,
): ShipmentHealth {
  const live = fulfillments.filter((f) => f.status.toLowerCase() !== 'cancelled');
  if (live.length === 0) return shipmentHealth({ fulfillment: null, events: [], now, delay });
  const all = live.map((f) => shipmentHealth({ fulfillment: f, events: events.filter((e) => e.fulfillmentId === f.id), now, delay }));
  all.sort((a, b) => SEVERITY[b.state] - SEVERITY[a.state]);
  const worst = all[0];
  // A partly shipped order still has items to ship.
  if (worst.state === 'delivered' && order.fulfillmentStatus === 'partial')
    return { ...worst, state: 'in_transit', reason: `Partly delivered; other items not shipped yet. ${worst.reason}` };
  return worst;
}
