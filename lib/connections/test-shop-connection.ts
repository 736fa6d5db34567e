import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { ConnectionUnavailableError } from './connection-unavailable';
import { gorgiasClientForShop, klaviyoClientForShop, shopifyClientForShop } from './shop-clients';

export const SHOP_SYSTEMS = ['shopify', 'gorgias', 'klaviyo'] as const;
export type ShopSystem = (typeof SHOP_SYSTEMS)[number];

/** One read-only call with the shop's own credentials, so an admin can tell they work. No secret is returned. */
export async function testShopConnection(
  db: Db,
  config: Config,
  shopId: string,
  system: ShopSystem,
): Promise<{ ok: boolean; msg: string; ms: number }> {
  const started = Date.now();
  const done = (ok: boolean, msg: string) => ({ ok, msg, ms: Date.now() - started });
  if (config.demoMode)
    return done(false, 'Demo mode: Concord makes no outside calls, so there is nothing to test. Set real credentials to leave demo mode.');
  try {
    switch (system) {
      case 'shopify': {
        const c = await shopifyClientForShop(db, config, shopId);
        if (!c) return done(false, `${shopId} is not connected to Shopify: install the app first.`);
        return done(true, `Shopify answered: the store is “${await c.shopName()}”.`);
      }
      case 'gorgias': {
        const c = await gorgiasClientForShop(db, config, shopId);
        if (!c) return done(false, `No Gorgias account is linked to ${shopId}.`);
        return done(true, `Gorgias answered: ${(await c.listIntegrations()).length} integrations visible.`);
      }
      case 'klaviyo': {
        const c = await klaviyoClientForShop(db, config, shopId);
        if (!c) return done(false, `No Klaviyo account is linked to ${shopId}.`);
        return done(true, `Klaviyo answered: ${(await c.listSegments()).length} segments visible.`);
      }
    }
  } catch (err) {
    if (err instanceof ConnectionUnavailableError) return done(false, err.message);
    return done(false, `${system} answered with an error: ${(err as Error).message.slice(0, 200)}`);
  }
}
