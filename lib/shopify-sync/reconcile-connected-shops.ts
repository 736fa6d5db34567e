import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shopifyConnections, shops } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { backfillShop } from '@/lib/connections/backfill-shop';
import { shopifyClientForShop } from '@/lib/connections/shop-clients';
import { reconcileShop } from './reconcile-shop';

/**
 * Repairs drift between Shopify and the read model for every connected store; a store's first run is
 * its 60-day backfill. One store's failure is reported and does not stop the others.
 */
export async function reconcileConnectedShops(db: Db, config: Config) {
  const connected = await db
    .select({ shopId: shopifyConnections.shopId, backfilledAt: shops.backfilledAt })
    .from(shopifyConnections)
    .leftJoin(shops, eq(shops.id, shopifyConnections.shopId))
    .where(eq(shopifyConnections.status, 'connected'))
    .orderBy(shopifyConnections.shopId);
  if (connected.length === 0)
    throw new AppError(
      'shopify_not_connected',
      'No store is connected to Shopify: add one on /admin/connections (or set SHOPIFY_SHOP_DOMAIN and SHOPIFY_ADMIN_ACCESS_TOKEN).',
    );
  const results = [];
  for (const { shopId, backfilledAt } of connected) {
    try {
      // Each store gets the time it starts at: a backfill can take a while.
      const client = await shopifyClientForShop(db, config, shopId);
      const r = !backfilledAt
        ? await backfillShop(db, config, shopId, new Date())
        : client
          ? await reconcileShop(db, client, shopId, new Date())
          : null;
      results.push({ shop: shopId, ok: true, ...r });
    } catch (err) {
      results.push({ shop: shopId, ok: false, error: (err as Error).message.slice(0, 300) });
    }
  }
  return { ok: results.every((r) => r.ok), shops: results };
}
