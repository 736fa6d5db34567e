import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { customerHistory } from '@/lib/db/schema';
import { effectPayloads } from '@/lib/outbox/effect-kinds';
import type { GorgiasClient } from '@/lib/integrations/gorgias/client';

// Effect 'gorgias.fetch_customer_history': on first sight of a customer in a shop, read their
// recent Gorgias tickets so the sidebar's "previous conversations" has history from day one.
//
// Cost, against Gorgias's limit of 40 requests per 20 s for an API key (history-payloads.ts): at
// most 2 + HISTORY_TICKETS = 7 calls per customer (find the customer when the event had no id,
// list their tickets, one first message per ticket the list did not carry). The effects of one shop
// run one at a time (serial key), a 429 is retried after Gorgias's Retry-After by the outbox, and
// when Gorgias's X-Gorgias-Account-Api-Call-Limit header says the bucket is nearly full, the
// remaining first messages are skipped (the tickets are still stored) so agents' own calls (replies,
// tags) keep their room.

export const FETCH_CUSTOMER_HISTORY = 'gorgias.fetch_customer_history';

/** The payload, as written by queueCustomerHistory and read by the executor (its schema is in the effect registry). */
export const fetchCustomerHistoryPayload = effectPayloads[FETCH_CUSTOMER_HISTORY];
export type FetchCustomerHistoryPayload = z.infer<typeof fetchCustomerHistoryPayload>;

/** Earlier tickets read per customer: what the sidebar shows, and a bounded number of calls. */
const HISTORY_TICKETS = 5;
/** Calls left in Gorgias's bucket below which excerpts are skipped. */
const CALL_RESERVE = 10;
const EXCERPT_CHARS = 300;

export interface FetchCustomerHistoryResult {
  customerId: string | null;
  tickets: number;
  excerpts: number;
  calls: number;
  skippedExcerpts: number; // left out to keep Gorgias's rate limit for agents
}

export async function fetchCustomerHistory(
  db: Db,
  gorgias: GorgiasClient,
  shopId: string,
  raw: unknown,
  now: Date,
): Promise<FetchCustomerHistoryResult> {
  const parsed = fetchCustomerHistoryPayload.safeParse(raw);
  if (!parsed.success) throw new Error(`gorgias.fetch_customer_history: bad payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const p = parsed.data;
  let calls = 0;
  const customerId = p.gorgiasCustomerId ?? (calls++, await gorgias.findCustomerId(p.email));
  if (!customerId) return { customerId: null, tickets: 0, excerpts: 0, calls, skippedExcerpts: 0 };

  calls++;
  const listed = await gorgias.listCustomerTickets(customerId, HISTORY_TICKETS + 1);
  let budget = listed.callLimit;
  const earlier = listed.tickets.filter((t) => t.id !== p.ticketId && !t.spam).slice(0, HISTORY_TICKETS);

  let excerpts = 0;
  let skipped = 0;
  for (const t of earlier) {
    let first = t.firstMessage;
    if (!first) {
      if (budget && budget.limit - budget.used <= CALL_RESERVE) {
        skipped++;
      } else {
        calls++;
        const got = await gorgias.firstMessage(t.id);
        first = got.message;
        budget = got.callLimit ?? budget;
      }
    }
    const excerpt = first ? excerptOf(first.bodyText) : null;
    if (excerpt) excerpts++;
    await db
      .insert(customerHistory)
      .values({
        shopId,
        customerEmail: p.email,
        gorgiasTicketId: t.id,
        subject: t.subject,
        status: t.status,
        channel: t.channel,
        gorgiasCreatedAt: t.createdAt,
        excerpt,
        fetchedAt: now,
      })
      .onConflictDoUpdate({
        target: [customerHistory.shopId, customerHistory.customerEmail, customerHistory.gorgiasTicketId],
        // A retry after a 429 may have fewer excerpts than the first try: never drop one already read.
        set: {
          subject: t.subject,
          status: t.status,
          channel: t.channel,
          gorgiasCreatedAt: t.createdAt,
          excerpt: sql`coalesce(excluded.excerpt, ${customerHistory.excerpt})`,
          fetchedAt: now,
        },
      });
  }
  return { customerId, tickets: earlier.length, excerpts, calls, skippedExcerpts: skipped };
}

/** The first lines of a message as one line of plain text. */
function excerptOf(body: string): string | null {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`;
}
