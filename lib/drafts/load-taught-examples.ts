import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { drafts, teachExamples, tickets } from '@/lib/db/schema';
import { draftContextSchema } from '@/lib/domain/draft-context';
import type { TaughtExample } from '@/lib/domain/drafts/taught-examples';

/** How many of an intent's newest examples drafting reads; older ones stay stored and listed. */
const TAUGHT_EXAMPLES_READ = 10;

/**
 * A shop's "Teach this" examples for one intent, newest first, each with the context its draft was
 * written from (so its facts can be told apart from its wording) and the customer's full name. A
 * context that no longer parses leaves the example out of drafting rather than guessing.
 */
export async function loadTaughtExamples(db: Db, shopId: string, intent: string): Promise<TaughtExample[]> {
  const rows = await db
    .select({
      id: teachExamples.id,
      draftId: teachExamples.draftId,
      intent: teachExamples.intent,
      sentText: teachExamples.sentText,
      context: drafts.context,
      customerName: sql<
        string | null
      >`(select t.customer_name from ${tickets} t where t.gorgias_ticket_id = ${drafts.ticketId} and (t.shop_id = ${drafts.shopId} or t.matched_shop_id = ${drafts.shopId}) limit 1)`,
    })
    .from(teachExamples)
    .innerJoin(drafts, eq(drafts.id, teachExamples.draftId))
    .where(and(eq(teachExamples.shopId, shopId), eq(teachExamples.intent, intent)))
    .orderBy(desc(teachExamples.createdAt), desc(teachExamples.id))
    .limit(TAUGHT_EXAMPLES_READ);
  return rows.map((r) => {
    const ctx = draftContextSchema.safeParse(r.context);
    return {
      id: r.id,
      draftId: r.draftId,
      intent: r.intent,
      sentText: r.sentText,
      context: ctx.success ? (ctx.data as TaughtExample['context']) : null,
      customerName: r.customerName,
    };
  });
}
