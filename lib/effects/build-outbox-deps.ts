import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';
import { gorgiasClientFromConfig, type GorgiasClient } from '@/lib/integrations/gorgias/client';
import { klaviyoClientFromConfig, type KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { shopifyAdminClientFromConfig, type ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { ConnectionUnavailableError } from '@/lib/connections/connection-unavailable';
import { gorgiasSubdomain } from '@/lib/connections/save-accounts';
import {
  gorgiasClientForShop,
  klaviyoAccountForShop,
  klaviyoClientForShop,
  shopifyClientForShop,
  shopsInKlaviyoAccount,
} from '@/lib/connections/shop-clients';
import { routeStoppedAction } from '@/lib/automation/route-stopped-action';
import type { OutboxDeps } from '@/lib/outbox/run-outbox';
import type { EffectClients, EffectExecutors } from './effect-context';
import { effectExecutors } from './effect-executors';
import { queueExecutors } from './run-effect';

// The outbox worker's wiring: the typed executors (lib/effects/effect-executors.ts), each effect's
// own shop's clients, what "connected" means, and where a stopped action goes.

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
  shopify(db: Db, shopId: string): Promise<ShopifyAdminClient | null>;
  gorgias(db: Db, shopId: string): Promise<GorgiasClient | null>;
  klaviyo(db: Db, shopId: string): Promise<KlaviyoClient | null>;
  /** The shops whose customers share this shop's Klaviyo account (their state for one email is merged). */
  klaviyoShops?(db: Db, shopId: string): Promise<string[]>;
}

type System = 'shopify' | 'gorgias' | 'klaviyo';
type ClientOf<S extends System> = S extends 'shopify' ? ShopifyAdminClient : S extends 'gorgias' ? GorgiasClient : KlaviyoClient;

function need<T>(client: T | null, system: string): T {
  if (!client) throw new Error(`${system} is not connected; set its credentials in .env`);
  return client;
}

async function clientFor<S extends System>(c: ExecutorClients, system: S, db: Db, shopId: string): Promise<ClientOf<S>> {
  if (!c.forShop) return need(c[system] as ClientOf<S> | null, system[0].toUpperCase() + system.slice(1));
  const client = (await c.forShop[system](db, shopId)) as ClientOf<S> | null;
  if (!client)
    throw new ConnectionUnavailableError(
      system,
      shopId,
      `${system} is not connected for ${shopId}: link an account on /admin/connections.`,
    );
  return client;
}

/** The clients one effect's executor is given: its own shop's, looked up when first asked for. */
function effectClients(c: ExecutorClients, db: Db, shopId: string): EffectClients {
  return {
    shopify: () => clientFor(c, 'shopify', db, shopId),
    gorgias: () => clientFor(c, 'gorgias', db, shopId),
    klaviyo: () => clientFor(c, 'klaviyo', db, shopId),
    klaviyoShops: async () => (await c.forShop?.klaviyoShops?.(db, shopId)) ?? undefined,
  };
}

/** The queue's executors: every kind of the registry, run with the effect's own shop's clients. */
export function buildExecutors(c: ExecutorClients, executors: EffectExecutors = effectExecutors): OutboxDeps['executors'] {
  return queueExecutors(executors, (effect, db) => ({
    db,
    config: c.config,
    shopId: effect.shopId,
    attempts: effect.attempts,
    idempotencyKey: effect.idempotencyKey,
    now: new Date(),
    clients: effectClients(c, db, effect.shopId),
  }));
}

/**
 * The worker's executors: every effect runs with its own shop's connections (lib/connections). The
 * clients built from the environment still serve where the database has no connection yet: the
 * Shopify one only for SHOPIFY_SHOP_DOMAIN, the Gorgias one only for shops of GORGIAS_DOMAIN (or with
 * no helpdesk linked), the Klaviyo one for shops with no Klaviyo account linked.
 */
export function outboxDepsFromConfig(config: Config): OutboxDeps {
  const env = {
    gorgias: gorgiasClientFromConfig(config),
    klaviyo: klaviyoClientFromConfig(config),
    shopify: shopifyAdminClientFromConfig(config),
  };
  const forShop = shopClientResolver(config, env);
  const clients: ExecutorClients = { ...env, config, forShop };
  return {
    executors: buildExecutors(clients),
    lockMs: config.env.CONCORD_OUTBOX_LOCK_MS,
    // Demo mode, or a system without credentials for this shop: record the call instead of sending it.
    // A shop whose Shopify connection is revoked or uninstalled is still "live": its effects wait.
    isLive: async (kind, shopId, db) => {
      const system = kind.split('.')[0];
      if (system === 'concord') return true;
      if (system !== 'gorgias' && system !== 'klaviyo' && system !== 'shopify') return false;
      return (await forShop[system](db, shopId)) !== null;
    },
    // An action the executor stopped goes to a person, with the reason, in the settling transaction.
    onStopped: routeStoppedAction,
  };
}

function shopClientResolver(
  config: Config,
  env: { gorgias: GorgiasClient | null; klaviyo: KlaviyoClient | null; shopify: ShopifyAdminClient | null },
): ShopClientResolver {
  const envGorgiasDomain = config.env.GORGIAS_DOMAIN ? gorgiasSubdomain(config.env.GORGIAS_DOMAIN) : null;
  // Demo mode never calls out with stored connections (the demo's accounts hold placeholders): only
  // the environment's clients, as before connections were data.
  if (config.demoMode) {
    return {
      shopify: async (_db, shopId) => (shopId === config.env.SHOPIFY_SHOP_DOMAIN ? env.shopify : null),
      gorgias: async () => env.gorgias,
      klaviyo: async () => env.klaviyo,
      klaviyoShops: async (_db, shopId) => [shopId],
    };
  }
  return {
    shopify: async (db, shopId) =>
      (await shopifyClientForShop(db, config, shopId)) ?? (shopId === config.env.SHOPIFY_SHOP_DOMAIN ? env.shopify : null),
    gorgias: async (db, shopId) => {
      const own = await gorgiasClientForShop(db, config, shopId);
      if (own || !env.gorgias) return own;
      const [shop] = await db.select({ gorgiasDomain: shops.gorgiasDomain }).from(shops).where(eq(shops.id, shopId)).limit(1);
      return !shop?.gorgiasDomain || shop.gorgiasDomain === envGorgiasDomain ? env.gorgias : null;
    },
    klaviyo: async (db, shopId) => (await klaviyoClientForShop(db, config, shopId)) ?? env.klaviyo,
    klaviyoShops: async (db, shopId) => {
      const account = await klaviyoAccountForShop(db, shopId);
      return account ? shopsInKlaviyoAccount(db, account) : [shopId];
    },
  };
}
