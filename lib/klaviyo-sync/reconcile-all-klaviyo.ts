import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { klaviyoClientFromConfig } from '@/lib/integrations/klaviyo/client';
import { klaviyoClientForShop } from '@/lib/connections/shop-clients';
import { reconcileKlaviyo } from './reconcile-klaviyo';

/** Each store against its own Klaviyo account (the environment's for stores with none linked): compare flags, repair drift. */
export async function reconcileKlaviyoForAllShops(db: Db, config: Config) {
  const envKlaviyo = config.demoMode ? null : klaviyoClientFromConfig(config);
  const results = [];
  for (const shop of await db.select({ id: shops.id }).from(shops)) {
    const klaviyo = (config.demoMode ? null : await klaviyoClientForShop(db, config, shop.id)) ?? envKlaviyo;
    if (!klaviyo) continue;
    const r = await reconcileKlaviyo(db, klaviyo, shop.id, new Date());
    results.push({
      shop: shop.id,
      checked: r.checked,
      inSync: r.inSync,
      drift: r.drift.length,
      repaired: r.repaired,
      stillFlaggedAfterResolution: r.stillFlaggedAfterResolution,
    });
  }
  if (results.length === 0)
    throw new AppError('klaviyo_not_connected', 'No store has a Klaviyo account: add one on /admin/connections (or set KLAVIYO_API_KEY).');
  return { ok: true, shops: results };
}
