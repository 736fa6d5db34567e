import { eq, sql } from 'drizzle-orm';
import { describeError } from '@/lib/runtime/describe-error';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { inboxEvents } from '@/lib/db/schema';
import { retryDelayMs } from '@/lib/domain/backoff';
import { projectShopifyEvent } from '@/lib/project/shopify';
import { projectGorgiasEvent } from '@/lib/project/gorgias';

export interface InboxEvent {
  id: number;
  source: string;
  shopId: string;
  topic: string;
  eventId: string;
  triggeredAt: Date | null;
  body: string;
  receivedAt: Date;
}

const MAX_ATTEMPTS = 5;

/**
 * `now` is the projection's clock (shipment health, issue timestamps); it can be frozen in tests.
 * Scheduling (when an event is due, when to retry) always runs on the wall clock, because
 * receipt stamps `next_attempt_at` with it: a frozen clock in the past must never hide new events.
 *
 * Projects the oldest due inbox event in one transaction: the read-model change, its audit
 * entries and its outbox effects commit together with the "done" mark, so a crash at any point
 * either redoes the whole event or none of it. Returns false when nothing is due.
 */
export async function processNextInboxEvent(db: Db, now: () => Date = () => new Date(), onlyId?: number): Promise<boolean> {
  let claimedId: number | null = null;
  try {
    return await db.transaction(async (tx) => {
      const [row] = rowsOf<{
        id: number; source: string; shop_id: string; topic: string; event_id: string; triggered_at: Date | string | null; body: string; received_at: Date | string;
      }>(
        await tx.execute(sql`
          select id, source, shop_id, topic, event_id, triggered_at, body, received_at from inbox_events
          where status = 'pending' and ${onlyId === undefined ? sql`next_attempt_at <= ${new Date()}` : sql`id = ${onlyId}`}
          order by id limit 1 for update skip locked`),
      );
      if (!row) return false;
      claimedId = Number(row.id);
      const event: InboxEvent = {
        id: claimedId, source: row.source, shopId: row.shop_id, topic: row.topic, eventId: row.event_id,
        triggeredAt: row.triggered_at ? new Date(row.triggered_at) : null, body: row.body, receivedAt: new Date(row.received_at),
      };
      if (event.source === 'shopify') await projectShopifyEvent(tx, event, now());
      else if (event.source === 'gorgias') await projectGorgiasEvent(tx, event, now());
      await tx.update(inboxEvents).set({ status: 'done', processedAt: now(), lastError: null }).where(eq(inboxEvents.id, claimedId));
      return true;
    });
  } catch (err) {
    if (claimedId === null) throw err;
    // The projection rolled back; count the failure so one bad event can't block the queue.
    const message = describeError(err);
    const [row] = await db.select({ attempts: inboxEvents.attempts }).from(inboxEvents).where(eq(inboxEvents.id, claimedId));
    const attempts = (row?.attempts ?? 0) + 1;
    await db
      .update(inboxEvents)
      .set({
        attempts,
        lastError: message.slice(0, 1000),
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts, null, { baseMs: 1_000, capMs: 60_000 })),
      })
      .where(eq(inboxEvents.id, claimedId));
    console.error(`[inbox] event ${claimedId} failed (attempt ${attempts}): ${message}`);
    return true;
  }
}

/** Drains the inbox until nothing is due (or the budget runs out). Returns how many were handled. */
export async function drainInbox(db: Db, budget = 10_000, now?: () => Date): Promise<number> {
  let handled = 0;
  while (handled < budget && (await processNextInboxEvent(db, now))) handled++;
  return handled;
}
