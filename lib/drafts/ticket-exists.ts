import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { tickets } from '@/lib/db/schema';

/** A valid link for a ticket Concord has never seen is answered 404, not with an empty widget. */
export async function ticketExists(db: Db, key: { shopId: string; ticketId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: tickets.gorgiasTicketId })
    .from(tickets)
    .where(and(eq(tickets.shopId, key.shopId), eq(tickets.gorgiasTicketId, key.ticketId)))
    .limit(1);
  return Boolean(row);
}
