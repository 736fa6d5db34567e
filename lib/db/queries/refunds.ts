import type { Db } from '@/lib/db/client';
import { refunds } from '@/lib/db/schema';
import type { Refund } from '@/lib/domain/types';

// The refunds table: insert-once.

export async function insertRefund(tx: Db, shopId: string, r: Refund): Promise<void> {
  await insertRefunds(tx, [{ shopId, r }]);
}

/** Insert-once, so repeats (in the list or already stored) are simply skipped. */
export async function insertRefunds(tx: Db, list: { shopId: string; r: Refund }[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(refunds)
    .values(
      list.map(({ shopId, r }) => ({
        shopId,
        shopifyRefundId: r.id,
        orderId: r.orderId,
        amount: r.amount,
        currency: r.currency,
        note: r.note,
        lineItemIds: r.lineItemIds ?? [],
        shopifyCreatedAt: r.createdAt,
      })),
    )
    .onConflictDoNothing();
}
