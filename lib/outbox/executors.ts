import type { Config } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { gorgiasClientFromConfig, type GorgiasClient } from '@/lib/integrations/gorgias/client';
import { klaviyoClientFromConfig, type KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { shopifyAdminClientFromConfig, type ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { createOpenAI, openAIModel } from '@/lib/integrations/openai/client';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { refreshCustomerFromShopify } from '@/lib/shopify-sync/refresh-customer';
import { sendKlaviyoIssueEvent, syncKlaviyoProfile } from '@/lib/klaviyo-sync/sync-klaviyo-profile';
import { sendRecoveryEvent, sendReviewEligible, sendShipmentUpdate } from '@/lib/klaviyo-sync/send-lifecycle-events';
import type { ClaimedEffect, EffectExecutor, OutboxDeps } from './run-outbox';
import { buildActionExecutors } from '@/lib/actions/action-executors';
import { FETCH_CUSTOMER_HISTORY, fetchCustomerHistory } from '@/lib/ticket-context/fetch-customer-history';
import { eq } from 'drizzle-orm';
import { shops } from '@/lib/db/schema';
import { ConnectionUnavailableError } from '@/lib/connections/connection-unavailable';
import { gorgiasSubdomain } from '@/lib/connections/save-accounts';
import { gorgiasClientForShop, klaviyoAccountForShop, klaviyoClientForShop, shopifyClientForShop, shopsInKlaviyoAccount } from '@/lib/connections/shop-clients';

// What each outbox effect does. Every executor is safe to run twice: it either uses the vendor's
// idempotency (Klaviyo unique_id), is naturally idempotent (add tags, set address), or checks the
// current state before repeating (cancel, return, reply).

export interface ExecutorClients {
  gorgias: GorgiasClient | null;
  klaviyo: KlaviyoClient | null;
  shopify: ShopifyAdminClient | null;
  config: Config;
  /** Each effect's own shop's clients. When set, it is used instead of the three fixed clients above. */
  forShop?: ShopClientResolver;
}

/** Looks up the clients for the shop an effect belongs to (null: that system isn't connected for it). */
export interface ShopClientResolver {
  shopify(shopId: string): Promise<ShopifyAdminClient | null>;
  gorgias(shopId: string): Promise<GorgiasClient | null>;
  klaviyo(shopId: string): Promise<KlaviyoClient | null>;
  /** The shops whose customers share this shop's Klaviyo account (their state for one email is merged). */
  klaviyoShops?(shopId: string): Promise<string[]>;
}

const str = (v: unknown): string => String(v);

function need<T>(client: T | null, system: string): T {
  if (!client) throw new Error(`${system} is not connected; set its credentials in .env`);
  return client;
}

type System = 'shopify' | 'gorgias' | 'klaviyo';
type ClientOf<S extends System> = S extends 'shopify' ? ShopifyAdminClient : S extends 'gorgias' ? GorgiasClient : KlaviyoClient;

async function clientFor<S extends System>(c: ExecutorClients, system: S, shopId: string): Promise<ClientOf<S>> {
  if (!c.forShop) return need(c[system] as ClientOf<S> | null, system[0].toUpperCase() + system.slice(1));
  const client = (await c.forShop[system](shopId)) as ClientOf<S> | null;
  if (!client) throw new ConnectionUnavailableError(system, shopId, `${system} is not connected for ${shopId}: link an account on /admin/connections.`);
  return client;
}

export function buildExecutors(c: ExecutorClients): Record<string, EffectExecutor> {
  return {
    'gorgias.add_tags': async (e) => (await clientFor(c, 'gorgias', e.shopId)).addTags(str(e.payload.ticketId), e.payload.tags as string[]),
    'gorgias.remove_tags': async (e) => (await clientFor(c, 'gorgias', e.shopId)).removeTags(str(e.payload.ticketId), e.payload.tags as string[]),
    'gorgias.assign': async (e) =>
      (await clientFor(c, 'gorgias', e.shopId)).assignTicket(str(e.payload.ticketId), { teamId: e.payload.teamId as number | undefined, userId: e.payload.userId as number | undefined }),
    'gorgias.internal_note': async (e) => (await clientFor(c, 'gorgias', e.shopId)).postInternalNote(str(e.payload.ticketId), { bodyText: str(e.payload.body) }),
    'gorgias.send_reply': async (e) => {
      const gorgias = (await clientFor(c, 'gorgias', e.shopId));
      const ticketId = str(e.payload.ticketId);
      const body = str(e.payload.body);
      // A retry after a lost answer must not send the reply twice: look for it first.
      if (e.attempts > 1) {
        const ticket = await gorgias.getTicket(ticketId);
        if (ticket.messages.some((m) => m.fromAgent && normalise(m.bodyText) === normalise(body))) return { alreadySent: true };
      }
      return gorgias.sendReply(ticketId, {
        channel: str(e.payload.channel ?? 'email'),
        bodyText: body,
        receiverEmail: (e.payload.receiverEmail as string | undefined) ?? undefined,
        senderEmail: (e.payload.senderEmail as string | undefined) ?? undefined,
        receiverPhone: (e.payload.receiverPhone as string | undefined) ?? null,
        receiverCustomerId: (e.payload.customerId as string | undefined) ?? null,
      });
    },
    // Payload: fetchCustomerHistoryPayload (zod, next to the executor).
    [FETCH_CUSTOMER_HISTORY]: async (e) => fetchCustomerHistory(await getDb(), await clientFor(c, 'gorgias', e.shopId), e.shopId, e.payload, new Date()),
    'gorgias.set_priority': async (e) => (await clientFor(c, 'gorgias', e.shopId)).setPriority(str(e.payload.ticketId), str(e.payload.priority)),
    'shopify.tag_order': async (e) => userErrorsOrResult(await (await clientFor(c, 'shopify', e.shopId)).addTags(str(e.payload.orderId), e.payload.tags as string[])),
    'shopify.refresh_customer': async (e) => refreshCustomerFromShopify(await getDb(), (await clientFor(c, 'shopify', e.shopId)), e.shopId, str(e.payload.email), new Date()),
    'klaviyo.sync_profile': async (e) =>
      syncKlaviyoProfile(await getDb(), await clientFor(c, 'klaviyo', e.shopId), e.shopId, str(e.payload.email), new Date(), {
        accountShopIds: (await c.forShop?.klaviyoShops?.(e.shopId)) ?? undefined,
      }),
    'klaviyo.issue_event': async (e) => sendKlaviyoIssueEvent(await clientFor(c, 'klaviyo', e.shopId), e.payload as never),
    'klaviyo.shipment_update': async (e) => sendShipmentUpdate(await clientFor(c, 'klaviyo', e.shopId), e.payload as never),
    'klaviyo.recovery_event': async (e) => sendRecoveryEvent(await getDb(), await clientFor(c, 'klaviyo', e.shopId), e.shopId, e.payload as never),
    'klaviyo.review_eligible': async (e) => sendReviewEligible(await clientFor(c, 'klaviyo', e.shopId), e.payload as never),
    'concord.generate_draft': async (e: ClaimedEffect) =>
      generateTicketDraft(await getDb(), { openai: createOpenAI(c.config), model: openAIModel(c.config), config: c.config }, {
        shopId: e.shopId,
        ticketShopId: str(e.payload.ticketShopId ?? e.shopId),
        ticketId: str(e.payload.ticketId),
        messageId: e.payload.messageId ? str(e.payload.messageId) : null,
        now: new Date(),
      }),
    // cancel, address, return, exchange, refund, reship, store credit, discount code: re-checked live first
    ...buildActionExecutors({ shopifyFor: (shopId) => clientFor(c, 'shopify', shopId) }),
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

/**
 * The worker's executors: every effect runs with its own shop's connections (lib/connections). The
 * clients built from the environment still serve where the database has no connection yet: the
 * Shopify one only for SHOPIFY_SHOP_DOMAIN, the Gorgias one only for shops of GORGIAS_DOMAIN (or with
 * no helpdesk linked), the Klaviyo one for shops with no Klaviyo account linked.
 */
export function outboxDepsFromConfig(config: Config): OutboxDeps {
  const env = { gorgias: gorgiasClientFromConfig(config), klaviyo: klaviyoClientFromConfig(config), shopify: shopifyAdminClientFromConfig(config) };
  const forShop = shopClientResolver(config, env);
  const clients: ExecutorClients = { ...env, config, forShop };
  return {
    executors: buildExecutors(clients),
    lockMs: config.env.CONCORD_OUTBOX_LOCK_MS,
    // Demo mode, or a system without credentials for this shop: record the call instead of sending it.
    // A shop whose Shopify connection is revoked or uninstalled is still "live": its effects wait.
    isLive: async (kind, shopId) => {
      const system = kind.split('.')[0];
      if (system === 'concord') return true;
      if (system !== 'gorgias' && system !== 'klaviyo' && system !== 'shopify') return false;
      return (await forShop[system](shopId)) !== null;
    },
  };
}

export function shopClientResolver(config: Config, env: { gorgias: GorgiasClient | null; klaviyo: KlaviyoClient | null; shopify: ShopifyAdminClient | null }): ShopClientResolver {
  const envGorgiasDomain = config.env.GORGIAS_DOMAIN ? gorgiasSubdomain(config.env.GORGIAS_DOMAIN) : null;
  // Demo mode never calls out with stored connections (the demo's accounts hold placeholders): only
  // the environment's clients, as before connections were data.
  if (config.demoMode) {
    return {
      shopify: async (shopId) => (shopId === config.env.SHOPIFY_SHOP_DOMAIN ? env.shopify : null),
      gorgias: async () => env.gorgias,
      klaviyo: async () => env.klaviyo,
      klaviyoShops: async (shopId) => [shopId],
    };
  }
  return {
    shopify: async (shopId) => (await shopifyClientForShop(await getDb(), config, shopId)) ?? (shopId === config.env.SHOPIFY_SHOP_DOMAIN ? env.shopify : null),
    gorgias: async (shopId) => {
      const db = await getDb();
      const own = await gorgiasClientForShop(db, config, shopId);
      if (own || !env.gorgias) return own;
      const [shop] = await db.select({ gorgiasDomain: shops.gorgiasDomain }).from(shops).where(eq(shops.id, shopId)).limit(1);
      return !shop?.gorgiasDomain || shop.gorgiasDomain === envGorgiasDomain ? env.gorgias : null;
    },
    klaviyo: async (shopId) => (await klaviyoClientForShop(await getDb(), config, shopId)) ?? env.klaviyo,
    klaviyoShops: async (shopId) => {
      const db = await getDb();
      const account = await klaviyoAccountForShop(db, shopId);
      return account ? shopsInKlaviyoAccount(db, account) : [shopId];
    },
  };
}
