import crypto from 'node:crypto';
import { z } from 'zod';
import { ExternalApiError, requestJson } from '@/lib/integrations/http';
import { isShopDomain } from './shop-domain';

// Shopify's OAuth endpoints for a Dev Dashboard app, written against shopify.dev and Shopify's own
// libraries (checked with the search tool, 2026-12-02):
// - Authorization code grant: redirect to https://{shop}/admin/oauth/authorize with client_id, scope,
//   redirect_uri, state; the callback's query is signed: hex HMAC-SHA256 (client secret) over the
//   other parameters sorted by name and URL-encoded, compared in constant time, timestamp within 90 s
//   (shopify.dev "Implement authorization code grant manually"; @shopify/shopify-api
//   lib/utils/hmac-validator.ts and lib/auth/oauth/oauth.ts).
// - Code exchange and refresh: POST https://{shop}/admin/oauth/access_token. `expiring=1` asks for an
//   expiring offline token: expires_in 3600 s plus refresh_token (90 days, replaced on each refresh,
//   refresh_token_expires_in) (shopify.dev changelog "Offline access tokens now support expiry and
//   refresh", 2025-12-10; shopify.dev "About offline access tokens"; Shopify's shopify-app-php sends
//   'expiring' => 1). Refresh: grant_type=refresh_token with client_id, client_secret, refresh_token
//   (@shopify/shopify-api lib/auth/oauth/refresh-access-token.ts).
// - Client credentials (Dev Dashboard app installed on the organization's own stores only):
//   grant_type=client_credentials with client_id and client_secret; the token lasts about 24 h and has
//   no refresh token (shopify.dev "Using the client credentials grant", "About client credentials").
// - Errors: invalid_grant = the refresh token is expired, revoked or replaced (re-authorize);
//   invalid_client = bad client credentials or the app is uninstalled; 5xx are retried twice
//   (shopify-app-php src/Internal/Exchange/RefreshToken.php).

export { SHOP_DOMAIN as MYSHOPIFY_DOMAIN } from './shop-domain';

export function isMyshopifyDomain(shop: string): boolean {
  return isShopDomain(shop);
}

/** Where a shop's Shopify lives: https://{shop}, or SHOPIFY_ADMIN_BASE_URL (a `{shop}` in it is replaced). */
export function shopifyShopBaseUrl(shop: string, baseUrl?: string): string {
  if (!baseUrl) return `https://${shop}`;
  return baseUrl.replace(/\{shop\}/g, shop).replace(/\/+$/, '');
}

export function authorizeUrl(o: {
  shop: string;
  clientId: string;
  scopes: string;
  redirectUri: string;
  state: string;
  baseUrl?: string;
}): string {
  const q = new URLSearchParams({ client_id: o.clientId, scope: o.scopes, redirect_uri: o.redirectUri, state: o.state });
  // Offline access is the default when grant_options[] is absent (shopify.dev "About offline access tokens").
  return `${shopifyShopBaseUrl(o.shop, o.baseUrl)}/admin/oauth/authorize?${q.toString()}`;
}

/** The string Shopify signs: every parameter but hmac/signature, sorted, URL-encoded with %20 for spaces. */
function oauthQueryMessage(params: URLSearchParams): string {
  const merged = new Map<string, string>();
  for (const [k, v] of params) {
    if (k === 'hmac' || k === 'signature') continue;
    merged.set(k, merged.has(k) ? `${merged.get(k)},${v}` : v);
  }
  const sorted = new URLSearchParams();
  for (const k of [...merged.keys()].sort((a, b) => a.localeCompare(b))) sorted.append(k, merged.get(k)!);
  return sorted.toString().replace(/\+/g, '%20');
}

export function signOAuthQuery(params: URLSearchParams, secret: string): string {
  return crypto.createHmac('sha256', secret).update(oauthQueryMessage(params)).digest('hex');
}

export type OAuthQueryCheck = { ok: true } | { ok: false; reason: 'missing_hmac' | 'bad_hmac' | 'stale_timestamp' };

export function verifyOAuthQuery(params: URLSearchParams, secret: string, now: Date, toleranceSec = 90): OAuthQueryCheck {
  const hmac = params.get('hmac');
  if (!hmac) return { ok: false, reason: 'missing_hmac' };
  const expected = Buffer.from(signOAuthQuery(params, secret), 'utf8');
  const got = Buffer.from(hmac.toLowerCase(), 'utf8');
  if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) return { ok: false, reason: 'bad_hmac' };
  const ts = Number(params.get('timestamp'));
  if (!Number.isFinite(ts) || Math.abs(now.getTime() / 1000 - ts) > toleranceSec) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}

const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  scope: z.string().default(''),
  expires_in: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().int().positive().optional(),
});

export interface TokenPair {
  accessToken: string;
  scopes: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
}

/** Shopify said no for good: the merchant (or an admin) has to act. */
export class ShopifyGrantError extends Error {
  constructor(
    readonly code: string, // invalid_grant | invalid_client | invalid_request | …
    message: string,
  ) {
    super(message);
    this.name = 'ShopifyGrantError';
  }
}

export interface TokenEndpointOptions {
  shop: string;
  clientId: string;
  clientSecret: string;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export function exchangeAuthorizationCode(o: TokenEndpointOptions & { code: string }): Promise<TokenPair> {
  return tokenRequest(o, { client_id: o.clientId, client_secret: o.clientSecret, code: o.code, expiring: 1 });
}

export function refreshAccessToken(o: TokenEndpointOptions & { refreshToken: string }): Promise<TokenPair> {
  return tokenRequest(o, {
    client_id: o.clientId,
    client_secret: o.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: o.refreshToken,
  });
}

export function clientCredentialsToken(o: TokenEndpointOptions): Promise<TokenPair> {
  return tokenRequest(o, { client_id: o.clientId, client_secret: o.clientSecret, grant_type: 'client_credentials' });
}

const SERVER_ERROR_RETRIES = 2;

async function tokenRequest(o: TokenEndpointOptions, body: Record<string, unknown>): Promise<TokenPair> {
  const url = `${shopifyShopBaseUrl(o.shop, o.baseUrl)}/admin/oauth/access_token`;
  const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await requestJson<unknown>({ system: 'shopify', url, method: 'POST', body, fetchImpl: o.fetchImpl });
      const parsed = tokenAnswerSchema.safeParse(res.json);
      if (!parsed.success)
        throw new ExternalApiError('shopify', res.status, 'shopify: the token endpoint answered without an access_token', true);
      const at = o.now().getTime();
      const a = parsed.data;
      return {
        accessToken: a.access_token,
        scopes: a.scope,
        accessTokenExpiresAt: a.expires_in ? new Date(at + a.expires_in * 1000) : null,
        refreshToken: a.refresh_token ?? null,
        refreshTokenExpiresAt: a.refresh_token_expires_in ? new Date(at + a.refresh_token_expires_in * 1000) : null,
      };
    } catch (err) {
      if (!(err instanceof ExternalApiError)) throw err;
      if (err.status >= 500 && attempt < SERVER_ERROR_RETRIES) {
        await sleep(500 * 2 ** attempt);
        continue;
      }
      if (err.status >= 400 && err.status < 500 && err.status !== 429) {
        const code = oauthErrorCode(err.responseBody);
        throw new ShopifyGrantError(code, `Shopify refused the token request for ${o.shop} (${code}, HTTP ${err.status}).`);
      }
      throw err;
    }
  }
}

function oauthErrorCode(body: string | null): string {
  try {
    const j = JSON.parse(body ?? '') as { error?: unknown; errors?: unknown };
    if (typeof j.error === 'string') return j.error;
    if (typeof j.errors === 'string') return j.errors;
  } catch {
    // not JSON
  }
  return 'invalid_request';
}
