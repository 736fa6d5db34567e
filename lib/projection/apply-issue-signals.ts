import type { Db } from '@/lib/db/client';
import { findIssuesByKeys } from '@/lib/db/queries/issues';
import { findPendingSerialKeys } from '@/lib/db/queries/outbox';
import { klaviyoSerialKey, planIssueSignals, planKlaviyoIssueEffects, type IssueSignalGroup } from '@/lib/domain/issue-plan';
import type { IssueSignal } from '@/lib/domain/issues';
import { emptyPlan, type IssueTransition, type Plan, type PlanActor } from '@/lib/domain/plan';
import { applyPlan } from './apply-plan';

export type IssueChange = IssueTransition;

/**
 * Loads what issue signals need (the stored issues they touch, then, for customers whose issues
 * changed, whether a profile sync is already waiting) and returns the plan: issue rows, an audit entry
 * per open/resolve, the Klaviyo events and the one profile sync that pushes the customer's current state.
 */
export async function planIssueSignalsWithState(
  tx: Db,
  shopId: string,
  groups: IssueSignalGroup[],
  actor: PlanActor = { type: 'system' },
): Promise<Plan> {
  if (groups.length === 0) return emptyPlan();
  const stored = await findIssuesByKeys(
    tx,
    shopId,
    groups.flatMap((g) => g.signals.map((s) => s.key)),
  );
  const { plan, changedCustomers } = planIssueSignals({ shopId, stored, groups, actor });
  if (changedCustomers.length === 0) return plan;
  const effects = await planKlaviyoEffectsWithState(tx, shopId, changedCustomers);
  return { ...plan, effects: [...plan.effects, ...effects] };
}

/** Applies issue signals for one customer in the caller's transaction; returns what changed. */
export async function applyIssueSignals(
  tx: Db,
  shopId: string,
  customer: { email: string | null; shopifyId: string | null },
  signals: IssueSignal[],
  actor: PlanActor = { type: 'system' },
): Promise<IssueChange[]> {
  const plan = await planIssueSignalsWithState(tx, shopId, [{ customer, signals }], actor);
  await applyPlan(tx, plan);
  return plan.issueChanges;
}

/** State-based: the effect carries no state, the executor reads the customer's current state. */
export async function queueKlaviyoSync(tx: Db, shopId: string, email: string, changes: IssueChange[] = []): Promise<void> {
  const effects = await planKlaviyoEffectsWithState(tx, shopId, [{ email, changes }]);
  await applyPlan(tx, { ...emptyPlan(), effects });
}

async function planKlaviyoEffectsWithState(tx: Db, shopId: string, customers: { email: string; changes: IssueChange[] }[]) {
  const pendingSync = await findPendingSerialKeys(
    tx,
    'klaviyo.sync_profile',
    customers.map((c) => klaviyoSerialKey(shopId, c.email)),
  );
  return planKlaviyoIssueEffects({
    shopId,
    customers,
    pendingSync,
    newSyncKey: (email) => `klaviyo-sync:${shopId}:${email}:${crypto.randomUUID()}`,
  });
}
