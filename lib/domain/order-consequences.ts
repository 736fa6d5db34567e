import { lastShipmentFact, shipmentCaseClosure, type ClosedTicket } from './case-closure';
import { signalsFromRefund, signalsFromReturn, signalsFromShipment, type IssueKind, type IssueSignal } from './issues';
import { isShipmentUpdate } from './klaviyo-signals';
import { klaviyoSerialKey, type IssueSignalGroup } from './issue-plan';
import type { HealthWrite, PlannedEffect } from './plan';
import { shipmentHealth, type DelayThresholds } from './shipment-health';
import type { Fulfillment, Order, Refund, Return, ShipmentHealth, TrackingEvent } from './types';

// After any change to an order or its children: each shipment's health (cached on the row), the
// Klaviyo shipment updates, and the issue signals the current state implies. Signals are
// idempotent, so recomputing from state is always safe, whatever order the webhooks came in. A
// parcel whose case is over (order cancelled, items refunded or reshipped, ticket closed as solved)
// gets its delay and exception issues resolved with that reason instead of being left open for ever.
//
// Two pure steps around the loads they need: assessShipments says which orders need their closed
// tickets (only a parcel in trouble does) and which are cancelled (their open issues close);
// planOrderConsequences turns the state into a plan.

/** An order with everything hanging off it, as stored. */
export interface OrderBundle {
  order: Order | null; // null when children arrived before the order itself
  fulfillments: Fulfillment[];
  events: TrackingEvent[];
  refunds: Refund[];
  returns: Return[];
}

export interface ShipmentAssessment {
  health: Map<string, ShipmentHealth[]>; // per order, one per fulfillment, in the bundle's order
  /** Orders with a parcel in trouble: their closed tickets may close its case. */
  needClosedTickets: string[];
  /** Cancelled orders: every open issue about them closes. */
  cancelled: string[];
}

export function assessShipments(
  orderIds: string[],
  bundles: ReadonlyMap<string, OrderBundle>,
  delay: DelayThresholds,
  now: Date,
): ShipmentAssessment {
  const health = new Map<string, ShipmentHealth[]>();
  const needClosedTickets: string[] = [];
  const cancelled: string[] = [];
  for (const orderId of orderIds) {
    const bundle = bundles.get(orderId)!;
    const list = bundle.fulfillments.map((f) =>
      shipmentHealth({ fulfillment: f, events: bundle.events.filter((e) => e.fulfillmentId === f.id), now, delay }),
    );
    health.set(orderId, list);
    const troubled = bundle.fulfillments.some(
      (f, i) => f.status !== 'cancelled' && (list[i].state === 'delayed' || list[i].state === 'exception'),
    );
    if (bundle.order && troubled) needClosedTickets.push(orderId);
    if (bundle.order?.cancelledAt) cancelled.push(orderId);
  }
  return { health, needClosedTickets, cancelled };
}

export interface OrderConsequencesPlan {
  health: HealthWrite | null;
  /** Klaviyo shipment updates, one per parcel per new state. */
  effects: PlannedEffect[];
  /** Per order with a known customer, the issue signals its state implies (see planIssueSignals). */
  signalGroups: (IssueSignalGroup & { orderId: string })[];
}

export function planOrderConsequences(input: {
  shopId: string;
  orderIds: string[];
  bundles: ReadonlyMap<string, OrderBundle>;
  assessment: ShipmentAssessment;
  closedTickets: ReadonlyMap<string, ClosedTicket[]>;
  openIssues: ReadonlyMap<string, { key: string; kind: string }[]>;
  now: Date;
}): OrderConsequencesPlan {
  const { shopId, now } = input;
  const health = { ids: [] as string[], states: [] as string[], reasons: [] as string[] };
  const effects: PlannedEffect[] = [];
  const signalGroups: OrderConsequencesPlan['signalGroups'] = [];
  for (const orderId of input.orderIds) {
    const bundle = input.bundles.get(orderId)!;
    const healthOf = input.assessment.health.get(orderId)!;
    const signals: IssueSignal[] = [];
    // The closed tickets count from the first parcel in trouble on (they are only read for one).
    let troubleSeen = false;
    bundle.fulfillments.forEach((f, i) => {
      const events = bundle.events.filter((e) => e.fulfillmentId === f.id);
      const h = healthOf[i];
      health.ids.push(f.id);
      health.states.push(h.state);
      health.reasons.push(h.reason);
      if (f.status === 'cancelled') return;
      if (bundle.order && (h.state === 'delayed' || h.state === 'exception')) troubleSeen = true;
      const closure = bundle.order
        ? shipmentCaseClosure({
            order: bundle.order,
            fulfillment: f,
            fulfillments: bundle.fulfillments,
            refunds: bundle.refunds,
            closedTickets: troubleSeen ? (input.closedTickets.get(orderId) ?? []) : [],
            lastShipmentFactAt: lastShipmentFact(
              f,
              events.map((e) => e.happenedAt),
            ),
          })
        : null;
      const email = bundle.order?.email ?? null;
      // Operational flows hear of a parcel's change of state once per state (not when its case is already closed).
      if (email && bundle.order && isShipmentUpdate(f.cachedHealthState ?? null, h.state) && !(closure && h.state !== 'delivered')) {
        effects.push({
          shopId,
          kind: 'klaviyo.shipment_update',
          payload: {
            email,
            at: now.toISOString(),
            orderId,
            orderName: bundle.order.name,
            fulfillmentId: f.id,
            state: h.state,
            reason: h.reason,
            carrier: f.trackingCompany,
            trackingNumber: f.trackingNumber,
            trackingUrl: f.trackingUrl,
            estimatedDeliveryAt: h.estimatedDeliveryAt?.toISOString() ?? null,
            deliveredAt: h.deliveredAt?.toISOString() ?? null,
          },
          idempotencyKey: `klaviyo-shipment:${shopId}:${f.id}:${h.state}`,
          serialKey: klaviyoSerialKey(shopId, email),
        });
      }
      if (closure && h.state !== 'delivered') {
        // "now", like every state-derived shipment signal, so it is never older than the open it closes.
        for (const kind of ['delay', 'exception'] as const)
          signals.push({ key: `${kind}:${f.id}`, kind, action: 'resolve', at: now, reason: closure.reason, orderId });
      } else signals.push(...signalsFromShipment(f.id, orderId, h, now));
    });
    for (const r of bundle.returns) signals.push(...signalsFromReturn(r));
    if (bundle.refunds.length > 0 && bundle.order) signals.push(...signalsFromRefund(bundle.order, bundle.refunds));
    // A cancelled order closes every problem about it (a cancel request, a late parcel, a refund ask).
    if (bundle.order?.cancelledAt) {
      const reason = `Order ${bundle.order.name} was cancelled on ${bundle.order.cancelledAt.toISOString().slice(0, 10)}.`;
      for (const i of input.openIssues.get(orderId) ?? []) {
        if (!signals.some((x) => x.key === i.key && x.action === 'resolve'))
          signals.push({ key: i.key, kind: i.kind as IssueKind, action: 'resolve', at: now, reason, orderId });
      }
    }
    // Without the order we don't know whose issue it is yet; the order's own event will redo this.
    if (!bundle.order || signals.length === 0) continue;
    signalGroups.push({ orderId, customer: { email: bundle.order.email, shopifyId: bundle.order.customerId }, signals });
  }
  return {
    health:
      health.ids.length > 0 ? { shopId, fulfillmentIds: health.ids, states: health.states, reasons: health.reasons, checkedAt: now } : null,
    effects,
    signalGroups,
  };
}
