import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { fulfillments } from '@/lib/db/schema';
import { shipmentHealth } from '@/lib/domain/shipment-health';
import { signalsFromRefund, signalsFromReturn, signalsFromShipment, type IssueSignal } from '@/lib/domain/issues';
import { loadOrderBundle } from '@/lib/read-model/order-bundle';
import { getSettings } from '@/lib/settings-store';
import { applyIssueSignals } from '@/lib/issues-store';

/**
 * After any change to an order or its children: recompute each shipment's health (cached on the
 * row), and turn the current state into issue signals. Signals are idempotent, so recomputing
 * from state is always safe, whatever order the webhooks came in.
 */
export async function refreshOrderConsequences(tx: Db, shopId: string, orderId: string, now: Date, _ctx: { cause: string }): Promise<void> {
  const bundle = await loadOrderBundle(tx, shopId, orderId);
  const settings = await getSettings(tx, shopId);
  const signals: IssueSignal[] = [];
  for (const f of bundle.fulfillments) {
    const events = bundle.events.filter((e) => e.fulfillmentId === f.id);
    const health = shipmentHealth({ fulfillment: f, events, now, delay: settings.delay });
    await tx
      .update(fulfillments)
      .set({ healthState: health.state, healthReason: health.reason, healthCheckedAt: now })
      .where(and(eq(fulfillments.shopId, shopId), eq(fulfillments.shopifyFulfillmentId, f.id)));
    if (f.status !== 'cancelled') signals.push(...signalsFromShipment(f.id, orderId, health, now));
  }
  for (const r of bundle.returns) signals.push(...signalsFromReturn(r));
  if (bundle.refunds.length > 0 && bundle.order) signals.push(...signalsFromRefund(bundle.order, bundle.refunds));
  // Without the order we don't know whose issue it is yet; the order's own event will redo this.
  if (!bundle.order || signals.length === 0) return;
  await applyIssueSignals(tx, shopId, { email: bundle.order.email, shopifyId: bundle.order.customerId }, signals);
}
