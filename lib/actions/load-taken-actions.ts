import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { actions } from '@/lib/db/schema';
import type { TakenAction } from '@/lib/domain/policy/verdict-after-actions';

/** The ticket's latest actions, as the verdict needs them to say what was already done. */
export async function loadTakenActions(db: Db, shopId: string, ticketId: string, limit = 25): Promise<TakenAction[]> {
  const rows = await db
    .select({
      id: actions.id,
      kind: actions.kind,
      status: actions.status,
      orderId: actions.orderId,
      actorId: actions.actorId,
      actorType: actions.actorType,
      params: actions.params,
      createdAt: actions.createdAt,
      completedAt: actions.completedAt,
    })
    .from(actions)
    .where(and(eq(actions.shopId, shopId), eq(actions.ticketId, ticketId)))
    .orderBy(desc(actions.createdAt), desc(actions.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    orderId: r.orderId,
    actor: r.actorId ?? r.actorType,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    withReply: Boolean((r.params as { reply?: unknown } | null)?.reply),
  }));
}
