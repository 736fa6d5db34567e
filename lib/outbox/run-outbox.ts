import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { actions, outbox } from '@/lib/db/schema';
import { retryDelayMs } from '@/lib/domain/backoff';
import { ExternalApiError } from '@/lib/integrations/http';
import { writeAudit } from '@/lib/audit/write-audit';
import { ConnectionUnavailableError } from '@/lib/connections/connection-unavailable';
import { isEffectKind, parseEffectPayload, type EffectCall } from './effect-kinds';
import { enqueueEffect } from './enqueue';

// The queue: claim due effects, run each with the executor for its kind, settle (done, recorded,
// shadow, dead), retry with backoff. It knows no vendor and no use case: the executors, what counts
// as "connected" and what to do when an executor stops an action come in with OutboxDeps
// (lib/effects/build-outbox-deps.ts). A stored payload is checked against its kind's schema
// (lib/outbox/effect-kinds.ts) before anything else: one that fails is dead-lettered, never run.

/** How often an effect of a disconnected shop checks again (a reconnect wakes it at once). */
const CONNECTION_WAIT_MS = 15 * 60_000;

const isStopped = (r: unknown): r is { stopped: true; reason: string } =>
  typeof r === 'object' && r !== null && (r as { stopped?: unknown }).stopped === true;

export interface ClaimedEffect {
  id: number;
  shopId: string;
  kind: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  attempts: number; // including this one
  maxAttempts: number;
  actionId: number | null;
}

/** Runs one claimed effect (its payload already checked against its kind's schema) with the runner's db. */
export type EffectExecutor = (effect: ClaimedEffect, db: Db) => Promise<unknown>;

export interface OutboxDeps {
  executors: Record<string, EffectExecutor>;
  /** false: the system is not connected (demo mode), so the effect is recorded, not sent. */
  isLive: (kind: string, shopId: string, db: Db) => boolean | Promise<boolean>;
  /**
   * An executor re-checked live state and found its action no longer safe (it answered { stopped }).
   * Runs in the transaction that settles the effect (lib/automation/route-stopped-action.ts).
   */
  onStopped?: (tx: Db, effect: ClaimedEffect, reason: string) => Promise<void>;
  now?: () => Date;
  lockMs?: number; // a claimed effect not finished by then is claimed again (crash recovery)
  backoff?: { baseMs: number; capMs: number };
  /** Effects of one claim run this many at a time (default 6). A claim never holds two effects with
   * the same serial key, so order within a key is kept. */
  concurrency?: number;
}

export interface OutboxRunStats {
  claimed: number;
  done: number;
  recorded: number;
  shadow: number;
  retried: number;
  dead: number;
  waiting: number; // the shop is disconnected: the effect waits for a reconnect
}

/** Claims due effects (oldest first, one at a time per serial key) and runs them. */
export async function runOutboxOnce(db: Db, deps: OutboxDeps, limit = 10): Promise<OutboxRunStats> {
  const now = deps.now?.() ?? new Date();
  const lockUntil = new Date(now.getTime() + (deps.lockMs ?? 60_000));
  const claimed = rowsOf<{
    id: number;
    shop_id: string;
    kind: string;
    payload: Record<string, unknown>;
    idempotency_key: string;
    attempts: number;
    max_attempts: number;
    action_id: number | null;
  }>(
    await db.execute(sql`
      update outbox set status = 'running', locked_until = ${lockUntil}, attempts = attempts + 1
      where id in (
        select o.id from outbox o
        where ((o.status = 'pending' and o.next_attempt_at <= ${now}) or (o.status = 'running' and o.locked_until < ${now}))
          and (o.serial_key is null or not exists (
            select 1 from outbox p where p.serial_key = o.serial_key and p.id < o.id and p.status in ('pending', 'running')))
        order by o.id
        limit ${limit}
        for update skip locked)
      returning id, shop_id, kind, payload, idempotency_key, attempts, max_attempts, action_id`),
  );
  claimed.sort((a, b) => Number(a.id) - Number(b.id)); // UPDATE ... RETURNING has no order
  const stats: OutboxRunStats = { claimed: claimed.length, done: 0, recorded: 0, shadow: 0, retried: 0, dead: 0, waiting: 0 };
  // Outside calls dominate an effect's time, so a backlog (after an outage, say) drains several at a
  // time; each lane takes the oldest effect not yet started.
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const row = claimed[next++];
      const effect: ClaimedEffect = {
        id: Number(row.id),
        shopId: row.shop_id,
        kind: row.kind,
        payload: row.payload,
        idempotencyKey: row.idempotency_key,
        attempts: row.attempts,
        maxAttempts: row.max_attempts,
        actionId: row.action_id,
      };
      stats[await runOne(db, deps, effect, now)]++;
      open.delete(effect.id);
    }
  };
  // The claim must outlive the batch: a batch of slow calls (a vendor answering in seconds, six at a
  // time) can take longer than the lock, and another worker or instance would then claim and run the
  // same effects again. So while this batch runs, the lock of every effect it has not settled yet is
  // renewed every third of the lock time. Only a worker that stops (a crash) lets the lock expire.
  const lockMs = deps.lockMs ?? 60_000;
  const open = new Set(claimed.map((r) => Number(r.id)));
  let renewing: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(
    () => {
      if (open.size === 0) return;
      const until = new Date((deps.now?.() ?? new Date()).getTime() + lockMs);
      renewing = db
        .execute(sql`update outbox set locked_until = ${until} where id = any(${sql.param([...open])}::bigint[]) and status = 'running'`)
        .catch((err) => console.error('[outbox] could not renew the claim:', (err as Error).message));
    },
    Math.max(50, Math.floor(lockMs / 3)),
  );
  // Every lane finishes before a failure (a database error while settling) is passed on; the effects
  // left claimed are claimed again once their lock expires.
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, deps.concurrency ?? 6) }, lane)).finally(() =>
    clearInterval(heartbeat),
  );
  await renewing;
  const failed = lanes.find((l) => l.status === 'rejected');
  if (failed) throw failed.reason;
  return stats;
}

async function runOne(
  db: Db,
  deps: OutboxDeps,
  effect: ClaimedEffect,
  now: Date,
): Promise<'done' | 'recorded' | 'shadow' | 'retried' | 'dead' | 'waiting'> {
  const executor = deps.executors[effect.kind];
  if (!executor) {
    await settle(db, deps, effect, 'dead', null, `No executor for effect kind "${effect.kind}".`);
    return 'dead';
  }
  // A kind of the registry runs only with a payload its schema accepts (the queue's own tests run
  // kinds of their own, with executors of their own).
  let payload = effect.payload;
  let followUps: EffectCall[] = [];
  if (isEffectKind(effect.kind)) {
    const parsed = parseEffectPayload(effect.kind, effect.payload);
    if (!parsed.ok) {
      await settle(db, deps, effect, 'dead', null, parsed.error);
      return 'dead';
    }
    payload = parsed.payload;
    followUps = parsed.payload.then ?? [];
  }
  if (effect.payload.shadow === true) {
    await settle(
      db,
      deps,
      effect,
      'shadow',
      { shadow: true, note: 'Shadow mode: computed and recorded as "would have done"; nothing was sent.', request: effect.payload },
      null,
    );
    return 'shadow';
  }
  if (!(await deps.isLive(effect.kind, effect.shopId, db))) {
    await settle(
      db,
      deps,
      effect,
      'recorded',
      { recorded: true, note: 'Demo mode: this call was recorded, not sent.', request: effect.payload },
      null,
      followUps,
    );
    return 'recorded';
  }
  try {
    const result = await executor({ ...effect, payload }, db);
    await settle(db, deps, effect, 'done', result ?? null, null, followUps);
    return 'done';
  } catch (err) {
    // The shop is disconnected (revoked, uninstalled, no account linked): the effect waits for it,
    // without using up an attempt, and runs as soon as the store is connected again.
    if (err instanceof ConnectionUnavailableError) {
      await db
        .update(outbox)
        .set({
          status: 'pending',
          lockedUntil: null,
          attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
          lastError: `Waiting: ${err.message}`.slice(0, 1000),
          nextAttemptAt: new Date(now.getTime() + CONNECTION_WAIT_MS),
        })
        .where(eq(outbox.id, effect.id));
      return 'waiting';
    }
    const retryable = err instanceof ExternalApiError ? err.retryable : false;
    const message = err instanceof Error ? err.message : String(err);
    if (!retryable || effect.attempts >= effect.maxAttempts) {
      const why = retryable ? `gave up after ${effect.attempts} attempts: ${message}` : message;
      await settle(db, deps, effect, 'dead', null, why);
      return 'dead';
    }
    const delay = retryDelayMs(effect.attempts, err instanceof ExternalApiError ? err.retryAfterMs : null, deps.backoff);
    await db
      .update(outbox)
      .set({ status: 'pending', lockedUntil: null, lastError: message.slice(0, 1000), nextAttemptAt: new Date(now.getTime() + delay) })
      .where(eq(outbox.id, effect.id));
    return 'retried';
  }
}

async function settle(
  db: Db,
  deps: OutboxDeps,
  effect: ClaimedEffect,
  status: 'done' | 'recorded' | 'shadow' | 'dead',
  result: unknown,
  error: string | null,
  followUps: EffectCall[] = [],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(outbox)
      .set({ status, result, lastError: error?.slice(0, 1000) ?? null, lockedUntil: null, completedAt: new Date() })
      .where(eq(outbox.id, effect.id));
    // An executor that re-checked live state and found the action no longer safe answers { stopped }.
    const stopped = status === 'done' && isStopped(result) ? result : null;
    if (effect.actionId !== null) {
      const actionStatus = stopped ? 'stopped' : status === 'dead' ? 'failed' : status;
      await tx
        .update(actions)
        .set({ status: actionStatus, result, error: stopped ? stopped.reason : error, completedAt: new Date() })
        .where(eq(actions.id, effect.actionId));
    }
    if (stopped) await deps.onStopped?.(tx, effect, stopped.reason);
    // Follow-ups (the reply and tags after a mutation) are queued only once the mutation went through
    // (or was recorded), in the same transaction that settles it: never before, never twice.
    else if (status === 'done' || status === 'recorded') {
      for (const next of followUps) {
        await enqueueEffect(tx, { shopId: effect.shopId, ...next });
      }
    }
    if (status === 'dead') {
      await writeAudit(tx, {
        shopId: effect.shopId,
        actor: { type: 'system' },
        action: 'outbox.dead_lettered',
        subjectType: 'outbox',
        subjectId: String(effect.id),
        explanation: `${effect.kind} failed and was dead-lettered: ${error}. An admin can replay it from the Outbox page.`,
        after: { kind: effect.kind, attempts: effect.attempts },
      });
    }
  });
}

/** An admin replays a dead-lettered effect: it runs again with a fresh attempt budget. */
export async function replayDeadEffect(db: Db, id: number, actor: { type: 'admin'; id: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null, completedAt: null })
      .where(sql`${outbox.id} = ${id} and ${outbox.status} = 'dead'`)
      .returning({ shopId: outbox.shopId, kind: outbox.kind });
    if (rows.length === 0) return false;
    await writeAudit(tx, {
      shopId: rows[0].shopId,
      actor,
      action: 'outbox.replayed',
      subjectType: 'outbox',
      subjectId: String(id),
      explanation: `${actor.id} replayed the dead-lettered ${rows[0].kind} effect.`,
    });
    return true;
  });
}
