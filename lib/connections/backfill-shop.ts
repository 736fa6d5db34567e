import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';
import { reconcileShop, type ReconcileResult } from '@/lib/shopify-sync/reconcile-shop';
import { ConnectionUnavailableError } from './connection-unavailable';
import { shopifyClientForShop } from './shop-clients';
import type { TokenDeps } from './refresh-shopify-token';

/** The first 60-day backfill of a newly connected store, with its progress on the shop row for the admin page. */
export async function backfillShop(db: Db, config: Config, shopId: string, now: Date, deps: TokenDeps = {}): Promise<ReconcileResult> {
  await db
    .update(shops)
    .set({ backfillStatus: 'running', backfillProgress: { pages: 0, checked: 0, repaired: 0 } })
    .where(eq(shops.id, shopId));
  try {
    const client = await shopifyClientForShop(db, config, shopId, deps);
    if (!client) throw new ConnectionUnavailableError('shopify', shopId, `Shopify is not connected for ${shopId}.`);
    const result = await reconcileShop(db, client, shopId, now, {
      onPage: async (p) => {
        await db
          .update(shops)
          .set({ backfillProgress: { pages: p.pages, checked: p.checked, repaired: p.missing + p.behind } })
          .where(eq(shops.id, shopId));
      },
    });
    await db
      .update(shops)
      .set({
        backfillStatus: 'done',
        backfillProgress: { pages: result.pages, checked: result.checked, repaired: result.missing + result.behind },
      })
      .where(eq(shops.id, shopId));
    return result;
  } catch (err) {
    const message = (err as Error).message.slice(0, 500);
    await db
      .update(shops)
      .set({
        backfillStatus: 'failed',
        backfillProgress: { pages: 0, checked: 0, repaired: 0, error: `${message} (/api/cron/reconcile retries it)` },
      })
      .where(eq(shops.id, shopId));
    throw err;
  }
}

/** Runs in the background of the request that connected the store. */
export function startShopBackfill(db: Db, config: Config, shopId: string, now: Date, deps: TokenDeps = {}): Promise<void> {
  return backfillShop(db, config, shopId, now, deps).then(
    (r) => console.log(`[concord] ${shopId}: backfilled ${r.checked} orders from the last 60 days`),
    (err) => console.error(`[concord] ${shopId}: backfill failed; /api/cron/reconcile retries it:`, (err as Error).message),
  );
}
