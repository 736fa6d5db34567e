import type { Db } from '@/lib/db/client';
import type { Config } from '@/lib/runtime/config';
import type { GorgiasClient } from '@/lib/integrations/gorgias/client';
import type { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import type { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import type { EffectKind, EffectPayload } from '@/lib/outbox/effect-kinds';

/** The effect's own shop's clients. Each throws when that system isn't connected for the shop. */
export interface EffectClients {
  shopify(): Promise<ShopifyAdminClient>;
  gorgias(): Promise<GorgiasClient>;
  klaviyo(): Promise<KlaviyoClient>;
  /** The shops whose customers share this shop's Klaviyo account (undefined: only this shop). */
  klaviyoShops(): Promise<string[] | undefined>;
}

/** What an executor is given: everything it may touch, so it reaches for nothing global. */
export interface EffectContext {
  db: Db;
  config: Config;
  shopId: string;
  /** This run's attempt, counting this one: above 1, a lost answer may mean it already happened. */
  attempts: number;
  /** The effect's idempotency key: a marker a retry looks for where the vendor has no key of its own. */
  idempotencyKey: string;
  /** The wall clock when this run started. */
  now: Date;
  clients: EffectClients;
}

export type EffectExecutor<K extends EffectKind> = (payload: EffectPayload<K>, ctx: EffectContext) => Promise<unknown>;

/** One executor per effect kind: a kind without one does not compile. */
export type EffectExecutors = { [K in EffectKind]: EffectExecutor<K> };
