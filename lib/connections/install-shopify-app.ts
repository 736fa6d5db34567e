import crypto from 'node:crypto';
import { and, eq, gt, isNull, like, lt, sql } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { oauthStates, outbox } from '@/lib/db/schema';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';
import { AppError } from '@/lib/errors/app-error';
import { sameSecret } from '@/lib/auth/same-secret';
import {
  authorizeUrl,
  clientCredentialsToken,
  exchangeAuthorizationCode,
  isMyshopifyDomain,
  ShopifyGrantError,
  verifyOAuthQuery,
  type TokenPair,
} from '@/lib/integrations/shopify/oauth';
import type { RegisterResult } from '@/lib/integrations/shopify/webhook-subscriptions';
import { ensureShop } from '@/lib/connections/shops';
import { startShopBackfill } from './backfill-shop';
import { registerShopWebhooks } from './register-shop-webhooks';
import type { TokenDeps } from './refresh-shopify-token';
import { saveShopifyConnection, type ShopifyGrant } from './shopify-connection-store';

// Connecting a store: the OAuth install (authorization code grant, expiring offline token), the
// client-credentials grant for a Dev Dashboard app on the organization's own store, or a static token
// from an existing custom app. Each ends the same way: the token pair stored, webhooks registered,
// waiting effects woken, the 60-day backfill started.

// Orders (and their fulfillments, refunds, tags, cancellation), customers, returns. Webhook topics
// need the matching read scope (shopify.dev "Manage webhook subscriptions": each topic requires its
// access scope); read_all_orders is optional and must be requested from Shopify separately.
const DEFAULT_SHOPIFY_SCOPES = 'read_orders,write_orders,read_customers,read_fulfillments,read_returns,write_returns';
const OAUTH_STATE_TTL_MS = 10 * 60_000;

export const shopifyScopes = (config: Config) => config.env.SHOPIFY_SCOPES ?? DEFAULT_SHOPIFY_SCOPES;
export const shopifyCallbackUrl = (config: Config) => `${config.appUrl}/api/shopify/callback`;

function stateSignature(config: Config, nonce: string, shop: string): string {
  return crypto.createHmac('sha256', config.secrets.session).update(`shopify-oauth-state:${nonce}:${shop}`).digest('base64url');
}

function requireShop(shop: string | null): string {
  const s = (shop ?? '').trim().toLowerCase();
  if (!isMyshopifyDomain(s)) throw new AppError('invalid_shop', 'shop must be the store’s myshopify.com domain, e.g. acme.myshopify.com.');
  return s;
}

function requireClientId(config: Config): string {
  if (!config.env.SHOPIFY_API_KEY)
    throw new AppError(
      'missing_client_id',
      'Set SHOPIFY_API_KEY to the Dev Dashboard app’s client id (and SHOPIFY_API_SECRET to its secret) to install stores.',
    );
  return config.env.SHOPIFY_API_KEY;
}

/** Step 1: the URL of the shop's authorize page, with a signed single-use state bound to the shop. */
export async function beginShopifyInstall(db: Db, config: Config, rawShop: string | null, now: Date): Promise<string> {
  const shop = requireShop(rawShop);
  const clientId = requireClientId(config);
  // States of installs never finished are useless a day later.
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date(now.getTime() - 86_400_000)));
  const nonce = crypto.randomBytes(18).toString('base64url');
  await db.insert(oauthStates).values({ nonce, shopId: shop, expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS), createdAt: now });
  return authorizeUrl({
    shop,
    clientId,
    scopes: shopifyScopes(config),
    redirectUri: shopifyCallbackUrl(config),
    state: `${nonce}.${stateSignature(config, nonce, shop)}`,
    baseUrl: config.env.SHOPIFY_ADMIN_BASE_URL,
  });
}

/** Step 2: the callback. Refuses a bad HMAC, a replayed, foreign or expired state, or a non-myshopify shop. */
export async function completeShopifyInstall(
  db: Db,
  config: Config,
  params: URLSearchParams,
  now: Date,
  deps: TokenDeps = {},
): Promise<{ shop: string; webhooks: RegisterResult | { error: string } }> {
  const shop = requireShop(params.get('shop'));
  const check = verifyOAuthQuery(params, config.secrets.shopifyWebhook, now);
  if (!check.ok) {
    throw new AppError(
      check.reason === 'stale_timestamp' ? 'stale_callback' : 'invalid_hmac',
      check.reason === 'stale_timestamp'
        ? 'The install link has expired: start the install again.'
        : 'The callback’s hmac does not match: this request did not come from Shopify.',
    );
  }
  const state = params.get('state') ?? '';
  const [nonce, sig] = state.split('.');
  const expected = nonce ? stateSignature(config, nonce, shop) : '';
  if (!nonce || !sig || !sameSecret(sig, expected)) {
    throw new AppError(
      'invalid_state',
      'The install state is missing or was issued for another store: start the install again from /admin/connections.',
    );
  }
  // Single use: the first callback marks the state used; a replay finds nothing to claim.
  const claimed = await db
    .update(oauthStates)
    .set({ usedAt: now })
    .where(and(eq(oauthStates.nonce, nonce), eq(oauthStates.shopId, shop), isNull(oauthStates.usedAt), gt(oauthStates.expiresAt, now)))
    .returning({ nonce: oauthStates.nonce });
  if (claimed.length === 0)
    throw new AppError(
      'invalid_state',
      'This install link was already used or has expired: start the install again from /admin/connections.',
    );
  const code = params.get('code');
  if (!code) throw new AppError('missing_code', 'Shopify sent no authorization code.');
  let pair: TokenPair;
  try {
    pair = await exchangeAuthorizationCode({
      shop,
      clientId: requireClientId(config),
      clientSecret: config.secrets.shopifyWebhook,
      code,
      baseUrl: config.env.SHOPIFY_ADMIN_BASE_URL,
      fetchImpl: deps.fetchImpl,
      now: () => now,
      sleep: deps.sleep,
    });
  } catch (err) {
    if (err instanceof ShopifyGrantError) throw new AppError('code_refused', `${err.message} Start the install again.`);
    throw err;
  }
  const webhooks = await finishConnect(
    db,
    config,
    { shop, grant: 'authorization_code', pair, now, actor: { type: 'system', id: 'shopify-install' } },
    deps,
  );
  return { shop, webhooks };
}

/** A Dev Dashboard app installed on the organization's own store: no redirect, tokens last ~24 h. */
export async function connectWithClientCredentials(db: Db, config: Config, rawShop: string, now: Date, actor: Actor, deps: TokenDeps = {}) {
  const shop = requireShop(rawShop);
  let pair: TokenPair;
  try {
    pair = await clientCredentialsToken({
      shop,
      clientId: requireClientId(config),
      clientSecret: config.secrets.shopifyWebhook,
      baseUrl: config.env.SHOPIFY_ADMIN_BASE_URL,
      fetchImpl: deps.fetchImpl,
      now: () => now,
      sleep: deps.sleep,
    });
  } catch (err) {
    if (err instanceof ShopifyGrantError)
      throw new AppError(
        'grant_refused',
        `${err.message} The client credentials grant works only for the organization’s own stores with the app installed.`,
      );
    throw err;
  }
  return { shop, webhooks: await finishConnect(db, config, { shop, grant: 'client_credentials', pair, now, actor }, deps) };
}

/** A legacy custom app's Admin API token (shpat_…), which never expires. */
export async function connectWithStaticToken(
  db: Db,
  config: Config,
  rawShop: string,
  token: string,
  now: Date,
  actor: Actor,
  deps: TokenDeps & { fromEnv?: boolean; skipSetup?: boolean } = {},
) {
  const shop = requireShop(rawShop);
  const pair: TokenPair = {
    accessToken: token.trim(),
    scopes: '',
    accessTokenExpiresAt: null,
    refreshToken: null,
    refreshTokenExpiresAt: null,
  };
  if (deps.skipSetup) {
    await ensureShop(db, { id: shop });
    await saveShopifyConnection(db, config, {
      shopId: shop,
      grant: 'static',
      pair,
      apiVersion: config.env.SHOPIFY_API_VERSION,
      fromEnv: deps.fromEnv,
      now,
    });
    return { shop, webhooks: { error: 'not registered (set up from the environment)' } };
  }
  return { shop, webhooks: await finishConnect(db, config, { shop, grant: 'static', pair, now, actor, fromEnv: deps.fromEnv }, deps) };
}

async function finishConnect(
  db: Db,
  config: Config,
  c: { shop: string; grant: ShopifyGrant; pair: TokenPair; now: Date; actor: Actor; fromEnv?: boolean },
  deps: TokenDeps,
): Promise<RegisterResult | { error: string }> {
  await ensureShop(db, { id: c.shop });
  await saveShopifyConnection(db, config, {
    shopId: c.shop,
    grant: c.grant,
    pair: c.pair,
    apiVersion: config.env.SHOPIFY_API_VERSION,
    fromEnv: c.fromEnv,
    now: c.now,
  });
  // Effects that waited while the store was disconnected run now.
  await db
    .update(outbox)
    .set({ nextAttemptAt: c.now })
    .where(
      and(eq(outbox.shopId, c.shop), eq(outbox.status, 'pending'), like(outbox.kind, 'shopify.%'), sql`${outbox.nextAttemptAt} > ${c.now}`),
    );
  let webhooks: RegisterResult | { error: string };
  try {
    webhooks = await registerShopWebhooks(db, config, c.shop, { ...deps, now: () => c.now });
  } catch (err) {
    webhooks = { error: (err as Error).message.slice(0, 300) };
  }
  await writeAudit(db, {
    shopId: c.shop,
    actor: c.actor,
    action: 'shopify.connected',
    explanation:
      `${c.shop} connected to Shopify (${c.grant.replace('_', ' ')}${c.pair.accessTokenExpiresAt ? `, token expires ${c.pair.accessTokenExpiresAt.toISOString()}` : ''}). ` +
      ('error' in webhooks
        ? `Webhook registration failed: ${webhooks.error}`
        : `Webhooks: ${webhooks.created.length} created, ${webhooks.existing.length} already there, ${webhooks.failed.length} failed.`),
    after: { grant: c.grant, scopes: c.pair.scopes },
  });
  backfills.set(
    c.shop,
    startShopBackfill(db, config, c.shop, c.now, deps).finally(() => backfills.delete(c.shop)),
  );
  return webhooks;
}

// The backfill runs after the answer; tests (and a graceful shutdown) can wait for it.
const backfills = new Map<string, Promise<void>>();
export function backfillInFlight(shop: string): Promise<void> {
  return backfills.get(shop) ?? Promise.resolve();
}
