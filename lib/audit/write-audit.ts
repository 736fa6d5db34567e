import type { Db } from '@/lib/db/client';
import { auditLog } from '@/lib/db/schema';
import type { ActorType, AuditAction } from './audit-actions';

// Append-only. Call it with the transaction that makes the change, so the entry and the change
// commit or roll back together.
export type Actor = { type: ActorType; id?: string | null };

export interface AuditEntry {
  shopId: string;
  actor: Actor;
  action: AuditAction; // lib/audit/audit-actions.ts
  explanation: string;
  subjectType?: string;
  subjectId?: string;
  customerEmail?: string | null;
  orderId?: string | null;
  ticketId?: string | null;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    shopId: entry.shopId,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    action: entry.action,
    explanation: entry.explanation,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    customerEmail: entry.customerEmail ?? null,
    orderId: entry.orderId ?? null,
    ticketId: entry.ticketId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ...(entry.at ? { at: entry.at } : {}),
  });
}
