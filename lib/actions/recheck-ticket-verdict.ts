import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { messages, orders, tickets } from '@/lib/db/schema';
import type { Settings } from '@/lib/domain/settings';
import type { Classification, Intent, Order, Verdict } from '@/lib/domain/types';
import type { TicketMatch } from '@/lib/ticket-context/match-ticket';
import { loadOrderBundle, type OrderBundle } from '@/lib/ticket-context/load-order-bundle';
import { evaluateTicketPolicy } from '@/lib/ticket-context/evaluate-ticket-policy';

// The policy verdict decided again on the state the caller's transaction sees, rather than the one
// stored when the customer's message arrived: the order may have shipped, been cancelled, or its
// window closed since. With `lock`, the order row is locked until the transaction ends, so the action
// queued next is decided on exactly this state.

export interface RecheckedState {
  ticket: typeof tickets.$inferSelect | null;
  order: Order | null;
  bundle: OrderBundle | null;
  verdict: Verdict | null;
  message: string;
}

export async function recheckTicketVerdict(
  tx: Db,
  input: {
    shopId: string;
    ticketShopId: string;
    ticketId: string;
    orderId: string | null;
    match: TicketMatch;
    settings: Settings;
    now: Date;
    lock?: boolean;
  },
): Promise<RecheckedState> {
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, input.ticketShopId), eq(tickets.gorgiasTicketId, input.ticketId)))
    .limit(1);
  if (input.lock && input.orderId) {
    await tx.execute(
      sql`select 1 from ${orders} where ${orders.shopId} = ${input.shopId} and ${orders.shopifyOrderId} = ${input.orderId} for update`,
    );
  }
  const bundle = input.orderId ? await loadOrderBundle(tx, input.shopId, input.orderId) : null;
  const [latest] = await tx
    .select({ bodyText: messages.bodyText, attachmentCount: messages.attachmentCount })
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
  const message = latest?.bodyText ?? '';
  if (!ticket?.intent)
    return { ticket: ticket ?? null, order: bundle?.order ?? null, bundle, verdict: (ticket?.verdict as Verdict | null) ?? null, message };
  const classification: Classification = {
    intent: ticket.intent as Intent,
    confidence: ticket.intentConfidence ?? 0,
    reasons: ticket.intentReasons ?? [],
    decidedBy: (ticket.intentDecidedBy as Classification['decidedBy']) ?? 'rules',
    orderNumbers: [],
  };
  const { verdict } = await evaluateTicketPolicy(tx, {
    shopId: input.shopId,
    classification,
    bundle,
    match: input.match,
    message,
    photoCount: latest?.attachmentCount ?? 0,
    settings: input.settings,
    now: input.now,
  });
  return { ticket, order: bundle?.order ?? null, bundle, verdict, message };
}
