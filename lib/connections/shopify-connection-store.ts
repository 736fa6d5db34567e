import { eq, sql } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shopifyConnections } from '@/lib/db/schema';
import type { TokenPair } from '@/lib/integrations/shopify/oauth';
import { decryptSecret, encryptSecret } from './encrypt-secret';

// Reading and writing a shop's Shopify credentials. Every token pair is written in one UPDATE (the
// access token, the refresh token and both expiries together): Shopify asks that each refreshed pair
// be stored atomically (changelog "More resilient refreshes for expiring offline access tokens").

export type ShopifyGrant = 'authorization_code' | 'client_credentials' | 'static';
export type ConnectionStatus = 'connected' | 'disconnected' | 'uninstalled';
export type ShopifyConnectionRow = typeof shopifyConnections.$inferSelect;

export const accessTokenContext = (shopId: string) => `shopify_connections:${shopId}:access_token`;
export const refreshTokenContext = (shopId: string) => `shopify_connections:${shopId}:refresh_token`;

export async function loadShopifyConnection(db: Db, shopId: string): Promise<ShopifyConnectionRow | null> {
  const [row] = await db.select().from(shopifyConnections).where(eq(shopifyConnections.shopId, shopId)).limit(1);
  return row ?? null;
}

export function sealedPair(config: Config, shopId: string, pair: TokenPair) {
  return {
    accessTokenEnc: encryptSecret(config.encryption, pair.accessToken, accessTokenContext(shopId)),
    accessTokenExpiresAt: pair.accessTokenExpiresAt,
    refreshTokenEnc: pair.refreshToken ? encryptSecret(config.encryption, pair.refreshToken, refreshTokenContext(shopId)) : null,
    refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
  };
}

/** A new install or reconnect: the pair, its grant and scopes, and the shop is connected again. */
export async function saveShopifyConnection(
  db: Db,
  config: Config,
  input: { shopId: string; grant: ShopifyGrant; pair: TokenPair; apiVersion: string; fromEnv?: boolean; now: Date },
): Promise<void> {
  const values = {
    shopId: input.shopId,
    grant: input.grant,
    scopes: input.pair.scopes,
    apiVersion: input.apiVersion,
    ...sealedPair(config, input.shopId, input.pair),
    status: 'connected' as const,
    statusReason: null,
    fromEnv: input.fromEnv ?? false,
    installedAt: input.now,
    refreshedAt: input.now,
    updatedAt: input.now,
  };
  await db
    .insert(shopifyConnections)
    .values(values)
    .onConflictDoUpdate({
      target: shopifyConnections.shopId,
      set: { ...values, tokenVersion: sql`${shopifyConnections.tokenVersion} + 1` },
    });
}

export function openAccessToken(config: Config, row: ShopifyConnectionRow): string | null {
  return row.accessTokenEnc ? decryptSecret(config.encryption, row.accessTokenEnc, accessTokenContext(row.shopId)) : null;
}

export function openRefreshToken(config: Config, row: ShopifyConnectionRow): string | null {
  return row.refreshTokenEnc ? decryptSecret(config.encryption, row.refreshTokenEnc, refreshTokenContext(row.shopId)) : null;
}

/**
 * Stops every call for the shop at once: clients read the connection before each request. An
 * uninstall also forgets the tokens (Shopify has revoked them anyway).
 */
export async function markShopifyDisconnected(
  db: Db,
  shopId: string,
  status: Exclude<ConnectionStatus, 'connected'>,
  reason: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(shopifyConnections)
    .set({
      status,
      statusReason: reason,
      updatedAt: now,
      ...(status === 'uninstalled'
        ? { accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null }
        : {}),
    })
    .where(eq(shopifyConnections.shopId, shopId))
    .returning({ shopId: shopifyConnections.shopId });
  return rows.length > 0;
}
