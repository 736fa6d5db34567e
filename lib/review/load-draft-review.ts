import { and, asc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { drafts, messages, teachExamples, tickets } from '@/lib/db/schema';
import { parseVersionLabel, toReviewItem, versionLabel, type ReviewItem } from '@/lib/domain/draft-review';

// Queries behind /admin/review: drafts an agent really sent (sent_text is set when the agent's
// reply comes back from Gorgias), with the filters of the page. Sorting, acceptance and paging
// happen in lib/domain/draft-review.ts on the filtered rows.

export interface DraftReviewFilters {
  shopId?: string | null;
  intent?: string | null;
  agent?: string | null;
  version?: string | null; // a versionLabel: "template:<id>" or a prompt version
  from?: Date | null; // inclusive, on when the reply was sent
  to?: Date | null; // exclusive
}

/** The list never loads more than this many drafts; the page says so when it is cut. */
export const REVIEW_ROW_LIMIT = 5_000;

export interface DraftReviewRow extends ReviewItem {
  subject: string | null;
}

const sentAtOrCreated = sql<Date>`coalesce(${drafts.sentAt}, ${drafts.createdAt})`;
const ticketSubject = sql<
  string | null
>`(select t.subject from ${tickets} t where t.gorgias_ticket_id = ${drafts.ticketId} and (t.shop_id = ${drafts.shopId} or t.matched_shop_id = ${drafts.shopId}) limit 1)`;

function whereFor(f: DraftReviewFilters): SQL | undefined {
  const conds: (SQL | undefined)[] = [isNotNull(drafts.sentText)];
  if (f.shopId) conds.push(eq(drafts.shopId, f.shopId));
  if (f.intent) conds.push(f.intent === 'unclassified' ? sql`${drafts.intent} is null` : eq(drafts.intent, f.intent));
  if (f.agent) conds.push(f.agent === 'unknown' ? sql`${drafts.sentBy} is null` : eq(drafts.sentBy, f.agent));
  if (f.version) {
    const v = parseVersionLabel(f.version);
    conds.push(
      'templateId' in v
        ? and(eq(drafts.source, 'template'), eq(drafts.templateId, v.templateId))
        : and(
            sql`${drafts.source} <> 'template'`,
            v.promptVersion === 'unversioned' ? sql`${drafts.promptVersion} is null` : eq(drafts.promptVersion, v.promptVersion),
          ),
    );
  }
  if (f.from) conds.push(sql`${sentAtOrCreated} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) conds.push(sql`${sentAtOrCreated} < ${f.to.toISOString()}::timestamptz`);
  return and(...conds);
}

const reviewColumns = {
  id: drafts.id,
  shopId: drafts.shopId,
  ticketId: drafts.ticketId,
  intent: drafts.intent,
  source: drafts.source,
  promptVersion: drafts.promptVersion,
  templateId: drafts.templateId,
  sentBy: drafts.sentBy,
  output: drafts.output,
  sentText: drafts.sentText,
  sentAt: drafts.sentAt,
  createdAt: drafts.createdAt,
  teach: drafts.teach,
  subject: ticketSubject,
};

export async function loadDraftReview(db: Db, filters: DraftReviewFilters): Promise<{ items: DraftReviewRow[]; capped: boolean }> {
  const rows = await db
    .select(reviewColumns)
    .from(drafts)
    .where(whereFor(filters))
    .orderBy(sql`${sentAtOrCreated} desc`, sql`${drafts.id} desc`)
    .limit(REVIEW_ROW_LIMIT + 1);
  const items = rows.slice(0, REVIEW_ROW_LIMIT).map((r) => ({ ...toReviewItem({ ...r, sentText: r.sentText ?? '' }), subject: r.subject }));
  return { items, capped: rows.length > REVIEW_ROW_LIMIT };
}

/** The values the filter menus offer: only ones that occur among sent drafts. */
export async function loadDraftReviewOptions(
  db: Db,
  shopId: string | null,
): Promise<{ intents: string[]; agents: string[]; versions: string[] }> {
  const base = shopId ? and(isNotNull(drafts.sentText), eq(drafts.shopId, shopId)) : isNotNull(drafts.sentText);
  const rows = await db
    .selectDistinct({
      intent: drafts.intent,
      sentBy: drafts.sentBy,
      source: drafts.source,
      promptVersion: drafts.promptVersion,
      templateId: drafts.templateId,
    })
    .from(drafts)
    .where(base);
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    intents: uniq(rows.map((r) => r.intent ?? 'unclassified')),
    agents: uniq(rows.map((r) => r.sentBy ?? 'unknown')),
    versions: uniq(rows.map((r) => versionLabel(r))),
  };
}

export async function loadDraftDetail(db: Db, id: number) {
  const [row] = await db
    .select({ ...reviewColumns, messageId: drafts.messageId, status: drafts.status, model: drafts.model, grounding: drafts.grounding })
    .from(drafts)
    .where(eq(drafts.id, id))
    .limit(1);
  if (!row) return null;
  const [ticket] = await db
    .select({
      gorgiasTicketId: tickets.gorgiasTicketId,
      subject: tickets.subject,
      customerEmail: tickets.customerEmail,
      customerName: tickets.customerName,
      channel: tickets.channel,
    })
    .from(tickets)
    .where(
      and(eq(tickets.gorgiasTicketId, row.ticketId), sql`(${tickets.shopId} = ${row.shopId} or ${tickets.matchedShopId} = ${row.shopId})`),
    )
    .limit(1);
  const customerMessage = row.messageId
    ? ((
        await db
          .select({ bodyText: messages.bodyText, sentAt: messages.gorgiasCreatedAt })
          .from(messages)
          .where(and(eq(messages.ticketId, row.ticketId), eq(messages.gorgiasMessageId, row.messageId)))
          .orderBy(asc(messages.id))
          .limit(1)
      )[0] ?? null)
    : null;
  const [example] = await db
    .select({ createdBy: teachExamples.createdBy, createdAt: teachExamples.createdAt })
    .from(teachExamples)
    .where(eq(teachExamples.draftId, id))
    .limit(1);
  const item = row.sentText === null ? null : toReviewItem({ ...row, sentText: row.sentText });
  return {
    draft: row,
    item,
    ticket: ticket ?? null,
    customerMessage,
    taught: example ?? null,
    grounding: row.grounding as { ok?: boolean; spans?: { text: string; kind: string; reason?: string }[] } | null,
  };
}
