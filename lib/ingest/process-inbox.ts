import { sql, type SQL } from 'drizzle-orm';
import { describeError } from '@/lib/runtime/describe-error';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { retryDelayMs } from '@/lib/domain/backoff';
import { projectInboxEvent, projectInboxEvents } from '@/lib/projection/project-batch';
import type { InboxEvent } from './inbox-event';
import { INBOX_LANES } from './partition-key';

const MAX_ATTEMPTS = 5;
const DEFAULT_BATCH = 50;

// Advisory locks are one database-wide key space: the first half of the two-int key names the schema's
// inbox (so two apps, or two test schemas, sharing a database don't hold each other's lanes), the
// second the lane.
const LANE_LOCKS = sql.raw(`hashtext('concord.inbox.' || current_schema())`);
const MAX_LANES_PER_BATCH = 16;

/*
 * How projection is shared out (lib/ingest/partition-key.ts): every event carries a partition key (its
 * order, customer or ticket) and a lane, a hash of that key. A worker, in this process or another
 * instance, takes free lanes (up to 16, oldest waiting event first) for the length of one transaction
 * with pg_try_advisory_xact_lock, applies their oldest due events in arrival order (up to a batch) and
 * marks them done before it commits. So:
 *   - two events of one order are never applied at once: they share a lane, and a lane has one holder;
 *   - they are applied in arrival order: a lane is worked oldest first, and an event whose earlier
 *     sibling is waiting for a retry waits too (until that one succeeds or is given up on);
 *   - a worker that dies mid-batch loses nothing: its transaction rolls back and its locks go with
 *     its connection, so the events are simply pending again.
 *
 * `now` is the projection's clock (shipment health, issue timestamps); it can be frozen in tests.
 * Scheduling (when an event is due, when to retry) always runs on the wall clock, because receipt
 * stamps `next_attempt_at` with it: a frozen clock in the past must never hide new events.
 */

/** An event is ready when it is due and no earlier event of its key is waiting for a retry. */
const ready = (
  e: string,
  wallNow: Date,
): SQL => sql`${sql.identifier(e)}.status = 'pending' and ${sql.identifier(e)}.next_attempt_at <= ${wallNow}
  and not exists (select 1 from inbox_events p where p.partition_key = ${sql.identifier(e)}.partition_key and p.status = 'pending'
    and p.id < ${sql.identifier(e)}.id and p.next_attempt_at > ${wallNow})`;

interface Row {
  lane: number;
  id: number;
  source: string;
  shop_id: string;
  topic: string;
  event_id: string;
  triggered_at: Date | string | null;
  body: string;
  received_at: Date | string;
}
const toEvent = (row: Row): InboxEvent => ({
  id: Number(row.id),
  source: row.source,
  shopId: row.shop_id,
  topic: row.topic,
  eventId: row.event_id,
  triggeredAt: row.triggered_at ? new Date(row.triggered_at) : null,
  body: row.body,
  receivedAt: new Date(row.received_at),
});
const COLUMNS = sql`e.lane, e.id, e.source, e.shop_id, e.topic, e.event_id, e.triggered_at, e.body, e.received_at`;

/**
 * Takes free lanes, oldest ready event first, for this transaction: up to `maxLanes` of them, so that
 * a backlog spread over many lanes still fills a batch. Empty: nothing to do (or all of it is taken).
 */
async function claimLanes(tx: Db, wallNow: Date, maxLanes: number): Promise<number[]> {
  // Sixty-four index probes, whatever the backlog; the lock is tried lane by lane in that order and
  // stops once it holds `maxLanes` (the volatile lock call is not pushed below the sorted subquery,
  // and a lock another worker holds is skipped, never waited for).
  const rows = rowsOf<{ lane: number }>(
    await tx.execute(sql`
      select c.lane from (
        select l.lane, f.id from generate_series(0, ${INBOX_LANES - 1}) as l(lane)
        cross join lateral (select e.id from inbox_events e where e.lane = l.lane and ${ready('e', wallNow)} order by e.id limit 1) f
        order by f.id offset 0
      ) c
      where pg_try_advisory_xact_lock(${LANE_LOCKS}, c.lane)
      limit ${maxLanes}`),
  );
  return rows.map((r) => Number(r.lane));
}

async function readyEventsOfLanes(tx: Db, lanes: number[], max: number, wallNow: Date): Promise<{ event: InboxEvent; lane: number }[]> {
  const rows = rowsOf<Row>(
    await tx.execute(
      sql`select ${COLUMNS} from inbox_events e where e.lane = any(${sql.param(lanes)}::int[]) and ${ready('e', wallNow)} order by e.id limit ${max}`,
    ),
  );
  return rows.map((r) => ({ event: toEvent(r), lane: Number(r.lane) }));
}

async function markDone(tx: Db, events: InboxEvent[], now: Date): Promise<void> {
  const ids = events.map((e) => e.id);
  const done = rowsOf<{ id: number }>(
    await tx.execute(sql`update inbox_events set status = 'done', processed_at = ${now}, last_error = null
      where id = any(${sql.param(ids)}::bigint[]) and status = 'pending' returning id`),
  );
  // Only possible if something bypassed the lane lock; rolling back keeps "applied exactly once".
  if (done.length !== ids.length) throw new Error(`inbox: ${ids.length - done.length} of ${ids.length} events were no longer pending`);
}

export interface BatchOptions {
  max?: number; // events per transaction
  now?: () => Date;
}

/**
 * Applies the oldest ready events of the lanes it takes (up to `max`) in one transaction. If that fails, the same
 * events are applied one per transaction, so the bad one is found and counted and the rest still
 * commit; nothing is skipped. Returns how many events were handled (applied, or failed and counted).
 */
export async function processInboxBatch(db: Db, opts: BatchOptions = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  const max = Math.max(1, opts.max ?? DEFAULT_BATCH);
  let claimed: { id: number; lane: number }[] = [];
  try {
    return await db.transaction(async (tx) => {
      const wallNow = new Date();
      // A lane holds about 1/64 of a backlog: several lanes per batch keep batches full.
      const lanes = await claimLanes(tx, wallNow, max === 1 ? 1 : MAX_LANES_PER_BATCH);
      if (lanes.length === 0) return 0;
      const found = await readyEventsOfLanes(tx, lanes, max, wallNow);
      if (found.length === 0) return 0;
      claimed = found.map((f) => ({ id: f.event.id, lane: f.lane }));
      const events = found.map((f) => f.event);
      await projectInboxEvents(tx, events, now());
      await markDone(tx, events, now());
      return events.length;
    });
  } catch (err) {
    if (claimed.length === 0) throw err;
    if (claimed.length === 1) {
      await recordFailure(db, claimed[0].id, claimed[0].lane, err);
      return 1;
    }
    console.warn(
      `[inbox] a batch of ${claimed.length} failed (${err instanceof Error ? err.message : String(err)}); applying them one at a time`,
    );
    let handled = 0;
    for (const lane of new Set(claimed.map((c) => c.lane))) {
      const inLane = claimed.filter((c) => c.lane === lane).length;
      for (let k = 0; k < inLane; k++) {
        const n = await processOneOfLane(db, lane, now);
        if (n === 0) break;
        handled += n;
      }
    }
    return handled;
  }
}

/** The lane's oldest ready event on its own; a failure is counted (and retried later, or given up on). */
async function processOneOfLane(db: Db, lane: number, now: () => Date): Promise<number> {
  let event: InboxEvent | null = null;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LANE_LOCKS}, ${lane})`);
      [event] = (await readyEventsOfLanes(tx, [lane], 1, new Date())).map((f) => f.event);
      if (!event) return 0;
      await projectInboxEvent(tx, event, now());
      await markDone(tx, [event], now());
      return 1;
    });
  } catch (err) {
    const bad = event as InboxEvent | null;
    if (bad === null) throw err;
    await recordFailure(db, bad.id, lane, err);
    return 1;
  }
}

/** Counts a failed attempt so that one bad event can't block the queue. */
async function recordFailure(db: Db, id: number, lane: number, err: unknown): Promise<void> {
  const message = describeError(err); // the query's parameters (customer text) stay out of the log
  await db.transaction(async (tx) => {
    // Under the lane's lock, so no other worker retries it before its backoff is stored.
    await tx.execute(sql`select pg_advisory_xact_lock(${LANE_LOCKS}, ${lane})`);
    const [row] = rowsOf<{ attempts: number }>(await tx.execute(sql`select attempts from inbox_events where id = ${id}`));
    const attempts = Number(row?.attempts ?? 0) + 1;
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, null, { baseMs: 1_000, capMs: 60_000 }));
    await tx.execute(sql`update inbox_events set attempts = ${attempts}, last_error = ${message.slice(0, 1000)},
      status = ${attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'}, next_attempt_at = ${nextAttemptAt} where id = ${id} and status = 'pending'`);
    console.error(`[inbox] event ${id} failed (attempt ${attempts}): ${message}`);
  });
}

/**
 * One event now, by id, whatever its place in the queue (the sidebar applies the ticket event it has
 * just stored before answering). It still takes its lane, so no worker applies it at the same time.
 */
async function processInboxEventById(db: Db, id: number, now: () => Date = () => new Date()): Promise<boolean> {
  let lane: number | null = null;
  try {
    return await db.transaction(async (tx) => {
      const [found] = rowsOf<{ lane: number }>(
        await tx.execute(sql`select lane from inbox_events where id = ${id} and status = 'pending'`),
      );
      if (!found) return false;
      lane = Number(found.lane);
      await tx.execute(sql`select pg_advisory_xact_lock(${LANE_LOCKS}, ${lane})`);
      // Read again under the lock: a worker may have applied it while we waited.
      const [row] = rowsOf<Row>(await tx.execute(sql`select ${COLUMNS} from inbox_events e where e.id = ${id} and e.status = 'pending'`));
      if (!row) return false;
      const event = toEvent(row);
      await projectInboxEvent(tx, event, now());
      await markDone(tx, [event], now());
      return true;
    });
  } catch (err) {
    if (lane === null) throw err;
    await recordFailure(db, id, lane, err);
    return true;
  }
}

/** Kept for callers that apply one event: the oldest ready one, or the given one. */
export async function processNextInboxEvent(db: Db, now: () => Date = () => new Date(), onlyId?: number): Promise<boolean> {
  if (onlyId !== undefined) return processInboxEventById(db, onlyId, now);
  return (await processInboxBatch(db, { max: 1, now })) > 0;
}

/** Drains the inbox until nothing is ready (or the budget runs out). Returns how many were handled. */
export async function drainInbox(db: Db, budget = 10_000, now?: () => Date, opts: { max?: number } = {}): Promise<number> {
  let handled = 0;
  while (handled < budget) {
    const n = await processInboxBatch(db, { max: Math.min(opts.max ?? DEFAULT_BATCH, budget - handled), now });
    if (n === 0) break;
    handled += n;
  }
  return handled;
}
