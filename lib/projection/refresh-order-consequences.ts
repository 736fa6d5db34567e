import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { textArray } from '@/lib/db/rows';
import { issues, tickets } from '@/lib/db/schema';
import { shipmentHealth } from '@/lib/domain/shipment-health';
import { lastShipmentFact, shipmentCaseClosure, type ClosedTicket } from '@/lib/domain/case-closure';
import { signalsFromRefund, signalsFromReturn, signalsFromShipment, type IssueSignal } from '@/lib/domain/issues';
import { loadOrderBundles } from '@/lib/ticket-context/load-order-bundle';
import { getSettings } from '@/lib/settings/settings-store';
import { applyIssueSignals } from '@/lib/projection/apply-issue-signals';
import { isShipmentUpdate } from '@/lib/domain/klaviyo-signals';
import { enqueueEffect } from '@/lib/outbox/enqueue';

/**
 * After any change to an order or its children: recompute each shipment's health (cached on the
 * row), and turn the current state into issue signals. Signals are idempotent, so recomputing
 * from state is always safe, whatever order the webhooks came in. A parcel whose case is over
 * (order cancelled, items refunded or reshipped, ticket closed as solved) gets its delay and
 * exception issues resolved with that reason instead of being left open for ever.
 */
export async function refreshOrderConsequences(tx: Db, shopId: string, orderId: string, now: Date, ctx: { cause: string }): Promise<void> {
  await refreshOrdersConsequences(tx, shopId, [orderId], now, ctx);
}

/** The same for many orders of one store: one read of their bundles, one write of their shipments' health. */
export async function refreshOrdersConsequences(tx: Db, shopId: string, orderIds: string[], now: Date, _ctx: { cause: string }): Promise<void> {
  if (orderIds.length === 0) return;
  const bundles = await loadOrderBundles(tx, shopId, orderIds);
  const settings = await getSettings(tx, shopId);
  const health = { ids: [] as string[], states: [] as string[], reasons: [] as string[] };
  const signalsByOrder: { orderId: string; customer: { email: string | null; shopifyId: string | null }; signals: IssueSignal[] }[] = [];
  for (const orderId of orderIds) {
    const bundle = bundles.get(orderId)!;
    const signals: IssueSignal[] = [];
    // Tickets matter only to a parcel in trouble: read them once, and only then.
    let closedTickets: ClosedTicket[] | null = null;
    for (const f of bundle.fulfillments) {
      const events = bundle.events.filter((e) => e.fulfillmentId === f.id);
      const h = shipmentHealth({ fulfillment: f, events, now, delay: settings.delay });
      health.ids.push(f.id);
      health.states.push(h.state);
      health.reasons.push(h.reason);
      if (f.status === 'cancelled') continue;
      if (bundle.order && closedTickets === null && (h.state === 'delayed' || h.state === 'exception')) closedTickets = await closedTicketsFor(tx, shopId, orderId);
      const closure = bundle.order
        ? shipmentCaseClosure({
            order: bundle.order,
            fulfillment: f,
            fulfillments: bundle.fulfillments,
            refunds: bundle.refunds,
            closedTickets: closedTickets ?? [],
            lastShipmentFactAt: lastShipmentFact(f, events.map((e) => e.happenedAt)),
          })
        : null;
      const email = bundle.order?.email ?? null;
      // Operational flows hear of a parcel's change of state once per state (not when its case is already closed).
      if (email && bundle.order && isShipmentUpdate(f.cachedHealthState ?? null, h.state) && !(closure && h.state !== 'delivered')) {
        await enqueueEffect(tx, {
          shopId,
          kind: 'klaviyo.shipment_update',
          payload: {
            email, at: now.toISOString(), orderId, orderName: bundle.order.name, fulfillmentId: f.id, state: h.state, reason: h.reason,
            carrier: f.trackingCompany, trackingNumber: f.trackingNumber, trackingUrl: f.trackingUrl,
            estimatedDeliveryAt: h.estimatedDeliveryAt?.toISOString() ?? null, deliveredAt: h.deliveredAt?.toISOString() ?? null,
          },
          idempotencyKey: `klaviyo-shipment:${shopId}:${f.id}:${h.state}`,
          serialKey: `klaviyo:${shopId}:${email}`,
        });
      }
      if (closure && h.state !== 'delivered') {
        // "now", like every state-derived shipment signal, so it is never older than the open it closes.
        for (const kind of ['delay', 'exception'] as const) signals.push({ key: `${kind}:${f.id}`, kind, action: 'resolve', at: now, reason: closure.reason, orderId });
      } else signals.push(...signalsFromShipment(f.id, orderId, h, now));
    }
    for (const r of bundle.returns) signals.push(...signalsFromReturn(r));
    if (bundle.refunds.length > 0 && bundle.order) signals.push(...signalsFromRefund(bundle.order, bundle.refunds));
    // A cancelled order closes every problem about it (a cancel request, a late parcel, a refund ask).
    if (bundle.order?.cancelledAt) {
      const reason = `Order ${bundle.order.name} was cancelled on ${bundle.order.cancelledAt.toISOString().slice(0, 10)}.`;
      const open = await tx.select({ key: issues.key, kind: issues.kind }).from(issues).where(and(eq(issues.shopId, shopId), eq(issues.orderId, orderId), eq(issues.status, 'open')));
      for (const i of open) if (!signals.some((x) => x.key === i.key && x.action === 'resolve')) signals.push({ key: i.key, kind: i.kind as IssueSignal['kind'], action: 'resolve', at: now, reason, orderId });
    }
    // Without the order we don't know whose issue it is yet; the order's own event will redo this.
    if (!bundle.order || signals.length === 0) continue;
    signalsByOrder.push({ orderId, customer: { email: bundle.order.email, shopifyId: bundle.order.customerId }, signals });
  }
  if (health.ids.length > 0) {
    await tx.execute(sql`
      update fulfillments f set health_state = v.state, health_reason = v.reason, health_checked_at = ${now}
      from (select unnest(${textArray(health.ids)}) as id, unnest(${textArray(health.states)}) as state, unnest(${textArray(health.reasons)}) as reason) v
      where f.shop_id = ${shopId} and f.shopify_fulfillment_id = v.id`);
  }
  for (const o of signalsByOrder) await applyIssueSignals(tx, shopId, o.customer, o.signals);
}

async function closedTicketsFor(tx: Db, shopId: string, orderId: string): Promise<ClosedTicket[]> {
  const rows = await tx
    .select({ id: tickets.gorgiasTicketId, closedAt: tickets.closedAt })
    .from(tickets)
    .where(and(or(eq(tickets.matchedShopId, shopId), eq(tickets.shopId, shopId)), eq(tickets.matchedOrderId, orderId), eq(tickets.status, 'closed'), isNotNull(tickets.closedAt)));
  return rows.map((r) => ({ id: r.id, closedAt: r.closedAt! }));
}
