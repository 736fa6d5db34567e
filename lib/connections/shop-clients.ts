import { eq, isNull, or } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { gorgiasAccounts, klaviyoAccounts, shops } from '@/lib/db/schema';
import { GorgiasClient, gorgiasBaseUrl } from '@/lib/integrations/gorgias/client';
import { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { decryptSecret } from './encrypt-secret';
import { shopifyAccessToken, type TokenDeps } from './refresh-shopify-token';
import { loadShopifyConnection } from './shopify-connection-store';

// The clients for one shop, built from that shop's own connections. The rule for which account
// serves a shop: its own link (shops.gorgias_domain → gorgias_accounts.domain, shops.klaviyo_account_id
// → klaviyo_accounts.id); a shop with no link falls back to the account seeded from the environment,
// which is how a single-store setup from before connections were data keeps working.

export type GorgiasAccountRow = typeof gorgiasAccounts.$inferSelect;
export type KlaviyoAccountRow = typeof klaviyoAccounts.$inferSelect;

export const gorgiasKeyContext = (domain: string) => `gorgias_accounts:${domain}:api_key`;
export const klaviyoKeyContext = (label: string) => `klaviyo_accounts:${label}:private_key`;

export async function shopifyClientForShop(
  db: Db,
  config: Config,
  shopId: string,
  deps: TokenDeps = {},
): Promise<ShopifyAdminClient | null> {
  const row = await loadShopifyConnection(db, shopId);
  if (!row) return null;
  return new ShopifyAdminClient({
    shopDomain: shopId,
    accessToken: '',
    apiVersion: row.apiVersion,
    baseUrl: config.env.SHOPIFY_ADMIN_BASE_URL,
    fetchImpl: deps.fetchImpl,
    sleep: deps.sleep,
    getAccessToken: ({ rejected }) => shopifyAccessToken(db, config, shopId, { ...deps, rejected }),
  });
}

async function gorgiasAccountForShop(db: Db, shopId: string): Promise<GorgiasAccountRow | null> {
  const [shop] = await db.select({ gorgiasDomain: shops.gorgiasDomain }).from(shops).where(eq(shops.id, shopId)).limit(1);
  const [row] = shop?.gorgiasDomain
    ? await db.select().from(gorgiasAccounts).where(eq(gorgiasAccounts.domain, shop.gorgiasDomain)).limit(1)
    : await db.select().from(gorgiasAccounts).where(eq(gorgiasAccounts.fromEnv, true)).limit(1);
  return row ?? null;
}

export function gorgiasClientForAccount(config: Config, account: GorgiasAccountRow, o: { fetchImpl?: typeof fetch } = {}): GorgiasClient {
  const base = config.env.GORGIAS_BASE_URL
    ? config.env.GORGIAS_BASE_URL.replace(/\{account\}/g, account.domain)
    : gorgiasBaseUrl(account.domain);
  return new GorgiasClient({
    baseUrl: base,
    email: account.apiEmail,
    apiKey: decryptSecret(config.encryption, account.apiKeyEnc, gorgiasKeyContext(account.domain)),
    fetchImpl: o.fetchImpl,
  });
}

export async function gorgiasClientForShop(
  db: Db,
  config: Config,
  shopId: string,
  o: { fetchImpl?: typeof fetch } = {},
): Promise<GorgiasClient | null> {
  const account = await gorgiasAccountForShop(db, shopId);
  return account ? gorgiasClientForAccount(config, account, o) : null;
}

export async function klaviyoAccountForShop(db: Db, shopId: string): Promise<KlaviyoAccountRow | null> {
  const [shop] = await db.select({ klaviyoAccountId: shops.klaviyoAccountId }).from(shops).where(eq(shops.id, shopId)).limit(1);
  const [row] =
    shop?.klaviyoAccountId != null
      ? await db.select().from(klaviyoAccounts).where(eq(klaviyoAccounts.id, shop.klaviyoAccountId)).limit(1)
      : await db.select().from(klaviyoAccounts).where(eq(klaviyoAccounts.fromEnv, true)).limit(1);
  return row ?? null;
}

function klaviyoClientForAccount(config: Config, account: KlaviyoAccountRow, o: { fetchImpl?: typeof fetch } = {}): KlaviyoClient {
  return new KlaviyoClient({
    apiKey: decryptSecret(config.encryption, account.privateKeyEnc, klaviyoKeyContext(account.label)),
    baseUrl: config.env.KLAVIYO_BASE_URL,
    revision: config.env.KLAVIYO_REVISION,
    fetchImpl: o.fetchImpl,
  });
}

export async function klaviyoClientForShop(
  db: Db,
  config: Config,
  shopId: string,
  o: { fetchImpl?: typeof fetch } = {},
): Promise<KlaviyoClient | null> {
  const account = await klaviyoAccountForShop(db, shopId);
  return account ? klaviyoClientForAccount(config, account, o) : null;
}

/** Every shop whose profiles live in this Klaviyo account (for merging one email's state). */
export async function shopsInKlaviyoAccount(db: Db, account: KlaviyoAccountRow): Promise<string[]> {
  const rows = await db
    .select({ id: shops.id })
    .from(shops)
    .where(
      account.fromEnv ? or(eq(shops.klaviyoAccountId, account.id), isNull(shops.klaviyoAccountId)) : eq(shops.klaviyoAccountId, account.id),
    )
    .orderBy(shops.id);
  return rows.map((r) => r.id);
}
