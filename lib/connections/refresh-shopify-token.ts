import { eq, sql } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shopifyConnections } from '@/lib/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { clientCredentialsToken, refreshAccessToken, ShopifyGrantError, type TokenPair } from '@/lib/integrations/shopify/oauth';
import { ConnectionUnavailableError } from './connection-unavailable';
import {
  loadShopifyConnection,
  openAccessToken,
  openRefreshToken,
  sealedPair,
  type ShopifyConnectionRow,
} from './shopify-connection-store';

// A usable access token for a shop, refreshed a few minutes before it expires and after a 401
// (shopify.dev changelog 2025-12-10: "Proactively refresh tokens a few minutes before they expire,
// and when you receive a 401 response"). One refresh per shop at a time across workers and
// processes: the refresh runs while holding the connection row's lock (SELECT … FOR UPDATE), and a
// worker that waited on the lock finds the new pair and uses it instead of spending the refresh
// token a second time. Shopify replaces the refresh token on every use, so two refreshes with one
// token would leave one worker with a retired token.

const REFRESH_MARGIN_MS = 5 * 60_000;

export interface TokenDeps {
  now?: () => Date;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

function nearExpiry(row: ShopifyConnectionRow, now: Date): boolean {
  return row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - now.getTime() < REFRESH_MARGIN_MS;
}

function unavailableMessage(row: ShopifyConnectionRow | null, shopId: string): string {
  if (!row) return `Shopify is not connected for ${shopId}: add the store on /admin/connections.`;
  if (row.status === 'uninstalled')
    return `${shopId} uninstalled the Concord app; effects wait until it is installed again from /admin/connections.`;
  return `${shopId} is disconnected from Shopify (${row.statusReason ?? 'no reason recorded'}); reconnect it on /admin/connections and waiting effects resume.`;
}

export async function shopifyAccessToken(
  db: Db,
  config: Config,
  shopId: string,
  opts: TokenDeps & { rejected?: string } = {},
): Promise<string> {
  const now = opts.now ?? (() => new Date());
  const row = await loadShopifyConnection(db, shopId);
  if (!row || row.status !== 'connected') throw new ConnectionUnavailableError('shopify', shopId, unavailableMessage(row, shopId));
  const token = openAccessToken(config, row);
  if (token && token !== opts.rejected && !nearExpiry(row, now())) return token;
  const outcome = await refreshUnderLock(db, config, shopId, opts.rejected, { ...opts, now });
  if (outcome.kind === 'token') return outcome.token;
  throw new ConnectionUnavailableError('shopify', shopId, outcome.message);
}

type Outcome = { kind: 'token'; token: string } | { kind: 'unavailable'; message: string };

async function refreshUnderLock(
  db: Db,
  config: Config,
  shopId: string,
  rejected: string | undefined,
  deps: TokenDeps & { now: () => Date },
): Promise<Outcome> {
  const outcome = await db.transaction(async (tx): Promise<Outcome & { audit?: string }> => {
    const [row] = await tx.select().from(shopifyConnections).where(eq(shopifyConnections.shopId, shopId)).for('update');
    if (!row || row.status !== 'connected') return { kind: 'unavailable', message: unavailableMessage(row ?? null, shopId) };
    const current = openAccessToken(config, row);
    // Another worker refreshed while this one waited for the lock.
    if (current && current !== rejected && !nearExpiry(row, deps.now())) return { kind: 'token', token: current };
    const disconnect = async (reason: string): Promise<Outcome & { audit: string }> => {
      await tx
        .update(shopifyConnections)
        .set({ status: 'disconnected', statusReason: reason, updatedAt: deps.now() })
        .where(eq(shopifyConnections.shopId, shopId));
      return {
        kind: 'unavailable',
        message: unavailableMessage({ ...row, status: 'disconnected', statusReason: reason }, shopId),
        audit: reason,
      };
    };
    if (row.grant === 'static' || (row.grant === 'authorization_code' && !row.refreshTokenEnc)) {
      return disconnect(
        'Shopify rejected the access token (HTTP 401): it was revoked or the app was uninstalled. Install the app again to reconnect.',
      );
    }
    const clientId = config.env.SHOPIFY_API_KEY;
    if (!clientId)
      return { kind: 'unavailable', message: `Set SHOPIFY_API_KEY (the app's client id) so Concord can renew ${shopId}'s Shopify token.` };
    const endpoint = {
      shop: shopId,
      clientId,
      clientSecret: config.secrets.shopifyWebhook,
      baseUrl: config.env.SHOPIFY_ADMIN_BASE_URL,
      fetchImpl: deps.fetchImpl,
      now: deps.now,
      sleep: deps.sleep,
    };
    let pair: TokenPair;
    try {
      pair =
        row.grant === 'client_credentials'
          ? await clientCredentialsToken(endpoint)
          : await refreshAccessToken({ ...endpoint, refreshToken: openRefreshToken(config, row)! });
    } catch (err) {
      if (err instanceof ShopifyGrantError) {
        return disconnect(
          err.code === 'invalid_grant'
            ? 'Shopify refused the refresh token (invalid_grant: expired after 90 days unused, revoked, or replaced). Install the app again from /admin/connections.'
            : `Shopify refused the token request (${err.code}): check SHOPIFY_API_KEY and SHOPIFY_API_SECRET, or install the app again.`,
        );
      }
      throw err; // transient: nothing changed, the caller retries later with the same refresh token
    }
    await tx
      .update(shopifyConnections)
      .set({
        ...sealedPair(config, shopId, pair),
        // client_credentials answers carry no refresh token; keep none.
        scopes: pair.scopes || row.scopes,
        tokenVersion: sql`${shopifyConnections.tokenVersion} + 1`,
        refreshedAt: deps.now(),
        updatedAt: deps.now(),
      })
      .where(eq(shopifyConnections.shopId, shopId));
    return { kind: 'token', token: pair.accessToken };
  });
  if (outcome.kind === 'unavailable' && outcome.audit) {
    await writeAudit(db, { shopId, actor: { type: 'system' }, action: 'shopify.disconnected', explanation: `${shopId}: ${outcome.audit}` });
  }
  return outcome;
}
