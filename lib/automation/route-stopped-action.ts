import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/audit/write-audit';
import { enqueueEffect } from '@/lib/outbox/enqueue';

// An executor found that Shopify's live order no longer allows the action (shipped, cancelled,
// window closed). Nothing was sent. The ticket says why in an internal note, the audit log records
// it, and the ticket goes to a person: tagged for human review and assigned to the team the plan named.

export interface StoppedEffect {
  id: number;
  shopId: string;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  actionId: number | null;
}

export async function routeStoppedAction(tx: Db, effect: StoppedEffect, reason: string): Promise<void> {
  const p = effect.payload;
  const ticketId = p.ticketId ? String(p.ticketId) : null;
  const what = typeof p.summary === 'string' ? p.summary : effect.kind;
  const routing = (p.routing as { tagPrefix?: string; teamId?: number | null } | undefined) ?? {};
  const prefix = routing.tagPrefix ?? 'concord/';
  await writeAudit(tx, {
    shopId: effect.shopId,
    actor: { type: 'system' },
    action: 'action.stopped',
    subjectType: effect.actionId !== null ? 'action' : 'outbox',
    subjectId: String(effect.actionId ?? effect.id),
    ticketId,
    orderId: p.orderId ? String(p.orderId) : null,
    explanation: `Stopped before Shopify was called: ${reason}. The plan was: ${what} Nothing was changed in Shopify; the ticket went to a person.`,
    after: { kind: effect.kind, reason },
  });
  if (!ticketId) return;
  const key = `stopped:${effect.idempotencyKey}`;
  await enqueueEffect(tx, {
    shopId: effect.shopId,
    kind: 'gorgias.internal_note',
    payload: {
      ticketId,
      body: `Concord did not do this: ${what}\nWhy: ${reason}. Nothing was changed in Shopify. Please review the order and decide.`,
    },
    idempotencyKey: `${key}:note`,
  });
  await enqueueEffect(tx, {
    shopId: effect.shopId,
    kind: 'gorgias.add_tags',
    payload: { ticketId, tags: [`${prefix}human-review`, `${prefix}action-stopped`] },
    idempotencyKey: `${key}:tags`,
  });
  if (routing.teamId !== undefined && routing.teamId !== null) {
    await enqueueEffect(tx, {
      shopId: effect.shopId,
      kind: 'gorgias.assign',
      payload: { ticketId, teamId: routing.teamId },
      idempotencyKey: `${key}:assign`,
    });
  }
}
