import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { intentCorrections, messages, tickets } from '@/lib/db/schema';
import type { Intent } from '@/lib/domain/types';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';

/**
 * An agent (or lead) says what the customer really asked. The ticket takes the corrected intent,
 * and the correction is kept with the customer's words, the classifier's guess and Gorgias's tags,
 * for the classifier's training and evaluation sets. The policy verdict is not re-decided here: it
 * is recomputed with the ticket's next message.
 */
export async function correctIntent(db: Db, input: { shopId: string; ticketId: string; intent: Intent; actor: Actor }) {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, input.shopId), eq(tickets.gorgiasTicketId, input.ticketId)))
    .limit(1);
  if (!ticket) throw new AppError('unknown_ticket', `Concord has no ticket ${input.ticketId}.`);
  const [latest] = await db
    .select({ text: messages.bodyText })
    .from(messages)
    .where(
      and(
        eq(messages.shopId, input.shopId),
        eq(messages.ticketId, input.ticketId),
        eq(messages.fromAgent, false),
        eq(messages.internalNote, false),
      ),
    )
    .orderBy(desc(messages.gorgiasCreatedAt), desc(messages.id))
    .limit(1);
  const who = input.actor.id ?? input.actor.type;
  const was = ticket.intent
    ? `${ticket.intent}${ticket.intentConfidence !== null ? ` ${Math.round(ticket.intentConfidence * 100)}%` : ''}`
    : 'unclassified';
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(intentCorrections)
      .values({
        shopId: input.shopId,
        ticketId: input.ticketId,
        messageText: [ticket.subject, latest?.text].filter(Boolean).join('\n'),
        predictedIntent: ticket.intent,
        predictedConfidence: ticket.intentConfidence,
        correctedIntent: input.intent,
        gorgiasTags: ticket.tags,
        actor: who,
      })
      .returning({ id: intentCorrections.id });
    await tx
      .update(tickets)
      .set({
        intent: input.intent,
        intentConfidence: 1,
        intentDecidedBy: 'agent',
        intentReasons: [`Corrected by ${who} (the classifier read ${was}).`],
      })
      .where(and(eq(tickets.shopId, input.shopId), eq(tickets.gorgiasTicketId, input.ticketId)));
    await writeAudit(tx, {
      shopId: input.shopId,
      actor: input.actor,
      action: 'intent.corrected',
      subjectType: 'ticket',
      subjectId: input.ticketId,
      ticketId: input.ticketId,
      customerEmail: ticket.customerEmail,
      explanation: `${who} corrected the intent from ${was} to ${input.intent}${ticket.tags.length ? ` (Gorgias tags: ${ticket.tags.join(', ')})` : ''}.`,
      before: { intent: ticket.intent, confidence: ticket.intentConfidence },
      after: { intent: input.intent },
    });
    return { correctionId: row.id, msg: `Intent set to ${input.intent.replace(/_/g, ' ')}; kept for the classifier’s training set.` };
  });
}

/** The corrections as the eval and training scripts read them: one {"text", "intent"} per line. */
export async function exportIntentCorrections(db: Db): Promise<string> {
  const rows = await db
    .select({ text: intentCorrections.messageText, intent: intentCorrections.correctedIntent })
    .from(intentCorrections)
    .orderBy(intentCorrections.id);
  return rows
    .filter((r) => r.text.trim())
    .map((r) => JSON.stringify({ text: r.text, intent: r.intent }))
    .join('\n');
}
