import type { AuditAction } from '@/lib/audit/audit-actions';
import type { EffectPayload } from '@/lib/outbox/effect-kinds';
import type { IssueKind, IssueRecord } from './issues';

// What a decision asks the writer to do, as data. Domain planners (order-consequences.ts,
// issue-plan.ts) return these; one writer (lib/projection/apply-plan.ts) applies them in the
// caller's transaction, in the order given.

export type PlanActor = { type: 'system' | 'agent' | 'lead' | 'admin'; id?: string | null };

/** An append-only audit entry (lib/audit/write-audit.ts writes it). */
export interface PlannedAudit {
  shopId: string;
  actor: PlanActor;
  action: AuditAction;
  explanation: string;
  subjectType?: string;
  subjectId?: string;
  customerEmail?: string | null;
  orderId?: string | null;
  ticketId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** An outbox effect (lib/outbox/enqueue.ts writes it; a repeated idempotency key is ignored). */
type PlanEffectKind = 'klaviyo.shipment_update' | 'klaviyo.issue_event' | 'klaviyo.recovery_event' | 'klaviyo.sync_profile';
export type PlannedEffect = {
  [K in PlanEffectKind]: { shopId: string; kind: K; payload: EffectPayload<K>; idempotencyKey: string; serialKey: string };
}[PlanEffectKind];

/** The columns of an issue row the projection writes. */
export interface IssueValues {
  kind: IssueKind;
  status: 'open' | 'resolved';
  reason: string;
  openedAt: Date | null;
  resolvedAt: Date | null;
  lastSignalAt: Date;
  orderId: string | null;
  ticketId: string | null;
  closedBy: IssueRecord['closedBy'];
  customerEmail: string | null;
  customerShopifyId: string | null;
}

/** An issue row as stored (the planner's view of the issues table). */
export type StoredIssue = IssueRecord & { customerEmail: string | null; customerShopifyId: string | null };

export type IssueRowWrite =
  | { op: 'insert'; shopId: string; key: string; values: IssueValues }
  | { op: 'update'; shopId: string; key: string; values: Partial<IssueValues> };

/** Shipment health cached on fulfillment rows, for one store. */
export interface HealthWrite {
  shopId: string;
  fulfillmentIds: string[];
  states: string[];
  reasons: string[];
  checkedAt: Date;
}

export interface RowWrites {
  health: HealthWrite[];
  issues: IssueRowWrite[];
}

export interface Plan {
  /** Issues opened, resolved or reopened, in the order they happened. */
  issueChanges: IssueTransition[];
  auditEntries: PlannedAudit[];
  effects: PlannedEffect[];
  rowWrites: RowWrites;
}

export interface IssueTransition {
  key: string;
  kind: IssueKind;
  change: 'opened' | 'resolved' | 'reopened';
  record: IssueRecord;
}

export const emptyPlan = (): Plan => ({ issueChanges: [], auditEntries: [], effects: [], rowWrites: { health: [], issues: [] } });

/** Appends `b` to `a` (plans are applied in order, so order is kept). */
export function joinPlans(a: Plan, b: Plan): Plan {
  return {
    issueChanges: [...a.issueChanges, ...b.issueChanges],
    auditEntries: [...a.auditEntries, ...b.auditEntries],
    effects: [...a.effects, ...b.effects],
    rowWrites: { health: [...a.rowWrites.health, ...b.rowWrites.health], issues: [...a.rowWrites.issues, ...b.rowWrites.issues] },
  };
}
