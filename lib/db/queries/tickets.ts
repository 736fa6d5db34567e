import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { tickets } from '@/lib/db/schema';
import type { ClosedTicket } from '@/lib/domain/case-closure';

// The tickets table: Gorgias tickets as projected, with the customer and order they were matched to.

/** Closed tickets matched to these orders of a store, by order, in one statement. */
export async function findClosedTicketsOfOrders(db: Db, shopId: string, orderIds: string[]): Promise<Map<string, ClosedTicket[]>> {
  const out = new Map<string, ClosedTicket[]>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .select({ id: tickets.gorgiasTicketId, closedAt: tickets.closedAt, orderId: tickets.matchedOrderId })
    .from(tickets)
    .where(
      and(
        or(eq(tickets.matchedShopId, shopId), eq(tickets.shopId, shopId)),
        inArray(tickets.matchedOrderId, orderIds),
        eq(tickets.status, 'closed'),
        isNotNull(tickets.closedAt),
      ),
    );
  for (const r of rows) (out.get(r.orderId!) ?? out.set(r.orderId!, []).get(r.orderId!)!).push({ id: r.id, closedAt: r.closedAt! });
  return out;
}
