import type { Db } from '@/lib/db/client';
import { actions } from '@/lib/db/schema';
import { planAction } from '@/lib/domain/action-plan';
import { formatAddress } from '@/lib/domain/address-format';
import { meetsConfidenceGate } from '@/lib/domain/auto-reply';
import { decideAutomation } from '@/lib/domain/automation-plan';
import { caseSummary } from '@/lib/domain/case-summary';
import { caseReason, caseRouting } from '@/lib/domain/case-routing';
import { buildDraftContext } from '@/lib/domain/draft-context';
import { actionReply } from '@/lib/domain/drafts/action-replies';
import { detectLanguage } from '@/lib/domain/language';
import type { Settings } from '@/lib/domain/settings';
import { shipmentHealth } from '@/lib/domain/shipment-health';
import type { Address, Classification, Verdict } from '@/lib/domain/types';
import { writeAudit } from '@/lib/audit/write-audit';
import { replyChannel } from '@/lib/integrations/gorgias/reply-channel';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import type { OrderBundle } from '@/lib/ticket-context/load-order-bundle';

// Runs inside the transaction that projects a customer's message, on the verdict that transaction
// just decided on the current read model. The safe zone: the action, the approved reply in the
// customer's language, and the ticket's tags, queued together (the reply and tags only once Shopify
// accepted the mutation). The human zone: the case summary as an internal note, the team for the
// reason, the priority. Shadow mode records every call it would have made, exactly.

export interface AutomationTicket {
  shopId: string; // the matched store: where actions and effects belong
  ticketId: string;
  messageId: string;
  channel: string | null;
  subject: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  customerName: string | null;
  gorgiasCustomerId: string | null;
  tags: string[];
  attachmentCount: number;
}

export interface AutomationOutcome {
  mode: 'acted' | 'shadow' | 'asked' | 'human' | 'skipped';
  summary: string | null; // the case summary stored with a human-review verdict
}

const DELIVERED = (b: OrderBundle | null): Date | null => {
  if (!b) return null;
  const dates = [
    ...b.events.filter((e) => e.status === 'delivered').map((e) => e.happenedAt),
    ...b.fulfillments.map((f) => f.deliveredAt).filter((d): d is Date => d !== null),
  ];
  return dates.sort((a, c) => c.getTime() - a.getTime())[0] ?? null;
};

export async function automateTicket(
  tx: Db,
  input: {
    ticket: AutomationTicket;
    message: string;
    classification: Classification;
    verdict: Verdict;
    bundle: OrderBundle | null;
    vip: boolean;
    settings: Settings;
    now: Date;
  },
): Promise<AutomationOutcome> {
  const { ticket, verdict, settings, now, classification } = input;
  if (verdict.decision === 'human_review') return prepareHumanCase(tx, input);

  const language = detectLanguage(input.message).language;
  const order = input.bundle?.order ?? null;
  const decision = decideAutomation({
    intent: classification.intent,
    verdict,
    message: input.message,
    order,
    deliveredAt: DELIVERED(input.bundle),
    language,
    passesConfidenceGate: meetsConfidenceGate({ intent: classification.intent, confidence: classification.confidence, settings }),
    settings,
  });
  if (decision.mode === 'skip') return { mode: 'skipped', summary: null };

  const channel = replyChannel(ticket.channel, { email: ticket.customerEmail, phone: ticket.customerPhone });
  const replyTo = {
    ticketId: ticket.ticketId,
    channel,
    receiverEmail: ticket.customerEmail,
    receiverPhone: ticket.customerPhone,
    customerId: ticket.gorgiasCustomerId,
  };
  const firstName = ticket.customerName?.split(/\s+/)[0] ?? null;
  const key = `auto:${ticket.ticketId}:${ticket.messageId}`;
  const tagEffect = (tags: string[]) => ({
    kind: 'gorgias.add_tags' as const,
    payload: { ticketId: ticket.ticketId, tags, ...(decision.shadow ? { shadow: true } : {}) },
    idempotencyKey: `${key}:tags`,
  });
  const prefix = settings.routing.tagPrefix;

  if (decision.mode === 'ask') {
    const body = actionReply('address_missing', language, { firstName, orderName: order!.name, missing: decision.missing }, settings.tone)!;
    const reply = {
      kind: 'gorgias.send_reply' as const,
      payload: { ...replyTo, body, ...(decision.shadow ? { shadow: true } : {}) },
      idempotencyKey: `${key}:reply`,
    };
    const [row] = await tx
      .insert(actions)
      .values({
        shopId: ticket.shopId,
        ticketId: ticket.ticketId,
        orderId: order!.id,
        kind: 'reply',
        params: {
          automated: 'address_missing',
          intent: classification.intent,
          missing: decision.missing,
          summary: `Ask the customer for the missing parts of the new address (${decision.missing.join(', ')}).`,
          calls: [reply],
        },
        verdict,
        actorType: 'system',
        actorId: 'automation',
        idempotencyKey: key,
        status: decision.shadow ? 'shadow' : 'pending',
      })
      .onConflictDoNothing()
      .returning({ id: actions.id });
    if (!row) return { mode: 'skipped', summary: null };
    await enqueueEffect(tx, { shopId: ticket.shopId, ...reply, actionId: row.id });
    await enqueueEffect(tx, { shopId: ticket.shopId, ...tagEffect([`${prefix}automated`, `${prefix}address-incomplete`]) });
    await writeAudit(tx, {
      shopId: ticket.shopId,
      actor: { type: 'system', id: 'automation' },
      action: decision.shadow ? 'automation.shadow_would_ask' : 'automation.asked',
      subjectType: 'action',
      subjectId: String(row.id),
      ticketId: ticket.ticketId,
      orderId: order!.id,
      customerEmail: ticket.customerEmail,
      explanation: `${decision.shadow ? 'Shadow mode: would have asked' : 'Asked'} the customer for the missing parts of the new address (${decision.missing.join(', ')}); nothing was changed in Shopify. ${decision.reasons.join('; ')}.`,
      after: { calls: [reply.kind] },
    });
    return { mode: decision.shadow ? 'shadow' : 'asked', summary: null };
  }

  const plan = planAction(decision.kind, decision.params, {
    order,
    settings,
    customerMessage: input.message,
    notAfter: decision.notAfter,
    key,
    now,
  });
  if (!plan.ok) return { mode: 'skipped', summary: null };
  const mutation = plan.effects[0];
  const items = order!.lineItems.map((li) => `${li.quantity} × ${li.title}`).join(', ');
  const body = actionReply(
    decision.replyKind,
    language,
    {
      firstName,
      orderName: order!.name,
      amount: `${order!.totalPrice} ${order!.currency}`,
      refund: Boolean(plan.choices.refund),
      restock: Boolean(plan.choices.restock),
      notifyCustomer: Boolean(plan.choices.notifyCustomer),
      items: decision.kind === 'create_exchange' ? `${items} (replacement as you asked)` : items,
      address: plan.choices.address ? formatAddress(plan.choices.address as Partial<Address>) : undefined,
    },
    settings.tone,
  )!;
  const shadowFlag = decision.shadow ? { shadow: true } : {};
  const reply = { kind: 'gorgias.send_reply' as const, payload: { ...replyTo, body, ...shadowFlag }, idempotencyKey: `${key}:reply` };
  const tags = tagEffect([`${prefix}automated`, `${prefix}automated-${classification.intent.replace(/_/g, '-')}`]);
  const routing = {
    tagPrefix: prefix,
    teamId: caseRouting(caseReason(classification.intent, verdict, input.vip), settings.routing).teamId,
  };
  const call = {
    kind: mutation.kind,
    payload: { ticketId: ticket.ticketId, ...mutation.payload, routing, ...shadowFlag },
    idempotencyKey: `${key}:${mutation.kind}`,
  };

  const [row] = await tx
    .insert(actions)
    .values({
      shopId: ticket.shopId,
      ticketId: ticket.ticketId,
      orderId: order!.id,
      kind: decision.kind,
      params: {
        ...decision.params,
        resolved: plan.choices,
        intent: classification.intent,
        language,
        summary: plan.summary,
        calls: [call, reply, tags],
      },
      verdict,
      actorType: 'system',
      actorId: 'automation',
      idempotencyKey: key,
      status: decision.shadow ? 'shadow' : 'pending',
    })
    .onConflictDoNothing()
    .returning({ id: actions.id });
  if (!row) return { mode: 'skipped', summary: null };
  if (decision.shadow) {
    // Recorded as "would have done", each exact call on its own row; none is sent.
    for (const e of [call, reply, tags]) await enqueueEffect(tx, { shopId: ticket.shopId, ...e, actionId: e === call ? row.id : null });
  } else {
    // The reply and tags ride on the mutation: queued only once Shopify accepted it (lib/outbox/run-outbox.ts).
    await enqueueEffect(tx, {
      shopId: ticket.shopId,
      kind: call.kind,
      payload: { ...call.payload, then: [reply, tags] },
      idempotencyKey: call.idempotencyKey,
      actionId: row.id,
    });
  }
  await writeAudit(tx, {
    shopId: ticket.shopId,
    actor: { type: 'system', id: 'automation' },
    action: decision.shadow ? 'automation.shadow_would_act' : 'automation.acted',
    subjectType: 'action',
    subjectId: String(row.id),
    ticketId: ticket.ticketId,
    orderId: order!.id,
    customerEmail: ticket.customerEmail,
    explanation: `${decision.shadow ? 'Shadow mode: would have done' : 'Queued'}: ${plan.summary} Then the approved ${language} reply on the ${channel} channel and the tags. Why: ${decision.reasons.join('; ')}.`,
    after: { calls: [call, reply, tags].map((e) => ({ kind: e.kind, payload: e.payload })) },
  });
  return { mode: decision.shadow ? 'shadow' : 'acted', summary: null };
}

/** The human zone: the case summary as an internal note, the team for the reason, the priority. */
async function prepareHumanCase(
  tx: Db,
  input: {
    ticket: AutomationTicket;
    message: string;
    classification: Classification;
    verdict: Verdict;
    bundle: OrderBundle | null;
    vip: boolean;
    settings: Settings;
    now: Date;
  },
): Promise<AutomationOutcome> {
  const { ticket, verdict, settings, now, bundle } = input;
  const ctx = buildDraftContext({
    now,
    settings,
    customerFirstName: ticket.customerName?.split(/\s+/)[0] ?? null,
    customerEmail: ticket.customerEmail,
    subject: ticket.subject,
    customerMessage: input.message,
    attachmentCount: ticket.attachmentCount,
    intent: input.classification.intent,
    order: bundle?.order ?? null,
    shipments: (bundle?.fulfillments ?? []).map((f) => ({
      fulfillment: f,
      health: shipmentHealth({
        fulfillment: f,
        events: bundle!.events.filter((e) => e.fulfillmentId === f.id),
        now,
        delay: settings.delay,
      }),
    })),
    refunds: bundle?.refunds ?? [],
    returns: bundle?.returns ?? [],
    verdict,
  });
  const summary = caseSummary(ctx, input.classification);
  const reason = caseReason(input.classification.intent, verdict, input.vip);
  const route = caseRouting(reason, settings.routing);
  const shadow = settings.automation.shadowMode ? { shadow: true } : {};
  const key = `case:${ticket.ticketId}:${ticket.messageId}`;
  await enqueueEffect(tx, {
    shopId: ticket.shopId,
    kind: 'gorgias.internal_note',
    payload: {
      ticketId: ticket.ticketId,
      body: `Concord case summary (needs a person: ${reason === 'default' ? 'policy' : reason})\n${summary.text}`,
      ...shadow,
    },
    idempotencyKey: `${key}:note`,
  });
  if (route.teamId !== null)
    await enqueueEffect(tx, {
      shopId: ticket.shopId,
      kind: 'gorgias.assign',
      payload: { ticketId: ticket.ticketId, teamId: route.teamId, ...shadow },
      idempotencyKey: `${key}:assign`,
    });
  if (route.priority)
    await enqueueEffect(tx, {
      shopId: ticket.shopId,
      kind: 'gorgias.set_priority',
      payload: { ticketId: ticket.ticketId, priority: route.priority, ...shadow },
      idempotencyKey: `${key}:priority`,
    });
  await writeAudit(tx, {
    shopId: ticket.shopId,
    actor: { type: 'system' },
    action: 'ticket.routed_to_person',
    subjectType: 'ticket',
    subjectId: ticket.ticketId,
    ticketId: ticket.ticketId,
    orderId: bundle?.order?.id ?? null,
    customerEmail: ticket.customerEmail,
    explanation: `Needs a person (${reason}): ${verdict.explanation} Case summary posted as an internal note${route.teamId !== null ? `, assigned to team ${route.teamId}` : ''}${route.priority ? `, priority ${route.priority}` : ''}.${settings.automation.shadowMode ? ' Shadow mode: recorded, not sent.' : ''}`,
    after: { reason, teamId: route.teamId, priority: route.priority },
  });
  return { mode: 'human', summary: summary.text };
}
