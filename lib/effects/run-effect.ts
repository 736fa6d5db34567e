import type { Db } from '@/lib/db/client';
import { EFFECT_KINDS, type EffectKind, type EffectPayload } from '@/lib/outbox/effect-kinds';
import type { ClaimedEffect, EffectExecutor as QueueExecutor } from '@/lib/outbox/run-outbox';
import type { EffectContext, EffectExecutors } from './effect-context';

/** Runs one claimed effect with the typed executor for its kind. */
function runEffect<K extends EffectKind>(executors: EffectExecutors, kind: K, effect: ClaimedEffect, ctx: EffectContext): Promise<unknown> {
  // The runner parsed this payload with this kind's schema before handing it over (lib/outbox/run-outbox.ts).
  return executors[kind](effect.payload as EffectPayload<K>, ctx);
}

/** The typed executors as the queue runs them: one per kind, each given its context. */
export function queueExecutors(
  executors: EffectExecutors,
  contextFor: (effect: ClaimedEffect, db: Db) => EffectContext,
): Record<EffectKind, QueueExecutor> {
  return Object.fromEntries(
    EFFECT_KINDS.map((kind) => [kind, (effect: ClaimedEffect, db: Db) => runEffect(executors, kind, effect, contextFor(effect, db))]),
  ) as Record<EffectKind, QueueExecutor>;
}
