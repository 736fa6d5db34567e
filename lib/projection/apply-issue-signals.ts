import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { issues, outbox } from '@/lib/db/schema';
import { applyIssueSignal, type IssueKind, type IssueRecord, type IssueSignal } from '@/lib/domain/issues';
import { issueRecordFromRow } from '@/lib/ticket-context/row-mappers';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';
import { enqueueEffect } from '@/lib/outbox/enqueue';

export interface IssueChange {
  key: string;
  kind: IssueKind;
  change: 'opened' | 'resolved' | 'reopened';
  record: IssueRecord;
}

/**
 * Applies issue signals for one customer in the caller's transaction: stores the new state,
 * audits each open/resolve, and queues the Klaviyo sync that pushes the customer's current state.
 */
export async function applyIssueSignals(
  tx: Db,
  shopId: string,
  customer: { email: string | null; shopifyId: string | null },
  signals: IssueSignal[],
  actor: Actor = { type: 'system' },
): Promise<IssueChange[]> {
  const changes: IssueChange[] = [];
  for (const signal of signals) {
    const [row] = await tx.select().from(issues).where(and(eq(issues.shopId, shopId), eq(issues.key, signal.key))).limit(1);
    const { record, changed } = applyIssueSignal(row ? issueRecordFromRow(row) : null, signal);
    // A resolve for an issue we never saw open is kept as a tombstone, so its late-arriving open is
    // recognised as older and ignored. Shipment signals are recomputed from state, so they need none.
    const tombstone = !row && signal.action === 'resolve' && signal.kind !== 'delay' && signal.kind !== 'exception';
    if (changed === 'none' && !tombstone) {
      if (row && row.reason !== record.reason) await tx.update(issues).set({ reason: record.reason, lastSignalAt: record.lastSignalAt }).where(eq(issues.id, row.id));
      continue;
    }
    const values = {
      kind: record.kind,
      status: record.status,
      reason: record.reason,
      openedAt: record.openedAt,
      resolvedAt: record.resolvedAt,
      lastSignalAt: record.lastSignalAt,
      orderId: record.orderId,
      ticketId: record.ticketId,
      closedBy: record.closedBy,
      customerEmail: customer.email ?? row?.customerEmail ?? null,
      customerShopifyId: customer.shopifyId ?? row?.customerShopifyId ?? null,
    };
    if (row) await tx.update(issues).set(values).where(eq(issues.id, row.id));
    else await tx.insert(issues).values({ shopId, key: record.key, ...values });
    if (changed === 'none') continue;
    changes.push({ key: record.key, kind: record.kind, change: changed, record });
    await writeAudit(tx, {
      shopId,
      actor,
      action: `issue.${changed}`,
      subjectType: 'issue',
      subjectId: record.key,
      customerEmail: values.customerEmail,
      orderId: record.orderId,
      ticketId: record.ticketId,
      explanation: `${changed === 'resolved' ? 'Resolved' : changed === 'reopened' ? 'Reopened' : 'Opened'} ${record.kind} issue: ${signal.reason}`,
      before: row ? { status: row.status } : null,
      after: { status: record.status },
    });
  }
  const email = customer.email ?? null;
  if (changes.length > 0 && email) await queueKlaviyoSync(tx, shopId, email, changes);
  return changes;
}

/** State-based: the effect carries no state, the executor reads the customer's current state. */
export async function queueKlaviyoSync(tx: Db, shopId: string, email: string, changes: IssueChange[] = []): Promise<void> {
  const serialKey = `klaviyo:${shopId}:${email}`;
  for (const c of changes) {
    const at = (c.change === 'resolved' ? c.record.resolvedAt : c.record.openedAt) ?? c.record.lastSignalAt;
    const verb = c.change === 'resolved' ? 'resolved' : 'opened';
    await enqueueEffect(tx, {
      shopId,
      kind: 'klaviyo.issue_event',
      payload: { email, issueKey: c.key, kind: c.kind, verb, at: at.toISOString(), orderId: c.record.orderId, ticketId: c.record.ticketId, reason: c.record.reason },
      idempotencyKey: `klaviyo-event:${shopId}:${c.key}:${verb}:${at.toISOString()}`,
      serialKey,
    });
  }
  // A resolved problem gets the policy's recovery gesture (chosen when sent, with the customer's VIP status).
  for (const c of changes) {
    if (c.change !== 'resolved' || !c.record.resolvedAt) continue;
    const at = c.record.resolvedAt.toISOString();
    await enqueueEffect(tx, {
      shopId,
      kind: 'klaviyo.recovery_event',
      payload: { email, issueKey: c.key, kind: c.kind, orderId: c.record.orderId, reason: c.record.reason, at },
      idempotencyKey: `klaviyo-recovery:${shopId}:${c.key}:${at}`,
      serialKey,
    });
  }
  // One pending sync is enough: it pushes whatever the state is when it runs.
  const pending = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.serialKey, serialKey), eq(outbox.kind, 'klaviyo.sync_profile'), eq(outbox.status, 'pending')))
    .limit(1);
  if (pending.length > 0) return;
  await enqueueEffect(tx, {
    shopId,
    kind: 'klaviyo.sync_profile',
    payload: { email },
    idempotencyKey: `klaviyo-sync:${shopId}:${email}:${crypto.randomUUID()}`,
    serialKey,
  });
}
