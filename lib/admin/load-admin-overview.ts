import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { inboxEvents, outbox } from '@/lib/db/schema';
import { readBacklog } from '@/lib/ingest/read-backlog';

/** The operational picture for admins: backlog, dead letters, failed inbox events. */
export async function loadAdminOverview(db: Db) {
  const outboxCounts = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`select status, count(*)::int as n from outbox group by status`),
  );
  const inboxCounts = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`select status, count(*)::int as n from inbox_events group by status`),
  );
  const [oldestPending] = rowsOf<{ at: Date | string | null }>(
    await db.execute(sql`select min(created_at) as at from outbox where status in ('pending', 'running')`),
  );
  const dead = await db.select().from(outbox).where(eq(outbox.status, 'dead')).orderBy(desc(outbox.id)).limit(50);
  const retrying = await db
    .select()
    .from(outbox)
    .where(sql`${outbox.status} in ('pending', 'running') and ${outbox.attempts} > 0`)
    .orderBy(desc(outbox.id))
    .limit(20);
  const failedInbox = await db
    .select({
      id: inboxEvents.id,
      topic: inboxEvents.topic,
      source: inboxEvents.source,
      lastError: inboxEvents.lastError,
      attempts: inboxEvents.attempts,
      receivedAt: inboxEvents.receivedAt,
    })
    .from(inboxEvents)
    .where(eq(inboxEvents.status, 'failed'))
    .orderBy(desc(inboxEvents.id))
    .limit(20);
  const recorded = await db
    .select()
    .from(outbox)
    .where(sql`${outbox.status} in ('recorded', 'shadow')`)
    .orderBy(desc(outbox.id))
    .limit(15);
  const backlog = await readBacklog(db);
  const toMap = (rows: { status: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return {
    outbox: toMap(outboxCounts),
    inbox: toMap(inboxCounts),
    oldestPendingAt: oldestPending?.at ? new Date(oldestPending.at) : null,
    dead,
    retrying,
    failedInbox,
    recorded,
    backlog,
  };
}
