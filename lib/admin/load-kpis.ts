import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf, textArray } from '@/lib/db/rows';
import { fulfillments, issues, klaviyoProfiles, qaReviews, tickets } from '@/lib/db/schema';
import { recentBuckets, shipmentSeries, ticketSeries, type KpiTicket, type KpiView } from '@/lib/domain/kpis';
import { isoWeekOf } from '@/lib/domain/qa-sample';
import { tally } from '@/lib/domain/qa-results';
import { ticketCreated, ticketStore } from '@/lib/review/load-qa-week';
import { postResolutionKpis } from '@/lib/domain/post-resolution';

/** An order within this many days of a resolution counts as a post-resolution conversion. */
export const POST_RESOLUTION_WINDOW_DAYS = 30;

// Queries behind /admin/kpis for one store; the arithmetic is in lib/domain/kpis.ts.

export async function loadKpis(db: Db, input: { shopId: string; view: KpiView; now: Date }) {
  const buckets = recentBuckets(input.now, input.view);
  const since = buckets[0].start.toISOString();

  const ticketRows = await db
    .select({
      id: tickets.gorgiasTicketId,
      intent: tickets.intent,
      createdAt: sql<Date | string>`${ticketCreated}`,
      firstResponseAt: tickets.firstResponseAt,
      closedAt: tickets.closedAt,
      reopenCount: tickets.reopenCount,
      decision: sql<string | null>`${tickets.verdict}->>'decision'`,
    })
    .from(tickets)
    .where(and(sql`${ticketStore} = ${input.shopId}`, sql`${ticketCreated} >= ${since}::timestamptz`));
  const kpiTickets: KpiTicket[] = ticketRows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    decision: r.decision === 'automate' || r.decision === 'human_review' ? r.decision : null,
  }));

  const shipmentRows = await db
    .select({ createdAt: fulfillments.shopifyCreatedAt, healthState: fulfillments.healthState })
    .from(fulfillments)
    .where(and(eq(fulfillments.shopId, input.shopId), sql`${fulfillments.shopifyCreatedAt} >= ${since}::timestamptz`));
  const [health] = rowsOf<{ delayed: number; exception: number }>(
    await db.execute(
      sql`select count(*) filter (where health_state = 'delayed')::int as delayed, count(*) filter (where health_state = 'exception')::int as exception from ${fulfillments} where shop_id = ${input.shopId}`,
    ),
  );

  const [suppressedRow] = await db
    .select({ n: sql<number>`count(*) filter (where ${klaviyoProfiles.suppressed})::int`, profiles: sql<number>`count(*)::int` })
    .from(klaviyoProfiles)
    .where(eq(klaviyoProfiles.shopId, input.shopId));
  const [openIssueRow] = await db
    .select({ n: sql<number>`count(distinct ${issues.customerEmail})::int` })
    .from(issues)
    .where(and(eq(issues.shopId, input.shopId), eq(issues.status, 'open'), sql`${issues.customerEmail} is not null`));

  // Automation accuracy comes from the weekly QA of automated WISMO replies.
  const firstWeek = isoWeekOf(buckets[0].start);
  const qaRows = await db
    .select({ week: qaReviews.week, verdict: qaReviews.verdict })
    .from(qaReviews)
    .where(and(eq(qaReviews.shopId, input.shopId), eq(qaReviews.kind, 'wismo_automation'), sql`${qaReviews.week} >= ${firstWeek}`));
  const qaWeeks = [...new Set(qaRows.map((r) => r.week))].sort();

  // Post-resolution conversion and review requests: issues resolved in the period (old enough to
  // have had their window), the customer's later orders, and the review-eligible events queued.
  const resolvedRows = rowsOf<{ key: string; intent: string | null; kind: string; email: string; resolved_at: Date | string }>(
    await db.execute(sql`select i.key, t.intent, i.kind, i.customer_email as email, i.resolved_at from ${issues} i
      left join ${tickets} t on t.gorgias_ticket_id = i.ticket_id and coalesce(t.matched_shop_id, t.shop_id) = i.shop_id
      where i.shop_id = ${input.shopId} and i.status = 'resolved' and i.resolved_at >= ${since}::timestamptz and i.customer_email is not null and i.opened_at is not null`),
  );
  const emails = [...new Set(resolvedRows.map((r) => r.email))];
  const laterOrders = emails.length
    ? rowsOf<{ email: string; name: string; created_at: Date | string }>(
        await db.execute(
          sql`select email, name, shopify_created_at as created_at from orders where shop_id = ${input.shopId} and cancelled_at is null and email = any(${textArray(emails)}) and shopify_created_at >= ${since}::timestamptz`,
        ),
      )
    : [];
  const reviewRows = rowsOf<{ email: string; order_name: string; at: Date | string }>(
    await db.execute(
      sql`select payload->>'email' as email, payload->>'orderName' as order_name, created_at as at from outbox where shop_id = ${input.shopId} and kind = 'klaviyo.review_eligible' and created_at >= ${since}::timestamptz`,
    ),
  );
  const postResolution = postResolutionKpis({
    resolved: resolvedRows.map((r) => ({ key: r.key, intent: r.intent ?? r.kind, email: r.email, resolvedAt: new Date(r.resolved_at) })),
    orders: laterOrders.map((o) => ({ email: o.email, name: o.name, createdAt: new Date(o.created_at) })),
    reviews: reviewRows.map((r) => ({ email: r.email, orderName: r.order_name, at: new Date(r.at) })),
    windowDays: POST_RESOLUTION_WINDOW_DAYS,
    now: input.now,
  });

  return {
    view: input.view,
    postResolution,
    tickets: ticketSeries(kpiTickets, buckets, input.view),
    shipments: {
      ...shipmentSeries(shipmentRows, buckets, input.view),
      delayedNow: Number(health?.delayed ?? 0),
      exceptionNow: Number(health?.exception ?? 0),
    },
    suppression: {
      klaviyoSuppressed: Number(suppressedRow?.n ?? 0),
      klaviyoProfiles: Number(suppressedRow?.profiles ?? 0),
      withOpenIssues: Number(openIssueRow?.n ?? 0),
    },
    qa: { total: tally(qaRows), weeks: qaWeeks.map((week) => ({ week, ...tally(qaRows.filter((r) => r.week === week)) })) },
  };
}
