import type { Db } from '@/lib/db/client';
import { findOpenIssuesOfOrders } from '@/lib/db/queries/issues';
import { findClosedTicketsOfOrders } from '@/lib/db/queries/tickets';
import { assessShipments, planOrderConsequences } from '@/lib/domain/order-consequences';
import { emptyPlan, joinPlans } from '@/lib/domain/plan';
import { loadOrderBundles } from '@/lib/ticket-context/load-order-bundle';
import { getSettings } from '@/lib/settings/settings-store';
import { applyPlan } from './apply-plan';
import { planIssueSignalsWithState } from './apply-issue-signals';

/**
 * After any change to an order or its children: load the orders' state, ask the domain what follows
 * (lib/domain/order-consequences.ts: shipment health, Klaviyo shipment updates, issue signals, and
 * from those lib/domain/issue-plan.ts: issue rows, audit entries, Klaviyo effects), and apply the plan.
 */
export async function refreshOrderConsequences(tx: Db, shopId: string, orderId: string, now: Date, ctx: { cause: string }): Promise<void> {
  await refreshOrdersConsequences(tx, shopId, [orderId], now, ctx);
}

/** The same for many orders of one store: one read of their bundles, one write of their shipments' health. */
export async function refreshOrdersConsequences(
  tx: Db,
  shopId: string,
  orderIds: string[],
  now: Date,
  _ctx: { cause: string },
): Promise<void> {
  if (orderIds.length === 0) return;
  // Load (each read is skipped when nothing needs it, so a quiet order costs what it always did).
  const bundles = await loadOrderBundles(tx, shopId, orderIds);
  const settings = await getSettings(tx, shopId);
  const assessment = assessShipments(orderIds, bundles, settings.delay, now);
  const closedTickets = await findClosedTicketsOfOrders(tx, shopId, assessment.needClosedTickets);
  const openIssues = await findOpenIssuesOfOrders(tx, shopId, assessment.cancelled);
  // Decide.
  const decided = planOrderConsequences({ shopId, orderIds, bundles, assessment, closedTickets, openIssues, now });
  const issues = await planIssueSignalsWithState(tx, shopId, decided.signalGroups);
  // Write.
  const own = { ...emptyPlan(), effects: decided.effects, rowWrites: { health: decided.health ? [decided.health] : [], issues: [] } };
  await applyPlan(tx, joinPlans(own, issues));
}
