import type { Db } from '@/lib/db/client';
import { writeFulfillmentHealth } from '@/lib/db/queries/fulfillments';
import { writeIssueRows } from '@/lib/db/queries/issues';
import type { Plan } from '@/lib/domain/plan';
import { writeAudit } from '@/lib/audit/write-audit';
import { enqueueEffect } from '@/lib/outbox/enqueue';

/**
 * The one writer of the projection's decisions: the rows a plan changes, its audit entries and its
 * effects, in the caller's transaction (so they commit with the read-model change that caused them),
 * each list in the order the plan gives.
 */
export async function applyPlan(tx: Db, plan: Plan): Promise<void> {
  for (const h of plan.rowWrites.health) await writeFulfillmentHealth(tx, h);
  await writeIssueRows(tx, plan.rowWrites.issues);
  for (const entry of plan.auditEntries) await writeAudit(tx, entry);
  for (const effect of plan.effects) await enqueueEffect(tx, effect);
}
