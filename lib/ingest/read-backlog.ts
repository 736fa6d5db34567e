import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { backfillsInProgress, type BackfillProgress } from '@/lib/shopify-sync/reconcile-shop';

export interface Backlog {
  inbox: { pending: number; failed: number; oldestPendingAgeS: number | null; appliedLastMinute: number; drainPerSecond: number };
  outbox: { open: number; dead: number; oldestOpenAgeS: number | null; finishedLastMinute: number; drainPerSecond: number };
  /** Backfills (first reconciliation) running in this process, page by page. */
  backfills: BackfillProgress[];
}

/**
 * How far behind projection and effects are: depth, the age of the oldest waiting item and what was
 * finished in the last minute (every count reads a partial index, so this stays cheap with a big
 * history). Ages and rates use the database clock, so several instances agree.
 */
export async function readBacklog(db: Db): Promise<Backlog> {
  const [r] = rowsOf<Record<string, number | string | null>>(
    await db.execute(sql`select
      (select count(*) from inbox_events where status = 'pending')::int as inbox_pending,
      (select count(*) from inbox_events where status = 'failed')::int as inbox_failed,
      (select extract(epoch from now() - min(received_at)) from inbox_events where status = 'pending')::float8 as inbox_oldest,
      (select count(*) from inbox_events where processed_at > now() - interval '60 seconds')::int as inbox_minute,
      (select count(*) from outbox where status in ('pending', 'running'))::int as outbox_open,
      (select count(*) from outbox where status = 'dead')::int as outbox_dead,
      (select extract(epoch from now() - min(created_at)) from outbox where status in ('pending', 'running'))::float8 as outbox_oldest,
      (select count(*) from outbox where completed_at > now() - interval '60 seconds')::int as outbox_minute`),
  );
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  const age = (v: number | string | null | undefined) =>
    v === null || v === undefined ? null : Math.max(0, Math.round(Number(v) * 10) / 10);
  return {
    inbox: {
      pending: n(r.inbox_pending),
      failed: n(r.inbox_failed),
      oldestPendingAgeS: age(r.inbox_oldest),
      appliedLastMinute: n(r.inbox_minute),
      drainPerSecond: Math.round((n(r.inbox_minute) / 60) * 10) / 10,
    },
    outbox: {
      open: n(r.outbox_open),
      dead: n(r.outbox_dead),
      oldestOpenAgeS: age(r.outbox_oldest),
      finishedLastMinute: n(r.outbox_minute),
      drainPerSecond: Math.round((n(r.outbox_minute) / 60) * 10) / 10,
    },
    backfills: backfillsInProgress(),
  };
}
