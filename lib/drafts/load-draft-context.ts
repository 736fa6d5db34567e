import { and, desc, eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { messages, tickets } from '@/lib/db/schema';
import { buildDraftContext, type DraftContext } from '@/lib/domain/draft-context';
import type { Intent, Verdict } from '@/lib/domain/types';
import { getSettings } from '@/lib/settings/settings-store';
import { loadWidgetData, type WidgetData } from '@/lib/ticket-context/load-ticket-context';

const NO_VERDICT: Verdict = {
  decision: 'human_review',
  nextStep: 'assign_human_review',
  rule: 'none',
  reasons: [],
  explanation: 'No verdict yet.',
  allowedPromises: [],
  summary: null,
};

/**
 * The context a reply for this ticket is written from and checked against, read fresh from the
 * read model. Drafting, the live check of an agent's edits and the check of a manual reply all use
 * it, so a fact that grounds a draft grounds the same words typed by hand.
 */
export async function loadDraftContext(db: Db, config: Config, input: { ticketShopId: string; ticketId: string }, now: Date) {
  const data: WidgetData = await loadWidgetData(
    db,
    config,
    { ticketShopId: input.ticketShopId, ticketId: input.ticketId, email: null },
    now,
  );
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, input.ticketShopId), eq(tickets.gorgiasTicketId, input.ticketId)))
    .limit(1);
  if (!ticket) return null;
  const [latest] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.shopId, input.ticketShopId),
        eq(messages.ticketId, input.ticketId),
        eq(messages.fromAgent, false),
        eq(messages.internalNote, false),
      ),
    )
    .orderBy(desc(messages.gorgiasCreatedAt), desc(messages.id))
    .limit(1);
  const settings = await getSettings(db, data.view.shop.id);
  const verdict = data.verdict as Verdict | null;
  const focus = data.bundles.find((b) => b.bundle.order?.id === data.match.focusOrderId) ?? data.bundles[0] ?? null;
  const intent = (ticket.intent as Intent | null) ?? 'other';
  const ctx: DraftContext = buildDraftContext({
    now,
    settings,
    customerFirstName: (data.view.customer?.name ?? ticket.customerName ?? '').split(/\s+/)[0] || null,
    customerEmail: ticket.customerEmail,
    subject: ticket.subject,
    customerMessage: latest?.bodyText ?? '',
    attachmentCount: latest?.attachmentCount ?? null,
    intent,
    order: focus?.bundle.order ?? null,
    shipments: focus ? focus.bundle.fulfillments.map((f) => ({ fulfillment: f, health: focus.health.get(f.id)! })) : [],
    refunds: focus?.bundle.refunds ?? [],
    returns: focus?.bundle.returns ?? [],
    verdict: verdict ?? NO_VERDICT,
  });
  return { ctx, data, ticket, latest: latest ?? null, settings, verdict, focus, intent, shopId: data.view.shop.id };
}
