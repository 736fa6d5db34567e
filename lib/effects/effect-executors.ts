import { createOpenAI, openAIModel } from '@/lib/integrations/openai/client';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { refreshCustomerFromShopify } from '@/lib/shopify-sync/refresh-customer';
import { sendKlaviyoIssueEvent, syncKlaviyoProfile } from '@/lib/klaviyo-sync/sync-klaviyo-profile';
import { sendRecoveryEvent, sendReviewEligible, sendShipmentUpdate } from '@/lib/klaviyo-sync/send-lifecycle-events';
import { actionExecutors } from '@/lib/actions/action-executors';
import { fetchCustomerHistory } from '@/lib/ticket-context/fetch-customer-history';
import type { EffectExecutors } from './effect-context';

// What each outbox effect does, one executor per kind of lib/outbox/effect-kinds.ts, each given its
// payload (already checked against the kind's schema) and its context (db, clients, clock). Every
// executor is safe to run twice: it either uses the vendor's idempotency (Klaviyo unique_id), is
// naturally idempotent (add tags, set address), or checks the current state before repeating
// (cancel, return, reply).

export const effectExecutors: EffectExecutors = {
  'gorgias.add_tags': async (p, ctx) => (await ctx.clients.gorgias()).addTags(p.ticketId, p.tags),
  'gorgias.remove_tags': async (p, ctx) => (await ctx.clients.gorgias()).removeTags(p.ticketId, p.tags),
  'gorgias.assign': async (p, ctx) => (await ctx.clients.gorgias()).assignTicket(p.ticketId, { teamId: p.teamId, userId: p.userId }),
  'gorgias.internal_note': async (p, ctx) => (await ctx.clients.gorgias()).postInternalNote(p.ticketId, { bodyText: p.body }),
  'gorgias.send_reply': async (p, ctx) => {
    const gorgias = await ctx.clients.gorgias();
    // A retry after a lost answer must not send the reply twice: look for it first.
    if (ctx.attempts > 1) {
      const ticket = await gorgias.getTicket(p.ticketId);
      if (ticket.messages.some((m) => m.fromAgent && normalise(m.bodyText) === normalise(p.body))) return { alreadySent: true };
    }
    return gorgias.sendReply(p.ticketId, {
      channel: p.channel ?? 'email',
      bodyText: p.body,
      receiverEmail: p.receiverEmail ?? undefined,
      senderEmail: p.senderEmail ?? undefined,
      receiverPhone: p.receiverPhone ?? null,
      receiverCustomerId: p.customerId ?? null,
    });
  },
  'gorgias.set_priority': async (p, ctx) => (await ctx.clients.gorgias()).setPriority(p.ticketId, p.priority),
  'gorgias.fetch_customer_history': async (p, ctx) => fetchCustomerHistory(ctx.db, await ctx.clients.gorgias(), ctx.shopId, p, ctx.now),
  'shopify.tag_order': async (p, ctx) => userErrorsOrResult(await (await ctx.clients.shopify()).addTags(p.orderId, p.tags)),
  'shopify.refresh_customer': async (p, ctx) =>
    refreshCustomerFromShopify(ctx.db, await ctx.clients.shopify(), ctx.shopId, p.email, ctx.now),
  'klaviyo.sync_profile': async (p, ctx) => {
    const klaviyo = await ctx.clients.klaviyo();
    return syncKlaviyoProfile(ctx.db, klaviyo, ctx.shopId, p.email, ctx.now, { accountShopIds: await ctx.clients.klaviyoShops() });
  },
  'klaviyo.issue_event': async (p, ctx) => sendKlaviyoIssueEvent(await ctx.clients.klaviyo(), p),
  'klaviyo.shipment_update': async (p, ctx) => sendShipmentUpdate(await ctx.clients.klaviyo(), p),
  'klaviyo.recovery_event': async (p, ctx) => sendRecoveryEvent(ctx.db, await ctx.clients.klaviyo(), ctx.shopId, p),
  'klaviyo.review_eligible': async (p, ctx) => sendReviewEligible(await ctx.clients.klaviyo(), p),
  'concord.generate_draft': async (p, ctx) =>
    generateTicketDraft(
      ctx.db,
      { openai: createOpenAI(ctx.config), model: openAIModel(ctx.config), config: ctx.config },
      {
        shopId: ctx.shopId,
        ticketShopId: p.ticketShopId ?? ctx.shopId,
        ticketId: p.ticketId,
        messageId: p.messageId ? p.messageId : null,
        now: ctx.now,
      },
    ),
  // cancel, address, return, exchange, refund, reship, store credit, discount code: re-checked live first
  ...actionExecutors,
};

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

// A mutation's userErrors mean Shopify refused: retrying won't help, so dead-letter with the reason.
function userErrorsOrResult<T extends { ok: boolean; userErrors: { message: string }[] }>(result: T): T {
  if (!result.ok) throw new Error(`Shopify refused: ${result.userErrors.map((u) => u.message).join('; ') || 'unknown error'}`);
  return result;
}
