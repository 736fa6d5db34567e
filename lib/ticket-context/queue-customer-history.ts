import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { tickets } from '@/lib/db/schema';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { FETCH_CUSTOMER_HISTORY, type FetchCustomerHistoryPayload } from './fetch-customer-history';

/**
 * On first sight of a customer in a shop (no other ticket for this email there), queues one read
 * of their earlier Gorgias tickets, in the caller's transaction. Once per shop and email (the
 * idempotency key), and one shop's reads run one after another (the serial key), so a flood of new
 * customers cannot spend Gorgias's rate limit in one burst.
 */
export async function queueCustomerHistory(
  tx: Db,
  input: { shopId: string; ticketId: string; email: string | null; gorgiasCustomerId: string | null },
): Promise<boolean> {
  const email = input.email?.trim().toLowerCase();
  if (!email) return false;
  const [seen] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.shopId, input.shopId),
        eq(tickets.customerEmail, email) /* stored lower-cased (lib/domain/contact.ts) */,
        ne(tickets.gorgiasTicketId, input.ticketId),
      ),
    )
    .limit(1);
  if (seen) return false;
  const payload: FetchCustomerHistoryPayload = { email, gorgiasCustomerId: input.gorgiasCustomerId, ticketId: input.ticketId };
  return enqueueEffect(tx, {
    shopId: input.shopId,
    kind: FETCH_CUSTOMER_HISTORY,
    payload,
    idempotencyKey: `customer-history:${input.shopId}:${email}`,
    serialKey: `gorgias-history:${input.shopId}`,
    maxAttempts: 6,
  });
}
