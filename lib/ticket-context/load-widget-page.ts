import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { actions, auditLog, drafts, messages, tickets } from '@/lib/db/schema';
import { loadWidgetData } from '@/lib/ticket-context/load-ticket-context';
import { actionFormContext } from '@/lib/actions/action-form-context';
import { getUnsentReply } from '@/lib/drafts/unsent-reply';
import { ticketTimeline } from '@/lib/domain/ticket-timeline';
import { intentDisagreement } from '@/lib/domain/intent/gorgias-disagreement';
import type { Intent } from '@/lib/domain/types';

/** Everything the live widget page shows for one ticket, as plain JSON for the browser. */
export async function loadWidgetPageData(db: Db, config: Config, grant: { ticketId: string; shopId: string }, now: Date) {
  const data = await loadWidgetData(db, config, { ticketShopId: grant.shopId, ticketId: grant.ticketId, email: null }, now);
  const shopId = data.view.shop.id;
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, grant.shopId), eq(tickets.gorgiasTicketId, grant.ticketId)))
    .limit(1);
  const convo = await db
    .select()
    .from(messages)
    .where(and(eq(messages.shopId, grant.shopId), eq(messages.ticketId, grant.ticketId)))
    .orderBy(messages.gorgiasCreatedAt, messages.id);
  const [draft] = await db
    .select()
    .from(drafts)
    .where(and(eq(drafts.shopId, shopId), eq(drafts.ticketId, grant.ticketId)))
    .orderBy(desc(drafts.createdAt))
    .limit(1);
  const recentActions = await db
    .select()
    .from(actions)
    .where(and(eq(actions.shopId, shopId), eq(actions.ticketId, grant.ticketId)))
    .orderBy(desc(actions.createdAt))
    .limit(10);
  const audit = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.shopId, shopId),
        or(
          eq(auditLog.ticketId, grant.ticketId),
          data.customerEmails.length ? inArray(auditLog.customerEmail, data.customerEmails) : eq(auditLog.ticketId, grant.ticketId),
        ),
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(25);

  const unsent = await getUnsentReply(db, { shopId: grant.shopId, ticketId: grant.ticketId });

  const timeline = ticketTimeline({ bundles: data.bundles, previousTickets: data.view.previousTickets, actions: recentActions, now });

  return {
    now: now.toISOString(),
    demoMode: config.demoMode,
    view: data.view,
    ticket: ticket
      ? {
          id: ticket.gorgiasTicketId,
          subject: ticket.subject,
          status: ticket.status,
          channel: ticket.channel,
          customerEmail: ticket.customerEmail,
          customerName: ticket.customerName,
          messages: convo.map((m) => ({
            id: m.gorgiasMessageId,
            fromAgent: m.fromAgent,
            internalNote: m.internalNote,
            body: m.bodyText,
            sender: m.senderName ?? m.senderEmail,
            at: (m.gorgiasCreatedAt ?? m.createdAt).toISOString(),
            attachments: m.attachmentCount,
          })),
        }
      : null,
    verdict: data.verdict,
    // Gorgias's own intent tag against Concord's reading (20.6), shown beside the intent.
    intentDisagreement: ticket
      ? intentDisagreement((ticket.intent as Intent | null) ?? null, ticket.intentReasons ?? [], ticket.tags ?? [])
      : null,
    suppression: {
      suppressed: data.suppression.suppressed,
      because: data.suppression.because,
      openIssues: data.suppression.openIssues,
      override: data.suppression.override,
    },
    draft: draft
      ? {
          id: draft.id,
          text: draft.output,
          source: draft.source,
          model: draft.model,
          promptVersion: draft.promptVersion,
          templateId: draft.templateId,
          grounding: draft.grounding,
          status: draft.status,
          createdAt: draft.createdAt.toISOString(),
          error: draft.error,
        }
      : null,
    // The order this ticket is about (quoted in the message, or matched when it arrived): pinned first.
    focusOrder: data.bundles.find((b) => b.bundle.order?.id === data.match.focusOrderId)?.bundle.order?.name ?? null,
    unsent: unsent
      ? { text: unsent.text, baseDraftId: unsent.baseDraftId, updatedBy: unsent.updatedBy, updatedAt: unsent.updatedAt.toISOString() }
      : null,
    actions: recentActions.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      overridden: a.overridden,
      error: a.error,
      createdAt: a.createdAt.toISOString(),
      actor: a.actorId ?? a.actorType,
      withReply: Boolean((a.params as { reply?: unknown } | null)?.reply),
    })),
    audit: audit.map((a) => ({
      id: a.id,
      at: a.at.toISOString(),
      actor: a.actorId ?? a.actorType,
      action: a.action,
      explanation: a.explanation,
    })),
    timeline: timeline.slice(0, 40),
    actionForms: actionFormContext(data, [...convo].reverse().find((m) => !m.fromAgent && !m.internalNote)?.bodyText ?? null),
  };
}

export type WidgetPageData = Awaited<ReturnType<typeof loadWidgetPageData>>;
