import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { returns } from '@/lib/db/schema';
import { excludedSet } from '@/lib/db/upsert';
import type { Return } from '@/lib/domain/types';

// The returns table: one row per (shop, return id), never moved backwards in time.

export async function upsertReturn(tx: Db, shopId: string, r: Return): Promise<void> {
  await tx
    .insert(returns)
    .values({
      shopId,
      shopifyReturnId: r.id,
      orderId: r.orderId,
      name: r.name,
      status: r.status,
      shopifyCreatedAt: r.createdAt,
      shopifyUpdatedAt: r.updatedAt,
    })
    .onConflictDoUpdate({
      target: [returns.shopId, returns.shopifyReturnId],
      set: excludedSet(returns, ['orderId', 'name', 'status', 'shopifyUpdatedAt']),
      setWhere: sql`excluded.shopify_updated_at >= ${returns.shopifyUpdatedAt}`,
    });
}

/** The order a stored return belongs to (a returns/decline may name none). */
export async function findReturnOrderId(tx: Db, shopId: string, returnId: string): Promise<string | null> {
  const [row] = await tx
    .select({ orderId: returns.orderId })
    .from(returns)
    .where(and(eq(returns.shopId, shopId), eq(returns.shopifyReturnId, returnId)))
    .limit(1);
  return row?.orderId ?? null;
}
