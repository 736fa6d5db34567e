import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { ensureShop } from '@/lib/connections/shops';
import { eq } from 'drizzle-orm';
import { gorgiasAccounts, shops } from '@/lib/db/schema';
import { connectWithStaticToken } from './install-shopify-app';
import { gorgiasSubdomain, linkShopAccounts, saveGorgiasAccount, saveKlaviyoAccount } from './save-accounts';
import { loadShopifyConnection } from './shopify-connection-store';

const ENV_KLAVIYO_LABEL = 'environment';

/**
 * The environment variables are a shortcut: at start-up they seed one connection of each kind, so a
 * setup from before connections were data keeps working. A connection made in the app (an OAuth
 * install, an account added on /admin/connections) is never overwritten by the environment.
 */
export async function seedEnvConnections(db: Db, config: Config, now: Date): Promise<string[]> {
  const seeded: string[] = [];
  const env = config.env;
  const gorgiasDomain = env.GORGIAS_DOMAIN ? gorgiasSubdomain(env.GORGIAS_DOMAIN) : null;
  if (env.GORGIAS_DOMAIN && env.GORGIAS_API_EMAIL && env.GORGIAS_API_KEY) {
    const [existing] = await db
      .select({ fromEnv: gorgiasAccounts.fromEnv })
      .from(gorgiasAccounts)
      .where(eq(gorgiasAccounts.domain, gorgiasDomain!))
      .limit(1);
    if (!existing || existing.fromEnv) {
      await saveGorgiasAccount(db, config, {
        domain: env.GORGIAS_DOMAIN,
        apiEmail: env.GORGIAS_API_EMAIL,
        apiKey: env.GORGIAS_API_KEY,
        fromEnv: true,
      });
      seeded.push(`Gorgias account ${gorgiasDomain}`);
    }
  }
  let klaviyoId: number | null = null;
  if (env.KLAVIYO_API_KEY) {
    klaviyoId = await saveKlaviyoAccount(db, config, { label: ENV_KLAVIYO_LABEL, privateKey: env.KLAVIYO_API_KEY, fromEnv: true });
    seeded.push('Klaviyo account "environment"');
  }
  if (env.SHOPIFY_SHOP_DOMAIN && env.SHOPIFY_ADMIN_ACCESS_TOKEN) {
    const shop = env.SHOPIFY_SHOP_DOMAIN;
    await ensureShop(db, { id: shop, name: shop, gorgiasDomain });
    const existing = await loadShopifyConnection(db, shop);
    if (!existing || existing.fromEnv) {
      await connectWithStaticToken(
        db,
        config,
        shop,
        env.SHOPIFY_ADMIN_ACCESS_TOKEN,
        now,
        { type: 'system', id: 'environment' },
        { fromEnv: true, skipSetup: true },
      );
      seeded.push(`Shopify ${shop} (static token)`);
    }
    const [row] = await db
      .select({ gorgiasDomain: shops.gorgiasDomain, klaviyoAccountId: shops.klaviyoAccountId })
      .from(shops)
      .where(eq(shops.id, shop));
    await linkShopAccounts(db, shop, {
      ...(row && !row.gorgiasDomain && gorgiasDomain ? { gorgiasDomain } : {}),
      ...(row && row.klaviyoAccountId == null && klaviyoId !== null ? { klaviyoAccountId: klaviyoId } : {}),
    });
  }
  return seeded;
}
