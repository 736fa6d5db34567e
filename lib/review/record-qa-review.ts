import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { qaReviews, shops, tickets } from '@/lib/db/schema';
import { parseIsoWeek } from '@/lib/domain/qa-sample';
import { QA_KIND_LABELS, type QaKind, type QaVerdict } from '@/lib/domain/qa-results';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';
import { ticketStore } from '@/lib/review/load-qa-week';

export interface QaReviewInput {
  shopId: string;
  week: string;
  kind: QaKind;
  itemKey: string;
  verdict: QaVerdict;
  note: string | null;
}

/**
 * A lead marks one sampled item correct or wrong. One row per item per week: marking again
 * replaces the verdict and note. Audited with what it was before.
 */
export async function recordQaReview(db: Db, input: QaReviewInput, actor: Actor, now: Date): Promise<{ msg: string; changed: boolean }> {
  if (!parseIsoWeek(input.week)) throw new AppError('invalid_week', `“${input.week}” is not an ISO week; use the form 2026-W48.`);
  const [shop] = await db.select({ id: shops.id }).from(shops).where(eq(shops.id, input.shopId)).limit(1);
  if (!shop) throw new AppError('unknown_shop', `No store ${input.shopId} is connected.`);
  const ticketKey = /^ticket:(\d{1,20})$/.exec(input.itemKey);
  const customerKey = /^customer:(.+@.+)$/.exec(input.itemKey);
  if (input.kind === 'suppression' ? !customerKey : !ticketKey) {
    throw new AppError(
      'invalid_item',
      input.kind === 'suppression' ? 'Suppression items are keyed customer:<email>.' : 'Ticket items are keyed ticket:<Gorgias ticket id>.',
    );
  }
  if (ticketKey) {
    const [t] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.gorgiasTicketId, ticketKey[1]), sql`${ticketStore} = ${input.shopId}`))
      .limit(1);
    if (!t) throw new AppError('unknown_ticket', `Store ${input.shopId} has no ticket ${ticketKey[1]}.`);
  }
  const note = input.note?.trim() || null;
  const reviewer = actor.id ?? actor.type;
  return db.transaction(async (tx) => {
    const key = and(
      eq(qaReviews.shopId, input.shopId),
      eq(qaReviews.week, input.week),
      eq(qaReviews.kind, input.kind),
      eq(qaReviews.itemKey, input.itemKey),
    );
    const [before] = await tx.select().from(qaReviews).where(key).limit(1).for('update');
    if (before && before.verdict === input.verdict && before.note === note) {
      return { msg: `Already marked ${input.verdict}; nothing changed.`, changed: false };
    }
    await tx
      .insert(qaReviews)
      .values({
        shopId: input.shopId,
        week: input.week,
        kind: input.kind,
        itemKey: input.itemKey,
        verdict: input.verdict,
        note,
        reviewer,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [qaReviews.shopId, qaReviews.week, qaReviews.kind, qaReviews.itemKey],
        set: { verdict: input.verdict, note, reviewer, createdAt: now },
      });
    await writeAudit(tx, {
      shopId: input.shopId,
      actor,
      action: 'qa.reviewed',
      subjectType: 'qa_item',
      subjectId: `${input.week}/${input.kind}/${input.itemKey}`,
      ticketId: ticketKey?.[1] ?? null,
      customerEmail: customerKey?.[1] ?? null,
      explanation: `${reviewer} marked ${input.itemKey} ${input.verdict} in the ${input.week} QA (${QA_KIND_LABELS[input.kind].toLowerCase()})${before ? `, was ${before.verdict}` : ''}${note ? `: ${note}` : '.'}`,
      before: before ? { verdict: before.verdict, note: before.note, reviewer: before.reviewer } : null,
      after: { verdict: input.verdict, note, reviewer },
      at: now,
    });
    return { msg: `Marked ${input.verdict}${before ? ` (was ${before.verdict})` : ''}.`, changed: true };
  });
}
