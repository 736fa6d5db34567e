import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customers, issues, orders, refunds } from '@/lib/db/schema';
import { detectGoodwillRequest } from '@/lib/domain/goodwill';
import { decidePolicy } from '@/lib/domain/policy/decide';
import type { Settings } from '@/lib/domain/settings';
import type { Classification, Verdict } from '@/lib/domain/types';
import { isVip } from '@/lib/domain/vip';
import type { TicketMatch } from '@/lib/domain/ticket-match';
import type { OrderBundle } from '@/lib/ticket-context/load-order-bundle';
import { customerFromRow } from '@/lib/ticket-context/row-mappers';

export interface CustomerFacts {
  vip: boolean;
  refundsInWindow: number;
  openIssueCount: number;
}

/** The facts about a customer that the policy needs, read from the read model. */
async function loadCustomerFacts(
  db: Db,
  shopId: string,
  match: Pick<TicketMatch, 'customerShopifyId' | 'customerEmails'>,
  settings: Settings,
  now: Date,
): Promise<CustomerFacts> {
  let vip = false;
  if (match.customerShopifyId) {
    const [row] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.shopId, shopId), eq(customers.shopifyCustomerId, match.customerShopifyId)))
      .limit(1);
    if (row) vip = isVip(customerFromRow(row), settings);
  }
  const since = new Date(now.getTime() - settings.refunds.repeatWindowDays * 86_400_000);
  const ownOrders = db
    .select({ id: orders.shopifyOrderId })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, shopId),
        sql`(${match.customerShopifyId ? sql`${orders.customerShopifyId} = ${match.customerShopifyId}` : sql`false`} or ${match.customerEmails.length ? inArray(orders.email, match.customerEmails) : sql`false`})`,
      ),
    );
  const [refundCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(refunds)
    .where(and(eq(refunds.shopId, shopId), inArray(refunds.orderId, ownOrders), gte(refunds.shopifyCreatedAt, since)));
  const [issueCount] = match.customerEmails.length
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(issues)
        .where(and(eq(issues.shopId, shopId), eq(issues.status, 'open'), inArray(issues.customerEmail, match.customerEmails)))
    : [{ n: 0 }];
  return { vip, refundsInWindow: Number(refundCount?.n ?? 0), openIssueCount: Number(issueCount?.n ?? 0) };
}

export async function evaluateTicketPolicy(
  db: Db,
  input: {
    shopId: string;
    classification: Classification;
    bundle: OrderBundle | null;
    match: TicketMatch;
    message: string;
    photoCount: number;
    settings: Settings;
    now: Date;
  },
): Promise<{ verdict: Verdict; facts: CustomerFacts }> {
  const facts = await loadCustomerFacts(db, input.shopId, input.match, input.settings, input.now);
  const verdict = decidePolicy(
    {
      intent: input.classification.intent,
      message: input.message,
      order: input.bundle?.order ?? null,
      fulfillments: input.bundle?.fulfillments ?? [],
      events: input.bundle?.events ?? [],
      refunds: input.bundle?.refunds ?? [],
      returns: input.bundle?.returns ?? [],
      customer: facts,
      evidence: { photoCount: input.photoCount },
      // A discount, credit or "make it right" request is a person's call, whatever the intent.
      requestedGoodwill: detectGoodwillRequest(input.message).requested,
    },
    input.settings,
    input.now,
  );
  return { verdict, facts };
}
