import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { auditLog, drafts, messages, tickets } from '@/lib/db/schema';
import { classifyIntent } from '@/lib/domain/intent/classify';
import { classifyMessage, type ModelDeps } from '@/lib/intents/classify-message';
import { gateVerdict } from '@/lib/domain/intent/automation-gate';
import { stripQuotedAndSignature } from '@/lib/domain/intent/normalize';
import { extractOrderNumbers } from '@/lib/domain/intent/order-numbers';
import { getConfig } from '@/lib/runtime/config';
import { createOpenAI, openAIModel } from '@/lib/integrations/openai/client';
import { measureDraftEdit } from '@/lib/domain/edit-distance';
import { signalsFromTicket } from '@/lib/domain/issues';
import type { Classification } from '@/lib/domain/types';
import { parseGorgiasContext, type GorgiasMessage, type GorgiasTicket } from '@/lib/integrations/gorgias/payloads';
import type { InboxEvent } from '@/lib/ingest/inbox-event';
import { writeAudit } from '@/lib/audit/write-audit';
import { automateTicket } from '@/lib/automation/automate-ticket';
import { applyIssueSignals } from '@/lib/projection/apply-issue-signals';
import { matchTicket } from '@/lib/ticket-context/match-ticket';
import { contactFromGorgias } from '@/lib/domain/contact';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { loadOrderBundle } from '@/lib/ticket-context/load-order-bundle';
import { getSettings } from '@/lib/settings/settings-store';
import { shopsSharingHelpdesk } from '@/lib/connections/shops';
import { evaluateTicketPolicy } from '@/lib/ticket-context/evaluate-ticket-policy';
import { refreshOrderConsequences } from './refresh-order-consequences';
import { queueCustomerHistory } from '@/lib/ticket-context/queue-customer-history';

/**
 * Applies one Gorgias ticket event: the ticket and its messages, response and resolution times,
 * reopenings; for a new customer message, the intent, the customer/order match, the policy verdict,
 * routing tags (via the outbox) and a draft job. An agent's message is recorded as "what was sent"
 * against the open draft, for the lead's review.
 */
export async function projectGorgiasEvent(
  tx: Db,
  event: InboxEvent,
  now: Date,
  deps: { model?: IntentModelDeps | null } = {},
): Promise<void> {
  // NUL characters can't be stored in Postgres text: drop them while parsing.
  const parsed = parseGorgiasContext(
    JSON.parse(event.body, (_k, v) => (typeof v === 'string' && v.includes('\u0000') ? v.replace(/\u0000/g, '') : v)),
  );
  if (!parsed.ok) throw new Error(`stored Gorgias event is invalid: ${parsed.error}`);
  const { ticket, message } = parsed;
  const shopId = event.shopId;
  const shopIds = await shopsSharingHelpdesk(tx, shopId);
  const [existing] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, shopId), eq(tickets.gorgiasTicketId, ticket.id)))
    .limit(1);

  const allMessages = mergeMessages(ticket.messages, message);
  for (const m of allMessages) await insertMessage(tx, shopId, m);

  const customerMessage = message && !message.fromAgent && !message.internalNote ? message : null;
  const latestCustomer = customerMessage ?? [...allMessages].reverse().find((m) => !m.fromAgent && !m.internalNote) ?? null;
  const firstAgentReply =
    allMessages
      .filter((m) => m.fromAgent && !m.internalNote)
      .map((m) => m.sentAt ?? m.createdAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  // Some events omit the status; the parser calls that 'unknown' and we keep what we had.
  const status = ticket.status === 'unknown' ? (existing?.status ?? 'open') : ticket.status;
  const isClosed = status === 'closed';
  const reopened = existing && existing.status === 'closed' && !isClosed;

  let classification: Classification | null = existing?.intent
    ? {
        intent: existing.intent as Classification['intent'],
        confidence: existing.intentConfidence ?? 0,
        reasons: existing.intentReasons ?? [],
        decidedBy: (existing.intentDecidedBy as Classification['decidedBy']) ?? 'rules',
        orderNumbers: [],
      }
    : null;
  const text = latestCustomer ? latestCustomer.strippedText || latestCustomer.bodyText : '';
  // the order numbers the customer quotes (what classifyIntent reports), without classifying twice
  const quoted = latestCustomer ? extractOrderNumbers(`${ticket.subject ?? ''} ${stripQuotedAndSignature(text)}`) : [];
  const contact = contactFromGorgias(ticket.customer);
  const match = await matchTicket(tx, shopIds, contact, quoted);
  const matchShop = match.shopId ?? shopId;
  const bundle = match.focusOrderId ? await loadOrderBundle(tx, matchShop, match.focusOrderId) : null;

  const classifyNow = customerMessage !== null || (classification === null && latestCustomer !== null);
  if (classifyNow && latestCustomer) {
    const delivered = bundle
      ? bundle.fulfillments.some((f) => f.shipmentStatus === 'delivered') || bundle.events.some((e) => e.status === 'delivered')
      : false;
    const input = {
      text,
      subject: ticket.subject,
      order: bundle?.order ? { delivered, fulfilled: bundle.fulfillments.length > 0, cancelled: bundle.order.cancelledAt !== null } : null,
      gorgiasIntents: latestCustomer.gorgiasIntents,
    };
    // Only a new customer message may cost a model call; a re-delivered snapshot uses the rules.
    const model = customerMessage ? (deps.model === undefined ? intentModelFromConfig() : deps.model) : null;
    classification = model
      ? await classifyMessage(input, { ...model, takeBudget: () => takeIntentModelBudget(tx, shopId, ticket.id, model.perHour) })
      : classifyIntent(input);
  }

  const settings = await getSettings(tx, matchShop);
  const evaluated = classification
    ? await evaluateTicketPolicy(tx, {
        shopId: matchShop,
        classification,
        bundle,
        match,
        message: text,
        photoCount: latestCustomer?.attachmentCount ?? 0,
        settings,
        now,
      })
    : null;
  // A model's answer, or one below the shop's confidence threshold, never lets the policy automate.
  const evaluation =
    evaluated && classification
      ? {
          ...evaluated,
          verdict: { ...gateVerdict(evaluated.verdict, classification, settings.automation.minConfidence), decidedAt: now.toISOString() },
        }
      : null;

  const values = {
    matchedShopId: match.shopId,
    gorgiasDomain: ticket.accountDomain,
    gorgiasCustomerId: ticket.customer.id,
    customerEmail: contact.email,
    customerOtherEmails: contact.otherEmails,
    customerPhones: contact.phones,
    customerName: ticket.customer.name,
    subject: ticket.subject,
    status,
    channel: ticket.channel,
    assigneeEmail: ticket.assigneeUserEmail,
    assigneeTeamId: ticket.assigneeTeamId,
    tags: ticket.tags,
    intent: classification?.intent ?? null,
    intentConfidence: classification?.confidence ?? null,
    intentReasons: classification?.reasons ?? null,
    intentDecidedBy: classification?.decidedBy ?? null,
    matchedOrderId: match.focusOrderId,
    matchStatus: match.status,
    matchBy: match.by,
    matchNote: match.note,
    verdict: evaluation?.verdict ?? existing?.verdict ?? null,
    gorgiasCreatedAt: ticket.createdAt,
    gorgiasUpdatedAt: ticket.updatedAt,
    firstResponseAt: existing?.firstResponseAt ?? firstAgentReply,
    closedAt: isClosed ? (ticket.closedAt ?? ticket.updatedAt ?? now) : null,
    reopenCount: (existing?.reopenCount ?? 0) + (reopened ? 1 : 0),
    lastCustomerMessageAt: latestCustomer?.createdAt ?? existing?.lastCustomerMessageAt ?? null,
    updatedAt: now,
  };
  // Out-of-order deliveries: an older snapshot of the ticket doesn't overwrite a newer one.
  const stale = existing?.gorgiasUpdatedAt && ticket.updatedAt && ticket.updatedAt < existing.gorgiasUpdatedAt;
  if (existing && !stale) await tx.update(tickets).set(values).where(eq(tickets.id, existing.id));
  else if (!existing) {
    await tx.insert(tickets).values({ shopId, gorgiasTicketId: ticket.id, ...values });
    // First sight of this customer in this shop: read their earlier Gorgias tickets (through the outbox).
    await queueCustomerHistory(tx, { shopId, ticketId: ticket.id, email: values.customerEmail, gorgiasCustomerId: ticket.customer.id });
  }

  if (customerMessage && classification && evaluation && !stale) {
    await writeAudit(tx, {
      shopId: matchShop,
      actor: { type: 'system' },
      action: 'ticket.classified',
      subjectType: 'ticket',
      subjectId: ticket.id,
      ticketId: ticket.id,
      orderId: match.focusOrderId,
      customerEmail: values.customerEmail,
      explanation: `Intent ${classification.intent} (${Math.round(classification.confidence * 100)}%, ${classification.decidedBy}): ${classification.reasons.slice(0, 3).join('; ')}. Policy: ${evaluation.verdict.explanation}`,
      after: {
        intent: classification.intent,
        confidence: classification.confidence,
        verdict: evaluation.verdict.decision,
        rule: evaluation.verdict.rule,
        match: match.status,
      },
    });
    await routeTicket(
      tx,
      matchShop,
      ticket,
      customerMessage,
      classification,
      evaluation.verdict.decision,
      settings.routing,
      settings.automation.shadowMode,
    );
    // The safe zone acts (or records "would have done"); the human zone gets its case summary, team and priority.
    const automation = await automateTicket(tx, {
      ticket: {
        shopId: matchShop,
        ticketId: ticket.id,
        messageId: customerMessage.id,
        channel: ticket.channel,
        subject: ticket.subject,
        customerEmail: values.customerEmail,
        customerPhone: contact.phones[0] ?? null,
        customerName: ticket.customer.name,
        gorgiasCustomerId: ticket.customer.id,
        tags: ticket.tags,
        attachmentCount: customerMessage.attachmentCount,
      },
      message: text,
      classification,
      verdict: evaluation.verdict,
      bundle,
      vip: evaluation.facts.vip,
      settings,
      now,
    });
    if (automation.summary) {
      await tx
        .update(tickets)
        .set({ verdict: { ...evaluation.verdict, summary: automation.summary } })
        .where(and(eq(tickets.shopId, shopId), eq(tickets.gorgiasTicketId, ticket.id)));
    }
    await enqueueEffect(tx, {
      shopId: matchShop,
      kind: 'concord.generate_draft',
      payload: { ticketId: ticket.id, ticketShopId: shopId, messageId: customerMessage.id },
      idempotencyKey: `draft:${shopId}:${ticket.id}:${customerMessage.id}`,
    });
  }

  if (message && message.fromAgent && !message.internalNote) await recordSentReply(tx, [shopId, matchShop], ticket.id, message);

  if (classification && !stale) {
    const signals = signalsFromTicket(ticket.id, match.focusOrderId, classification.intent, status, ticket.updatedAt ?? now);
    if (signals.length > 0) {
      await applyIssueSignals(
        tx,
        matchShop,
        { email: match.customerEmails[0] ?? values.customerEmail, shopifyId: match.customerShopifyId },
        signals,
      );
    }
  }
  // A ticket about an order closed as solved closes the order's parcel problems too.
  if (isClosed && !stale && match.focusOrderId && bundle?.order)
    await refreshOrderConsequences(tx, matchShop, match.focusOrderId, now, { cause: 'ticket closed' });
}

export type IntentModelDeps = Omit<ModelDeps, 'takeBudget'> & { perHour: number };

/** The configured model for unsure intents, or null (no key, or a configuration that can't load). */
function intentModelFromConfig(): IntentModelDeps | null {
  let config;
  try {
    config = getConfig();
  } catch {
    return null;
  }
  const openai = createOpenAI(config, { timeoutMs: config.env.CONCORD_INTENT_MODEL_TIMEOUT_MS });
  if (!openai || config.env.CONCORD_INTENT_MODEL_PER_HOUR === 0) return null;
  return {
    openai,
    model: openAIModel(config),
    timeoutMs: config.env.CONCORD_INTENT_MODEL_TIMEOUT_MS,
    perHour: config.env.CONCORD_INTENT_MODEL_PER_HOUR,
  };
}

/**
 * The hourly budget of model calls is counted in the database (one audit row per call, last hour, per
 * shop), not per process: Concord runs as a worker plus serverless route handlers, so a per-process
 * limiter would multiply the budget by the number of instances and forget it at every cold start.
 * The row is written in the projection's transaction: a projection that rolls back un-counts its call
 * (and redoes it on retry). Two workers checking at the same moment can each take the last slot.
 */
async function takeIntentModelBudget(tx: Db, shopId: string, ticketId: string, perHour: number): Promise<boolean> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.shopId, shopId), eq(auditLog.action, INTENT_MODEL_ASKED), sql`${auditLog.at} > now() - interval '1 hour'`));
  if (Number(row?.n ?? 0) >= perHour) return false;
  await writeAudit(tx, {
    shopId,
    actor: { type: 'system' },
    action: INTENT_MODEL_ASKED,
    subjectType: 'ticket',
    subjectId: ticketId,
    ticketId,
    explanation: `The rules were unsure of this message's intent; the model was asked (${Number(row?.n ?? 0) + 1} of ${perHour} calls this hour).`,
  });
  return true;
}

export const INTENT_MODEL_ASKED = 'ticket.intent_model_asked';

function mergeMessages(list: GorgiasMessage[], message: GorgiasMessage | null): GorgiasMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  if (message) byId.set(message.id, { ...byId.get(message.id), ...message });
  return [...byId.values()];
}

async function insertMessage(tx: Db, shopId: string, m: GorgiasMessage): Promise<void> {
  await tx
    .insert(messages)
    .values({
      shopId,
      ticketId: m.ticketId,
      gorgiasMessageId: m.id,
      fromAgent: m.fromAgent,
      internalNote: m.internalNote,
      channel: m.channel,
      bodyText: m.strippedText || m.bodyText,
      senderEmail: m.senderEmail?.toLowerCase() ?? null,
      senderName: m.senderName,
      attachmentCount: m.attachmentCount,
      sentAt: m.sentAt,
      gorgiasCreatedAt: m.createdAt,
    })
    .onConflictDoNothing();
}

async function routeTicket(
  tx: Db,
  shopId: string,
  ticket: GorgiasTicket,
  message: GorgiasMessage,
  c: Classification,
  decision: 'automate' | 'human_review',
  routing: { tagPrefix: string; humanReviewTeamId: number | null },
  shadow: boolean,
): Promise<void> {
  const tags = [`${routing.tagPrefix}${c.intent}`, `${routing.tagPrefix}${decision === 'automate' ? 'automatable' : 'human-review'}`];
  const missing = tags.filter((t) => !ticket.tags.includes(t));
  if (missing.length > 0) {
    await enqueueEffect(tx, {
      shopId,
      kind: 'gorgias.add_tags',
      payload: { ticketId: ticket.id, tags: missing, shadow },
      idempotencyKey: `route-tags:${ticket.id}:${message.id}`,
    });
  }
  // Assignment to a team (per reason) is part of the human zone: lib/automation/automate-ticket.ts.
}

/** An agent's reply is what was really sent: compare it with the newest unsent draft. */
// Drafts are stored under the matched store, which may differ from the helpdesk's primary store.
async function recordSentReply(tx: Db, shopIds: string[], ticketId: string, m: GorgiasMessage): Promise<void> {
  const [draft] = await tx
    .select({ id: drafts.id, output: drafts.output })
    .from(drafts)
    .where(
      and(
        inArray(drafts.shopId, shopIds),
        eq(drafts.ticketId, ticketId),
        sql`${drafts.sentMessageId} is null`,
        sql`${drafts.status} in ('draft', 'shadow')`,
      ),
    )
    .orderBy(desc(drafts.createdAt))
    .limit(1);
  if (!draft) return;
  const sent = m.strippedText || m.bodyText;
  const edit = measureDraftEdit(draft.output, sent);
  await tx
    .update(drafts)
    .set({
      status: 'sent',
      sentMessageId: m.id,
      sentText: sent,
      sentAt: m.sentAt ?? m.createdAt,
      sentBy: m.senderEmail,
      editDistance: edit.editDistance,
      keptRatio: edit.keptRatio,
    })
    .where(eq(drafts.id, draft.id));
}
