import type { Db } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';

export interface EffectRequest {
  shopId: string;
  kind: string; // "<system>.<verb>", e.g. gorgias.add_tags
  payload: Record<string, unknown>;
  idempotencyKey: string; // the same business action always yields the same key
  serialKey?: string | null; // effects with the same key run one at a time, in order
  actionId?: number | null;
  maxAttempts?: number;
  runAt?: Date;
}

/** Writes a side effect in the caller's transaction. A repeated key is ignored (returns false). */
export async function enqueueEffect(tx: Db, effect: EffectRequest): Promise<boolean> {
  const rows = await tx
    .insert(outbox)
    .values({
      shopId: effect.shopId,
      kind: effect.kind,
      payload: effect.payload,
      idempotencyKey: effect.idempotencyKey,
      serialKey: effect.serialKey ?? null,
      actionId: effect.actionId ?? null,
      maxAttempts: effect.maxAttempts ?? 8,
      ...(effect.runAt ? { nextAttemptAt: effect.runAt } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.length > 0;
}
