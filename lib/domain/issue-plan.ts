import { applyIssueSignal, type IssueSignal } from './issues';
import { emptyPlan, type IssueTransition, type IssueValues, type Plan, type PlanActor, type PlannedEffect, type StoredIssue } from './plan';

// Issue signals -> a plan: the issue rows to write, an audit entry per open/resolve, and (once the
// caller knows whether a profile sync is already waiting) the Klaviyo effects. Pure: the stored
// issues come in, nothing is read or written here.

export interface IssueSignalGroup {
  customer: { email: string | null; shopifyId: string | null };
  signals: IssueSignal[];
}

export interface IssuePlan {
  plan: Plan;
  /** The customers whose issues changed, with their changes (for planKlaviyoIssueEffects). */
  changedCustomers: { email: string; changes: IssueTransition[] }[];
}

/**
 * Applies each group's signals in order to the stored issues (`stored` by key; a key written by an
 * earlier signal is seen by a later one, as row-by-row application would see it).
 */
export function planIssueSignals(input: {
  shopId: string;
  stored: ReadonlyMap<string, StoredIssue>;
  groups: IssueSignalGroup[];
  actor?: PlanActor;
}): IssuePlan {
  const { shopId } = input;
  const actor = input.actor ?? { type: 'system' };
  const stored = new Map(input.stored);
  const plan = emptyPlan();
  const changedCustomers: IssuePlan['changedCustomers'] = [];
  for (const { customer, signals } of input.groups) {
    const changes: IssueTransition[] = [];
    for (const signal of signals) {
      const row = stored.get(signal.key) ?? null;
      const { record, changed } = applyIssueSignal(row, signal);
      // A resolve for an issue we never saw open is kept as a tombstone, so its late-arriving open is
      // recognised as older and ignored. Shipment signals are recomputed from state, so they need none.
      const tombstone = !row && signal.action === 'resolve' && signal.kind !== 'delay' && signal.kind !== 'exception';
      if (changed === 'none' && !tombstone) {
        if (row && row.reason !== record.reason) {
          plan.rowWrites.issues.push({
            op: 'update',
            shopId,
            key: row.key,
            values: { reason: record.reason, lastSignalAt: record.lastSignalAt },
          });
          stored.set(row.key, { ...row, reason: record.reason, lastSignalAt: record.lastSignalAt });
        }
        continue;
      }
      const values: IssueValues = {
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
      plan.rowWrites.issues.push(
        row ? { op: 'update', shopId, key: record.key, values } : { op: 'insert', shopId, key: record.key, values },
      );
      stored.set(record.key, { key: record.key, ...values });
      if (changed === 'none') continue;
      const change: IssueTransition = { key: record.key, kind: record.kind, change: changed, record };
      changes.push(change);
      plan.issueChanges.push(change);
      plan.auditEntries.push({
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
    if (changes.length > 0 && customer.email) changedCustomers.push({ email: customer.email, changes });
  }
  return { plan, changedCustomers };
}

/** The serial key every Klaviyo effect of one customer shares (they run one at a time, in order). */
export const klaviyoSerialKey = (shopId: string, email: string) => `klaviyo:${shopId}:${email}`;

/**
 * State-based: the sync effect carries no state, the executor reads the customer's current state.
 * Per customer: an event per change, a recovery event per resolve, and one profile sync unless one is
 * already waiting (`pendingSync`: the serial keys with a pending sync) or planned earlier in this plan.
 * `newSyncKey` names a new sync (random in production, so syncs are never merged by key).
 */
export function planKlaviyoIssueEffects(input: {
  shopId: string;
  customers: { email: string; changes: IssueTransition[] }[];
  pendingSync: ReadonlySet<string>;
  newSyncKey: (email: string) => string;
}): PlannedEffect[] {
  const { shopId } = input;
  const effects: PlannedEffect[] = [];
  const waiting = new Set(input.pendingSync);
  for (const { email, changes } of input.customers) {
    const serialKey = klaviyoSerialKey(shopId, email);
    for (const c of changes) {
      const at = (c.change === 'resolved' ? c.record.resolvedAt : c.record.openedAt) ?? c.record.lastSignalAt;
      const verb = c.change === 'resolved' ? 'resolved' : 'opened';
      effects.push({
        shopId,
        kind: 'klaviyo.issue_event',
        payload: {
          email,
          issueKey: c.key,
          kind: c.kind,
          verb,
          at: at.toISOString(),
          orderId: c.record.orderId,
          ticketId: c.record.ticketId,
          reason: c.record.reason,
        },
        idempotencyKey: `klaviyo-event:${shopId}:${c.key}:${verb}:${at.toISOString()}`,
        serialKey,
      });
    }
    // A resolved problem gets the policy's recovery gesture (chosen when sent, with the customer's VIP status).
    for (const c of changes) {
      if (c.change !== 'resolved' || !c.record.resolvedAt) continue;
      const at = c.record.resolvedAt.toISOString();
      effects.push({
        shopId,
        kind: 'klaviyo.recovery_event',
        payload: { email, issueKey: c.key, kind: c.kind, orderId: c.record.orderId, reason: c.record.reason, at },
        idempotencyKey: `klaviyo-recovery:${shopId}:${c.key}:${at}`,
        serialKey,
      });
    }
    // One pending sync is enough: it pushes whatever the state is when it runs.
    if (waiting.has(serialKey)) continue;
    waiting.add(serialKey);
    effects.push({ shopId, kind: 'klaviyo.sync_profile', payload: { email }, idempotencyKey: input.newSyncKey(email), serialKey });
  }
  return effects;
}
