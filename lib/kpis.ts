import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { fulfillments, issues, klaviyoProfiles, qaReviews, tickets } from '@/lib/db/schema';
import { recentBuckets, shipmentSeries, ticketSeries, type KpiTicket, type KpiView } from '@/lib/domain/kpis';
import { isoWeekOf } from '@/lib/domain/qa-sample';
import { tally } from '@/lib/domain/qa-results';
import { ticketCreated, ticketStore } from '@/lib/qa-week';

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
    await db.execute(sql`select count(*) filter (where health_state = 'delayed')::int as delayed, count(*) filter (where health_state = 'exception')::int as exception from ${fulfillments} where shop_id = ${input.shopId}`),
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

  return {
    view: input.view,
    tickets: ticketSeries(kpiTickets, buckets, input.view),
    shipments: { ...shipmentSeries(shipmentRows, buckets, input.view), delayedNow: Number(health?.delayed ?? 0), exceptionNow: Number(health?.exception ?? 0) },
    suppression: { klaviyoSuppressed: Number(suppressedRow?.n ?? 0), klaviyoProfiles: Number(suppressedRow?.profiles ?? 0), withOpenIssues: Number(openIssueRow?.n ?? 0) },
    qa: { total: tally(qaRows), weeks: qaWeeks.map((week) => ({ week, ...tally(qaRows.filter((r) => r.week === week)) })) },
  };
}

export type Kpis = Awaited<ReturnType<typeof loadKpis>>;
