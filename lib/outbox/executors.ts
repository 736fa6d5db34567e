import type { Config } from '@/lib/config';
import { getDb } from '@/lib/db';
import { gorgiasClientFromConfig, type GorgiasClient } from '@/lib/integrations/gorgias/client';
import { klaviyoClientFromConfig, type KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { shopifyAdminClientFromConfig, type ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { createOpenAI, openAIModel } from '@/lib/integrations/openai/client';
import { generateTicketDraft } from '@/lib/generate-ticket-draft';
import { refreshCustomerFromShopify } from '@/lib/refresh-customer';
import { sendKlaviyoIssueEvent, syncKlaviyoProfile } from '@/lib/sync-klaviyo-profile';
import { sendRecoveryEvent, sendReviewEligible, sendShipmentUpdate } from '@/lib/klaviyo/send-lifecycle-events';
import type { ClaimedEffect, EffectExecutor, OutboxDeps } from './run-outbox';

// What each outbox effect does. Every executor is safe to run twice: it either uses the vendor's
// idempotency (Klaviyo unique_id), is naturally idempotent (add tags, set address), or checks the
// current state before repeating (cancel, return, reply).

export interface ExecutorClients {
  gorgias: GorgiasClient | null;
  klaviyo: KlaviyoClient | null;
  shopify: ShopifyAdminClient | null;
  config: Config;
}

const str = (v: unknown): string => String(v);

function need<T>(client: T | null, system: string): T {
  if (!client) throw new Error(`${system} is not connected; set its credentials in .env`);
  return client;
}

export function buildExecutors(c: ExecutorClients): Record<string, EffectExecutor> {
  return {
    'gorgias.add_tags': async (e) => need(c.gorgias, 'Gorgias').addTags(str(e.payload.ticketId), e.payload.tags as string[]),
    'gorgias.remove_tags': async (e) => need(c.gorgias, 'Gorgias').removeTags(str(e.payload.ticketId), e.payload.tags as string[]),
    'gorgias.assign': async (e) =>
      need(c.gorgias, 'Gorgias').assignTicket(str(e.payload.ticketId), { teamId: e.payload.teamId as number | undefined, userId: e.payload.userId as number | undefined }),
    'gorgias.internal_note': async (e) => need(c.gorgias, 'Gorgias').postInternalNote(str(e.payload.ticketId), { bodyText: str(e.payload.body) }),
    'gorgias.send_reply': async (e) => {
      const gorgias = need(c.gorgias, 'Gorgias');
      const ticketId = str(e.payload.ticketId);
      const body = str(e.payload.body);
      // A retry after a lost answer must not send the reply twice: look for it first.
      if (e.attempts > 1) {
        const ticket = await gorgias.getTicket(ticketId);
        if (ticket.messages.some((m) => m.fromAgent && normalise(m.bodyText) === normalise(body))) return { alreadySent: true };
      }
      return gorgias.sendReply(ticketId, { channel: str(e.payload.channel ?? 'email'), bodyText: body, receiverEmail: (e.payload.receiverEmail as string | undefined) ?? undefined });
    },
    'shopify.cancel_order': async (e) => {
      const shopify = need(c.shopify, 'Shopify');
      const orderId = str(e.payload.orderId);
      const state = await shopify.orderState(orderId);
      if (state?.cancelledAt) return { alreadyCancelled: true, cancelledAt: state.cancelledAt };
      const result = await shopify.cancelOrder({
        orderId,
        reason: str(e.payload.reason ?? 'CUSTOMER'),
        refund: Boolean(e.payload.refund),
        restock: Boolean(e.payload.restock),
        notifyCustomer: Boolean(e.payload.notifyCustomer ?? true),
        staffNote: (e.payload.staffNote as string | undefined) ?? 'Cancelled via Concord',
      });
      return userErrorsOrResult(result);
    },
    'shopify.update_address': async (e) => userErrorsOrResult(await need(c.shopify, 'Shopify').updateShippingAddress(str(e.payload.orderId), e.payload.address as never)),
    'shopify.create_return': async (e) => {
      const shopify = need(c.shopify, 'Shopify');
      const orderId = str(e.payload.orderId);
      if (e.attempts > 1) {
        const state = await shopify.orderState(orderId);
        if (state && state.returns.length > 0) return { alreadyCreated: true, returns: state.returns };
      }
      const returnable = await shopify.returnableFulfillments(orderId);
      const lineItems = returnable.map((r) => ({ fulfillmentLineItemId: r.fulfillmentLineItemId, quantity: r.quantity }));
      if (lineItems.length === 0) throw new Error(`Order ${orderId} has nothing returnable in Shopify.`);
      return userErrorsOrResult(await shopify.createReturn({ orderId, lineItems, reason: str(e.payload.reason ?? 'OTHER'), note: (e.payload.note as string | undefined) ?? 'Created via Concord' }));
    },
    'shopify.tag_order': async (e) => userErrorsOrResult(await need(c.shopify, 'Shopify').addTags(str(e.payload.orderId), e.payload.tags as string[])),
    'shopify.refresh_customer': async (e) => refreshCustomerFromShopify(await getDb(), need(c.shopify, 'Shopify'), e.shopId, str(e.payload.email), new Date()),
    'klaviyo.sync_profile': async (e) => syncKlaviyoProfile(await getDb(), need(c.klaviyo, 'Klaviyo'), e.shopId, str(e.payload.email), new Date()),
    'klaviyo.issue_event': async (e) => sendKlaviyoIssueEvent(need(c.klaviyo, 'Klaviyo'), e.payload as never),
    'klaviyo.shipment_update': async (e) => sendShipmentUpdate(need(c.klaviyo, 'Klaviyo'), e.payload as never),
    'klaviyo.recovery_event': async (e) => sendRecoveryEvent(await getDb(), need(c.klaviyo, 'Klaviyo'), e.shopId, e.payload as never),
    'klaviyo.review_eligible': async (e) => sendReviewEligible(need(c.klaviyo, 'Klaviyo'), e.payload as never),
    'concord.generate_draft': async (e: ClaimedEffect) =>
      generateTicketDraft(await getDb(), { openai: createOpenAI(c.config), model: openAIModel(c.config), config: c.config }, {
        shopId: e.shopId,
        ticketShopId: str(e.payload.ticketShopId ?? e.shopId),
        ticketId: str(e.payload.ticketId),
        messageId: e.payload.messageId ? str(e.payload.messageId) : null,
        now: new Date(),
      }),
  };
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

// A mutation's userErrors mean Shopify refused: retrying won't help, so dead-letter with the reason.
function userErrorsOrResult<T extends { ok: boolean; userErrors: { message: string }[] }>(result: T): T {
  if (!result.ok) throw new Error(`Shopify refused: ${result.userErrors.map((u) => u.message).join('; ') || 'unknown error'}`);
  return result;
}

export function outboxDepsFromConfig(config: Config): OutboxDeps {
  const clients: ExecutorClients = {
    gorgias: gorgiasClientFromConfig(config),
    klaviyo: klaviyoClientFromConfig(config),
    shopify: shopifyAdminClientFromConfig(config),
    config,
  };
  return {
    executors: buildExecutors(clients),
    lockMs: config.env.CONCORD_OUTBOX_LOCK_MS,
    // Demo mode, or a system without credentials: record the call instead of sending it.
    isLive: (kind) => {
      const system = kind.split('.')[0];
      if (system === 'concord') return true;
      if (system === 'gorgias') return clients.gorgias !== null;
      if (system === 'klaviyo') return clients.klaviyo !== null;
      if (system === 'shopify') return clients.shopify !== null;
      return false;
    },
  };
}
