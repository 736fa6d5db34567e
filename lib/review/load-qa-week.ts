import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { actions, drafts, issues, klaviyoProfiles, outbox, qaReviews, suppressionOverrides, tickets } from '@/lib/db/schema';
import { isoWeekRange, QA_SAMPLE_SIZE, qaSeed, sampleForReview } from '@/lib/domain/qa-sample';
import { summarizeQaWeeks, type QaKind } from '@/lib/domain/qa-results';
import { suppressionFindings, type SuppressionCustomer, type SuppressionFinding } from '@/lib/domain/qa-suppression';
import type { Verdict } from '@/lib/domain/types';
import { issueRecordFromRow } from '@/lib/ticket-context/row-mappers';
import { staleIssues, type StaleIssue } from '@/lib/domain/stale-issues';
import { getSettings } from '@/lib/settings/settings-store';
import { intentDisagreement, type IntentDisagreement } from '@/lib/domain/intent/gorgias-disagreement';
import type { Intent } from '@/lib/domain/types';

// Everything /admin/qa shows for one store and one ISO week. A ticket belongs to the store it was
// matched to (falling back to the helpdesk's store), and to the week Gorgias created it in.

export const ticketStore = sql`coalesce(${tickets.matchedShopId}, ${tickets.shopId})`;
export const ticketCreated = sql`coalesce(${tickets.gorgiasCreatedAt}, ${tickets.createdAt})`;
/** The suppression list can be long; the page shows this many and says how many there are. */
export const SUPPRESSION_FINDINGS_SHOWN = 100;

export interface QaReviewState {
  verdict: 'correct' | 'wrong';
  note: string | null;
  reviewer: string;
  at: Date;
}

export interface QaTicketItem {
  key: string; // ticket:<gorgias id>
  ticketId: string;
  subject: string | null;
  customerEmail: string | null;
  createdAt: Date;
  status: string;
  reopenCount: number;
  verdict: Verdict | null;
  draft: { id: number; status: string; output: string } | null;
  overrides: { kind: string; reason: string | null; actor: string | null; at: Date }[];
  review: QaReviewState | null;
}

export interface QaSuppressionItem extends SuppressionFinding {
  key: string; // customer:<email>
  sync: 'pending' | 'dead' | null;
  review: QaReviewState | null;
}

export async function loadQaWeek(db: Db, input: { shopId: string; week: string; now: Date }) {
  const { start, end } = isoWeekRange(input.week);
  const reviewRows = await db
    .select()
    .from(qaReviews)
    .where(and(eq(qaReviews.shopId, input.shopId), eq(qaReviews.week, input.week)));
  const reviewOf = (kind: QaKind, key: string): QaReviewState | null => {
    const r = reviewRows.find((x) => x.kind === kind && x.itemKey === key);
    return r ? { verdict: r.verdict as 'correct' | 'wrong', note: r.note, reviewer: r.reviewer, at: r.createdAt } : null;
  };
  const inWeek = and(
    sql`${ticketStore} = ${input.shopId}`,
    sql`${ticketCreated} >= ${start.toISOString()}::timestamptz`,
    sql`${ticketCreated} < ${end.toISOString()}::timestamptz`,
  );

  // (a) Automated WISMO resolutions: the verdict automated it, or a draft went out (or would have, in shadow mode) without an agent.
  const wismo = await db
    .select()
    .from(tickets)
    .where(
      and(
        inWeek,
        eq(tickets.intent, 'wismo'),
        sql`(${tickets.verdict}->>'decision' = 'automate' or exists (select 1 from ${drafts} d where d.ticket_id = ${tickets.gorgiasTicketId} and d.shop_id = ${ticketStore} and d.status in ('auto_sent', 'shadow')))`,
      ),
    );
  const wismoKeep = new Set(reviewRows.filter((r) => r.kind === 'wismo_automation').map((r) => r.itemKey));
  const sample = sampleForReview(wismo, (t) => `ticket:${t.gorgiasTicketId}`, qaSeed(input.shopId, input.week), QA_SAMPLE_SIZE, wismoKeep);

  // (b) Return and cancellation routing the automation got wrong: an agent acted against it, or the customer came back.
  const routed = await db
    .select()
    .from(tickets)
    .where(
      and(
        inWeek,
        sql`${tickets.verdict}->>'decision' = 'automate'`,
        sql`${tickets.verdict}->>'nextStep' in ('create_return', 'cancel_order')`,
        sql`(${tickets.reopenCount} > 0 or exists (select 1 from ${actions} a where a.ticket_id = ${tickets.gorgiasTicketId} and a.shop_id = ${ticketStore} and a.overridden))`,
      ),
    )
    .orderBy(sql`${ticketCreated} desc`);

  const ticketIds = [...sample, ...routed].map((t) => t.gorgiasTicketId);
  const [draftRows, overrideRows] = ticketIds.length
    ? await Promise.all([
        db
          .select({ id: drafts.id, ticketId: drafts.ticketId, status: drafts.status, output: drafts.output, shopId: drafts.shopId })
          .from(drafts)
          .where(and(eq(drafts.shopId, input.shopId), inArray(drafts.ticketId, ticketIds)))
          .orderBy(desc(drafts.createdAt)),
        db
          .select()
          .from(actions)
          .where(and(eq(actions.shopId, input.shopId), inArray(actions.ticketId, ticketIds), eq(actions.overridden, true)))
          .orderBy(desc(actions.createdAt)),
      ])
    : [[], []];
  const toItem =
    (kind: QaKind) =>
    (t: typeof tickets.$inferSelect): QaTicketItem => {
      const key = `ticket:${t.gorgiasTicketId}`;
      const mine = draftRows.filter((d) => d.ticketId === t.gorgiasTicketId);
      const draft = mine.find((d) => d.status === 'auto_sent' || d.status === 'shadow') ?? mine[0] ?? null;
      return {
        key,
        ticketId: t.gorgiasTicketId,
        subject: t.subject,
        customerEmail: t.customerEmail,
        createdAt: t.gorgiasCreatedAt ?? t.createdAt,
        status: t.status,
        reopenCount: t.reopenCount,
        verdict: t.verdict as Verdict | null,
        draft: draft ? { id: draft.id, status: draft.status, output: draft.output } : null,
        overrides: overrideRows
          .filter((a) => a.ticketId === t.gorgiasTicketId)
          .map((a) => ({ kind: a.kind, reason: a.overrideReason, actor: a.actorId, at: a.createdAt })),
        review: reviewOf(kind, key),
      };
    };

  // (c) Suppression: what Klaviyo was last told against what the issues and overrides say now.
  const suppression = await loadSuppressionFindings(db, input.shopId, input.now);
  const suppressionItems: QaSuppressionItem[] = suppression.findings.slice(0, SUPPRESSION_FINDINGS_SHOWN).map((f) => {
    const key = `customer:${f.email}`;
    return { ...f, key, sync: suppression.syncState.get(f.email) ?? null, review: reviewOf('suppression', key) };
  });

  // (d) Issues open longer than the threshold with no activity: each keeps a customer suppressed.
  const staleDays = (await getSettings(db, input.shopId)).qa.staleIssueDays;
  const cutoff = new Date(input.now.getTime() - staleDays * 86_400_000);
  const staleRows = await db
    .select()
    .from(issues)
    .where(
      and(
        eq(issues.shopId, input.shopId),
        eq(issues.status, 'open'),
        sql`${issues.openedAt} < ${cutoff.toISOString()}::timestamptz`,
        sql`${issues.lastSignalAt} < ${cutoff.toISOString()}::timestamptz`,
      ),
    );
  const stale: StaleIssue[] = staleIssues(
    staleRows.map((r) => ({ ...issueRecordFromRow(r), customerEmail: r.customerEmail })),
    input.now,
    staleDays,
  );

  // (f) Tickets where Gorgias's own intent and Concord's disagree (20.6): one of the two is wrong.
  const classified = await db
    .select({
      ticketId: tickets.gorgiasTicketId,
      subject: tickets.subject,
      intent: tickets.intent,
      reasons: tickets.intentReasons,
      tags: tickets.tags,
      decidedBy: tickets.intentDecidedBy,
    })
    .from(tickets)
    .where(and(inWeek, sql`${tickets.intent} is not null`))
    .orderBy(sql`${ticketCreated} desc`);
  const intentDisagreements: ({ ticketId: string; subject: string | null; corrected: boolean } & IntentDisagreement)[] = classified.flatMap(
    (t) => {
      const d = intentDisagreement(t.intent as Intent, t.reasons ?? [], t.tags ?? []);
      return d ? [{ ticketId: t.ticketId, subject: t.subject, corrected: t.decidedBy === 'agent', ...d }] : [];
    },
  );

  // (e) Results week by week.
  const allReviews = await db
    .select({ week: qaReviews.week, kind: qaReviews.kind, verdict: qaReviews.verdict })
    .from(qaReviews)
    .where(eq(qaReviews.shopId, input.shopId));

  return {
    week: input.week,
    range: { start, end },
    wismo: { candidates: wismo.length, items: sample.map(toItem('wismo_automation')) },
    routing: { items: routed.map(toItem('routing_false_positive')) },
    suppression: { total: suppression.findings.length, items: suppressionItems },
    stale: { thresholdDays: staleDays, items: stale },
    intentDisagreements,
    history: summarizeQaWeeks(allReviews),
  };
}

async function loadSuppressionFindings(
  db: Db,
  shopId: string,
  now: Date,
): Promise<{ findings: SuppressionFinding[]; syncState: Map<string, 'pending' | 'dead'> }> {
  const profiles = await db.select().from(klaviyoProfiles).where(eq(klaviyoProfiles.shopId, shopId));
  if (profiles.length === 0) return { findings: [], syncState: new Map() };
  const emails = sql`(select customer_email from ${klaviyoProfiles} where shop_id = ${shopId})`;
  const [issueRows, overrideRows, syncRows] = await Promise.all([
    db
      .select()
      .from(issues)
      .where(and(eq(issues.shopId, shopId), sql`${issues.customerEmail} in ${emails}`)),
    db
      .select()
      .from(suppressionOverrides)
      .where(and(eq(suppressionOverrides.shopId, shopId), sql`${suppressionOverrides.customerEmail} in ${emails}`)),
    db.execute(
      sql`select serial_key, bool_or(status in ('pending', 'running')) as pending, bool_or(status = 'dead') as dead from ${outbox} where kind = 'klaviyo.sync_profile' and serial_key like ${`klaviyo:${shopId}:%`} and status in ('pending', 'running', 'dead') group by serial_key`,
    ),
  ]);
  const customers: SuppressionCustomer[] = profiles.map((p) => ({
    email: p.customerEmail,
    klaviyoSuppressed: p.suppressed,
    pushedAt: p.pushedAt,
    issues: issueRows.filter((i) => i.customerEmail === p.customerEmail).map(issueRecordFromRow),
    overrides: overrideRows
      .filter((o) => o.customerEmail === p.customerEmail)
      .map((o) => ({
        mode: o.mode as 'suppress' | 'release',
        reason: o.reason,
        expiresAt: o.expiresAt,
        createdAt: o.createdAt,
        actor: o.actor,
      })),
  }));
  const prefix = `klaviyo:${shopId}:`;
  const syncState = new Map<string, 'pending' | 'dead'>();
  for (const r of rowsOf<{ serial_key: string; pending: boolean; dead: boolean }>(syncRows)) {
    syncState.set(r.serial_key.slice(prefix.length), r.pending ? 'pending' : 'dead');
  }
  return { findings: suppressionFindings(customers, now), syncState };
}
