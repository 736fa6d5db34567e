import type { Db } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';
import type { EffectKind, EffectPayload } from './effect-kinds';

interface QueueOptions {
  shopId: string;
  idempotencyKey: string; // the same business action always yields the same key
  serialKey?: string | null; // effects with the same key run one at a time, in order
  actionId?: number | null;
  maxAttempts?: number;
  runAt?: Date;
}

/** A side effect of one kind (lib/outbox/effect-kinds.ts), its payload typed by that kind. */
export interface EffectRequest<K extends EffectKind = EffectKind> extends QueueOptions {
  kind: K; // "<system>.<verb>", e.g. gorgias.add_tags
  payload: EffectPayload<K>;
}

/** Writes a side effect in the caller's transaction. A repeated key is ignored (returns false). */
export async function enqueueEffect<K extends EffectKind>(tx: Db, effect: EffectRequest<K>): Promise<boolean> {
  return enqueueQueueRow(tx, effect);
}

/**
 * The queue itself, untyped: any kind, any payload. Only for the queue's own tests (tests/outbox.test.ts),
 * which run kinds of their own; everything else queues through enqueueEffect.
 */
export async function enqueueQueueRow(tx: Db, effect: QueueOptions & { kind: string; payload: Record<string, unknown> }): Promise<boolean> {
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
      // Stamped with this process's clock, the one the claim compares with (run-outbox.ts): the
      // database's now() has microseconds, so a row it stamped could be "later" than a claim made in the
      // same millisecond and wait a whole poll (it failed two tests on PostgreSQL this way).
      nextAttemptAt: effect.runAt ?? new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.length > 0;
}
