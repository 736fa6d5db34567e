import type OpenAI from 'openai';
import { and, eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { drafts, tickets } from '@/lib/db/schema';
import { autoReplyDecision } from '@/lib/domain/auto-reply';
import { detectLanguage } from '@/lib/domain/language';
import type { Classification } from '@/lib/domain/types';
import { writeAudit } from '@/lib/audit/write-audit';
import { generateDraft } from '@/lib/drafts/compose-draft';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { waitForCustomerEvents } from '@/lib/ingest/wait-for-customer';
import { loadDraftContext } from '@/lib/drafts/load-draft-context';
import { loadTaughtExamples } from '@/lib/drafts/load-taught-examples';

export interface TicketDraftResult {
  draftId: number;
  source: 'model' | 'template';
  grounded: boolean;
  autoReply: 'sent' | 'shadow' | 'no';
}

/**
 * Drafts a reply for a ticket from the read model, stores it with its prompt version, model,
 * exact context and grounding result, and, only in the safe WISMO case, queues it as the reply
 * (or records "would have sent" in shadow mode).
 */
export async function generateTicketDraft(
  db: Db,
  deps: { openai: OpenAI | null; model: string; config: Config },
  input: { shopId: string; ticketShopId: string; ticketId: string; messageId: string | null; now: Date; allowAutoReply?: boolean },
  onDelta?: (text: string) => void,
): Promise<TicketDraftResult> {
  const { now } = input;
  // An automatic reply must read current state: if events about this customer are still being
  // applied (a flood, a backfill), wait for them, boundedly; what is still unapplied then blocks
  // the automatic reply and the draft waits for an agent.
  const [who] = await db
    .select({ email: tickets.customerEmail, others: tickets.customerOtherEmails })
    .from(tickets)
    .where(and(eq(tickets.shopId, input.ticketShopId), eq(tickets.gorgiasTicketId, input.ticketId)))
    .limit(1);
  const unappliedEvents =
    input.allowAutoReply === false || !who
      ? 0
      : await waitForCustomerEvents(db, [who.email ?? '', ...(who.others ?? [])], {
          timeoutMs: deps.config.env.CONCORD_FRESHNESS_WAIT_MS ?? 5_000,
        });
  const loaded = await loadDraftContext(db, deps.config, { ticketShopId: input.ticketShopId, ticketId: input.ticketId }, now);
  if (!loaded) throw new Error(`ticket ${input.ticketId} is not in the read model`);
  const { ctx, ticket, latest, settings, verdict, focus, intent, shopId } = loaded;
  // The leads' taught examples for this intent shape the draft (few-shot or template text).
  const examples = await loadTaughtExamples(db, shopId, intent);
  const draft = await generateDraft({ openai: deps.openai, model: deps.model }, ctx, { onDelta, examples });
  const shipment = focus
    ? ([...focus.health.values()].find((h) => h.state !== 'delivered') ?? [...focus.health.values()][0] ?? null)
    : null;
  // Drafts (templates and the prompt) are written in English: a reply to a customer who wrote in
  // another language is drafted for a person, never sent by itself.
  const language = detectLanguage(latest?.bodyText ?? '').language;
  const auto =
    input.allowAutoReply === false
      ? { send: false, shadow: false, reasons: ['redrafted by an agent'] }
      : language !== 'en'
        ? {
            send: false,
            shadow: false,
            reasons: [
              `The customer wrote in ${language === 'unknown' ? 'a language Concord could not tell' : language}; the approved tracking replies are English only, so a person sends this one.`,
            ],
          }
        : autoReplyDecision({
            intent,
            confidence: ticket.intentConfidence ?? 0,
            decidedBy: ticket.intentDecidedBy as Classification['decidedBy'] | null,
            shipment,
            grounding: draft.grounding,
            settings,
            verdict,
            unappliedEvents,
          });
  const status = auto.send ? 'auto_sent' : auto.shadow ? 'shadow' : 'draft';

  return db.transaction(async (tx) => {
    await tx
      .update(drafts)
      .set({ status: 'superseded' })
      .where(and(eq(drafts.shopId, shopId), eq(drafts.ticketId, input.ticketId), eq(drafts.status, 'draft')));
    const [row] = await tx
      .insert(drafts)
      .values({
        shopId,
        ticketId: input.ticketId,
        messageId: input.messageId ?? latest?.gorgiasMessageId ?? null,
        intent,
        source: draft.source,
        promptName: draft.source === 'model' ? 'draft-reply' : null,
        promptVersion: draft.promptVersion,
        model: draft.model,
        templateId: draft.templateId,
        context: ctx,
        output: draft.text,
        grounding: draft.grounding,
        status,
        error: draft.error,
      })
      .returning({ id: drafts.id });
    if (auto.send) {
      await enqueueEffect(tx, {
        shopId,
        kind: 'gorgias.send_reply',
        payload: {
          ticketId: input.ticketId,
          body: draft.text,
          channel: ticket.channel ?? 'email',
          receiverEmail: ticket.customerEmail,
          draftId: row.id,
        },
        idempotencyKey: `auto-reply:${input.ticketId}:${input.messageId ?? row.id}`,
      });
    }
    // Gorgias stores the sidebar JSON it got with the ticket event, which came before this draft.
    // A tag is a ticket update: Gorgias calls the integration again and the stored card (and the
    // reply macro reading it) carries the draft. Only for drafts a ticket event started.
    if (!auto.send && input.messageId) {
      await enqueueEffect(tx, {
        shopId,
        kind: 'gorgias.add_tags',
        payload: { ticketId: input.ticketId, tags: [`${settings.routing.tagPrefix}draft-ready`] },
        idempotencyKey: `draft-ready:${input.ticketId}:${row.id}`,
      });
    }
    // Gorgias stores the sidebar JSON it got with the ticket event, which came before this draft.
    // A tag is a ticket update: Gorgias calls the integration again and the stored card (and the
    // reply macro reading it) carries the draft. Only for drafts a ticket event started.
    if (!auto.send && input.messageId) {
      await enqueueEffect(tx, {
        shopId,
        kind: 'gorgias.add_tags',
        payload: { ticketId: input.ticketId, tags: [`${settings.routing.tagPrefix}draft-ready`] },
        idempotencyKey: `draft-ready:${input.ticketId}:${row.id}`,
      });
    }
    await writeAudit(tx, {
      shopId,
      actor: { type: 'system' },
      action: auto.send ? 'draft.auto_sent' : auto.shadow ? 'draft.shadow_would_send' : 'draft.created',
      subjectType: 'draft',
      subjectId: String(row.id),
      ticketId: input.ticketId,
      orderId: ctx.order ? (focus?.bundle.order?.id ?? null) : null,
      customerEmail: ticket.customerEmail,
      explanation: `${draft.source === 'model' ? `Model ${draft.model}` : `Template ${draft.templateId}`} drafted a reply (${draft.promptVersion}); grounding ${draft.grounding.ok ? 'passed' : `flagged ${draft.grounding.spans.length} span(s): ${draft.grounding.spans.map((s) => `"${s.text}" (${s.kind})`).join(', ')}`}. ${auto.send ? 'Sent automatically.' : auto.shadow ? 'Shadow mode: would have sent it.' : `Waiting for an agent: ${auto.reasons.join('; ')}.`}${draft.error ? ` ${draft.error}` : ''}`,
      after: { status, source: draft.source, grounded: draft.grounding.ok },
    });
    return {
      draftId: row.id,
      source: draft.source,
      grounded: draft.grounding.ok,
      autoReply: auto.send ? 'sent' : auto.shadow ? 'shadow' : 'no',
    };
  });
}
