import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { eq, sql } from 'drizzle-orm';
import { GET as installGET } from '@/app/api/shopify/install/route';
import { GET as callbackGET } from '@/app/api/shopify/callback/route';
import { getConfig } from '@/lib/runtime/config';
import { shopifyConnections, shops } from '@/lib/db/schema';
import { backfillInFlight, connectWithClientCredentials } from '@/lib/connections/install-shopify-app';
import { registerShopWebhooks } from '@/lib/connections/register-shop-webhooks';
import { loadShopifyConnection, openAccessToken, openRefreshToken } from '@/lib/connections/shopify-connection-store';
import { signOAuthQuery, verifyOAuthQuery } from '@/lib/integrations/shopify/oauth';
import { REGISTERED_TOPICS } from '@/lib/integrations/shopify/verify-webhook';
import { useTestApp, TEST_SECRETS } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';
import { createShopifyStandin, STANDIN_BASE } from '../helpers/shopify-standin';

const CLIENT_ID = 'concord-client-id';
const standin = createShopifyStandin({ clientId: CLIENT_ID, clientSecret: TEST_SECRETS.SHOPIFY_API_SECRET });
const server = setupServer(...standin.handlers);

/** Admin clicks "Add a store"; the stand-in approves; returns the callback URL Shopify redirects to. */
async function installUntilCallback(shop: string): Promise<string> {
  const res = await installGET(new Request(`http://concord.test/api/shopify/install?shop=${shop}`, { headers: sessionHeaders('admin') }));
  expect(res.status).toBe(302);
  const authorize = await fetch(res.headers.get('location')!, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  return authorize.headers.get('location')!;
}

const callback = (url: string) => callbackGET(new Request(url));
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('installing from Shopify (authorization code grant)', () => {
  const t = useTestApp({ SHOPIFY_API_KEY: CLIENT_ID, SHOPIFY_ADMIN_BASE_URL: STANDIN_BASE });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => standin.reset());
  afterAll(() => server.close());

  it('verifies callbacks the way Shopify signs them (Shopify’s published sample)', () => {
    const sample = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/shopify/oauth-callback-samples.json'), 'utf8'));
    for (const q of sample.callbacks as string[]) {
      const params = new URLSearchParams(q);
      expect(verifyOAuthQuery(params, sample.secret, new Date(sample.timestamp * 1000))).toEqual({ ok: true });
      expect(signOAuthQuery(params, sample.secret)).toBe(params.get('hmac'));
      expect(verifyOAuthQuery(params, 'not-hush', new Date(sample.timestamp * 1000))).toEqual({ ok: false, reason: 'bad_hmac' });
      expect(verifyOAuthQuery(params, sample.secret, new Date((sample.timestamp + 600) * 1000))).toEqual({
        ok: false,
        reason: 'stale_timestamp',
      });
    }
  });

  it('redirects to the shop’s authorize page with client id, scopes, redirect URI and a state', async () => {
    const res = await installGET(
      new Request('http://concord.test/api/shopify/install?shop=north-a.myshopify.com', { headers: sessionHeaders('admin') }),
    );
    const url = new URL(res.headers.get('location')!);
    expect(url.origin + url.pathname).toBe('http://shopify.test/north-a.myshopify.com/admin/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('scope')).toBe('read_orders,write_orders,read_customers,read_fulfillments,read_returns,write_returns');
    expect(url.searchParams.get('redirect_uri')).toBe('http://concord.test/api/shopify/callback');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}\.[\w-]{40,}$/);
  });

  it('a good callback stores an expiring token pair (encrypted), registers every webhook, backfills and lands on onboarding', async () => {
    const shop = 'north-a.myshopify.com';
    const res = await callback(await installUntilCallback(shop));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://concord.test/admin/connections?installed=north-a.myshopify.com');
    // The code was exchanged asking for an expiring offline token.
    const exchange = standin.log.tokenRequests.find((r) => r.body.code);
    expect(exchange?.body).toMatchObject({ client_id: CLIENT_ID, client_secret: TEST_SECRETS.SHOPIFY_API_SECRET, expiring: 1 });
    const row = (await loadShopifyConnection(t.get().db, shop))!;
    expect(row).toMatchObject({ grant: 'authorization_code', status: 'connected', apiVersion: '2026-10' });
    expect(row.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(row.refreshTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const config = getConfig();
    expect(openAccessToken(config, row)).toBe(standin.shop(shop).accessToken);
    expect(openRefreshToken(config, row)).toBe(standin.shop(shop).refreshToken);
    // Nothing readable at rest.
    const raw = JSON.stringify(await t.get().db.execute(sql`select * from shopify_connections`));
    expect(raw).not.toContain(standin.shop(shop).accessToken!);
    expect(raw).not.toContain(standin.shop(shop).refreshToken!);
    // Every topic Concord handles, app/uninstalled and app/scopes_update, at Concord's webhook address.
    const topics = standin
      .shop(shop)
      .subscriptions.map((s) => s.topic)
      .sort();
    expect(topics).toEqual(REGISTERED_TOPICS.map((x) => x.toUpperCase().replace(/\//g, '_')).sort());
    expect(topics).toEqual(expect.arrayContaining(['APP_UNINSTALLED', 'APP_SCOPES_UPDATE', 'ORDERS_UPDATED']));
    expect(topics).not.toContain('CUSTOMERS_REDACT'); // compliance topics live in the app configuration
    expect(new Set(standin.shop(shop).subscriptions.map((s) => s.uri))).toEqual(new Set(['http://concord.test/api/webhooks/shopify']));
    await backfillInFlight(shop);
    const [s] = await t.get().db.select().from(shops).where(eq(shops.id, shop));
    expect(s.backfillStatus).toBe('done');
    expect(s.backfilledAt).not.toBeNull();
  });

  it('refuses a callback with a bad HMAC, a replayed state, another shop’s state, or a non-myshopify shop', async () => {
    // Bad HMAC: one parameter changed after Shopify signed.
    const good = new URL(await installUntilCallback('north-b.myshopify.com'));
    const tampered = new URL(good);
    tampered.searchParams.set('code', 'code-north-b.myshopify.com-999');
    let res = await callback(tampered.toString());
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('invalid_hmac');
    // Good once, then the replay is refused.
    expect((await callback(good.toString())).status).toBe(302);
    res = await callback(good.toString());
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('invalid_state');
    // A state issued for one shop, in a (validly signed) callback for another shop.
    const forA = new URL(await installUntilCallback('north-a.myshopify.com'));
    const forC = new URLSearchParams({
      code: 'code-south-c.myshopify.com-1',
      shop: 'south-c.myshopify.com',
      state: forA.searchParams.get('state')!,
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    forC.set('hmac', signOAuthQuery(forC, TEST_SECRETS.SHOPIFY_API_SECRET));
    res = await callback(`http://concord.test/api/shopify/callback?${forC}`);
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('invalid_state');
    // A made-up state Concord never issued.
    const madeUp = new URLSearchParams({
      code: 'x',
      shop: 'north-a.myshopify.com',
      state: 'abc.def',
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    madeUp.set('hmac', signOAuthQuery(madeUp, TEST_SECRETS.SHOPIFY_API_SECRET));
    expect((await callback(`http://concord.test/api/shopify/callback?${madeUp}`)).status).toBe(401);
    // Not a myshopify.com shop, at either end.
    const evil = new URLSearchParams({
      code: 'x',
      shop: 'evil.example.com',
      state: forA.searchParams.get('state')!,
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    evil.set('hmac', signOAuthQuery(evil, TEST_SECRETS.SHOPIFY_API_SECRET));
    res = await callback(`http://concord.test/api/shopify/callback?${evil}`);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalid_shop');
    res = await installGET(
      new Request('http://concord.test/api/shopify/install?shop=evil.example.com/admin', { headers: sessionHeaders('admin') }),
    );
    expect(res.status).toBe(400);
    // None of the refused callbacks reached Shopify's token endpoint or stored anything.
    expect(standin.log.tokenRequests.map((r) => r.shop)).toEqual(['north-b.myshopify.com']);
    expect(await loadShopifyConnection(t.get().db, 'south-c.myshopify.com')).toBeNull();
    await backfillInFlight('north-b.myshopify.com');
  });

  it('only admins and Shopify itself may start an install', async () => {
    expect((await installGET(new Request('http://concord.test/api/shopify/install?shop=north-a.myshopify.com'))).status).toBe(401);
    expect(
      (
        await installGET(
          new Request('http://concord.test/api/shopify/install?shop=north-a.myshopify.com', { headers: sessionHeaders('lead') }),
        )
      ).status,
    ).toBe(403);
    // Shopify's install link carries a signed query (shop + timestamp + hmac).
    const q = new URLSearchParams({ shop: 'north-a.myshopify.com', timestamp: String(Math.floor(Date.now() / 1000)) });
    q.set('hmac', signOAuthQuery(q, TEST_SECRETS.SHOPIFY_API_SECRET));
    expect((await installGET(new Request(`http://concord.test/api/shopify/install?${q}`))).status).toBe(302);
    q.set('hmac', '0'.repeat(64));
    expect((await installGET(new Request(`http://concord.test/api/shopify/install?${q}`))).status).toBe(401);
  });

  it('registering webhooks again creates nothing, and repairs one that went missing', async () => {
    const shop = 'north-a.myshopify.com';
    expect((await callback(await installUntilCallback(shop))).status).toBe(302);
    await backfillInFlight(shop);
    const n = standin.shop(shop).subscriptions.length;
    expect(n).toBe(REGISTERED_TOPICS.length);
    const again = await registerShopWebhooks(t.get().db, getConfig(), shop);
    expect(again.created).toEqual([]);
    expect(again.existing.length).toBe(n);
    expect(standin.shop(shop).subscriptions.length).toBe(n);
    standin.shop(shop).subscriptions.splice(
      standin.shop(shop).subscriptions.findIndex((s) => s.topic === 'ORDERS_UPDATED'),
      1,
    );
    const repaired = await registerShopWebhooks(t.get().db, getConfig(), shop);
    expect(repaired.created).toEqual(['orders/updated']);
    expect(standin.shop(shop).subscriptions.length).toBe(n);
    const row = await loadShopifyConnection(t.get().db, shop);
    expect(row!.webhookTopics.length).toBe(n);
  });

  it('connects a Dev Dashboard custom app on the organization’s own store with the client credentials grant', async () => {
    const shop = 'wholesale-d.myshopify.com';
    const r = await connectWithClientCredentials(t.get().db, getConfig(), shop, new Date(), { type: 'admin', id: 'admin@concord.test' });
    expect('error' in r.webhooks).toBe(false);
    await backfillInFlight(shop);
    const row = (await loadShopifyConnection(t.get().db, shop))!;
    expect(row).toMatchObject({ grant: 'client_credentials', status: 'connected', refreshTokenEnc: null });
    expect(row.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(standin.log.tokenRequests[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT_ID });
    const [conn] = await t
      .get()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(shopifyConnections);
    expect(conn.n).toBeGreaterThanOrEqual(1);
  });
});
