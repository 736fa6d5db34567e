import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { eq } from 'drizzle-orm';
import { POST as webhookPOST } from '@/app/api/webhooks/shopify/route';
import { getConfig } from '@/lib/runtime/config';
import { auditLog, outbox } from '@/lib/db/schema';
import { ConnectionUnavailableError } from '@/lib/connections/connection-unavailable';
import { shopifyAccessToken } from '@/lib/connections/refresh-shopify-token';
import { shopifyClientForShop } from '@/lib/connections/shop-clients';
import { loadShopifyConnection, saveShopifyConnection } from '@/lib/connections/shopify-connection-store';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { ensureShop } from '@/lib/connections/shops';
import { openDb } from '@/lib/db/client';
import { shopifyRequest, useTestApp, TEST_SECRETS } from '../helpers/app';
import { createShopifyStandin, STANDIN_BASE } from '../helpers/shopify-standin';

const CLIENT_ID = 'concord-client-id';
const SHOP = 'north-a.myshopify.com';
const standin = createShopifyStandin({ clientId: CLIENT_ID, clientSecret: TEST_SECRETS.SHOPIFY_API_SECRET });
const server = setupServer(...standin.handlers);

describe('Shopify tokens that never lapse mid-flight', () => {
  const t = useTestApp({ SHOPIFY_API_KEY: CLIENT_ID, SHOPIFY_ADMIN_BASE_URL: STANDIN_BASE });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => standin.reset());
  afterAll(() => server.close());

  /** A shop installed earlier whose access token expires `inMs` from now. */
  async function installed(inMs: number) {
    await ensureShop(t.get().db, { id: SHOP });
    const a = standin.issue(SHOP);
    await saveShopifyConnection(t.get().db, getConfig(), {
      shopId: SHOP,
      grant: 'authorization_code',
      apiVersion: '2026-10',
      now: new Date(Date.now() - 3_000_000),
      pair: {
        accessToken: a.access_token,
        scopes: a.scope,
        accessTokenExpiresAt: new Date(Date.now() + inMs),
        refreshToken: a.refresh_token,
        refreshTokenExpiresAt: new Date(Date.now() + 80 * 86_400_000),
      },
    });
    return a;
  }

  it('uses the stored token while it has more than a few minutes left', async () => {
    const a = await installed(30 * 60_000);
    expect(await shopifyAccessToken(t.get().db, getConfig(), SHOP)).toBe(a.access_token);
    expect(standin.log.refreshes).toEqual([]);
  });

  it('two workers needing a refresh at once make exactly one refresh call and share the new pair', async () => {
    const old = await installed(2 * 60_000); // inside the refresh margin
    standin.setRefreshDelay(150); // the first refresh is still in flight when the second worker asks
    const [a, b] = await Promise.all([
      shopifyAccessToken(t.get().db, getConfig(), SHOP),
      shopifyAccessToken(t.get().db, getConfig(), SHOP),
    ]);
    expect(standin.log.refreshes).toEqual([SHOP]);
    expect(a).toBe(b);
    expect(a).toBe(standin.shop(SHOP).accessToken);
    expect(a).not.toBe(old.access_token);
    const row = (await loadShopifyConnection(t.get().db, SHOP))!;
    expect(row.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    const body = standin.log.tokenRequests[0].body;
    expect(body).toEqual({
      client_id: CLIENT_ID,
      client_secret: TEST_SECRETS.SHOPIFY_API_SECRET,
      grant_type: 'refresh_token',
      refresh_token: old.refresh_token,
    });
    // A third worker later finds the fresh token without a refresh.
    expect(await shopifyAccessToken(t.get().db, getConfig(), SHOP)).toBe(a);
    expect(standin.log.refreshes).toEqual([SHOP]);
  });

  it('two workers with separate connection pools (on PostgreSQL; PGlite has one connection) still make one refresh call', async () => {
    const old = await installed(60_000);
    standin.setRefreshDelay(200);
    // A second "process": its own pool on the same schema.
    const other = process.env.DATABASE_URL
      ? await openDb({ driver: 'pg', url: process.env.DATABASE_URL, searchPath: t.get().migrationsSchema, poolSize: 2 })
      : { db: t.get().db, close: async () => {} };
    try {
      const [a, b] = await Promise.all([
        shopifyAccessToken(t.get().db, getConfig(), SHOP),
        shopifyAccessToken(other.db, getConfig(), SHOP),
      ]);
      expect(standin.log.refreshes).toEqual([SHOP]);
      expect(a).toBe(b);
      expect(a).not.toBe(old.access_token);
    } finally {
      await other.close();
    }
  });

  it('a client-credentials token is requested again shortly before it expires (no refresh token exists)', async () => {
    await ensureShop(t.get().db, { id: 'own-d.myshopify.com' });
    await saveShopifyConnection(t.get().db, getConfig(), {
      shopId: 'own-d.myshopify.com',
      grant: 'client_credentials',
      apiVersion: '2026-10',
      now: new Date(),
      pair: {
        accessToken: 'shpat_cc_old',
        scopes: 'read_orders',
        accessTokenExpiresAt: new Date(Date.now() + 60_000),
        refreshToken: null,
        refreshTokenExpiresAt: null,
      },
    });
    const token = await shopifyAccessToken(t.get().db, getConfig(), 'own-d.myshopify.com');
    expect(token).toBe(standin.shop('own-d.myshopify.com').accessToken);
    expect(standin.log.tokenRequests.map((r) => r.body.grant_type)).toEqual(['client_credentials']);
    expect((await loadShopifyConnection(t.get().db, 'own-d.myshopify.com'))!.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(
      23 * 3600_000,
    );
  });

  it('a 401 from the Admin API refreshes once and retries the call', async () => {
    await installed(50 * 60_000);
    // Shopify rotated the token (e.g. another install): the stored one is dead before its expiry.
    standin.shop(SHOP).accessToken = 'shpat_rotated_elsewhere';
    const client = (await shopifyClientForShop(t.get().db, getConfig(), SHOP))!;
    expect(await client.shopName()).toBe(`Store ${SHOP}`);
    expect(standin.log.refreshes).toEqual([SHOP]);
    expect(standin.log.graphql.map((g) => g.op)).toEqual(['ShopName', 'ShopName']);
    expect(standin.log.graphql[0].token).not.toBe(standin.shop(SHOP).accessToken);
    expect(standin.log.graphql.at(-1)!.token).toBe(standin.shop(SHOP).accessToken);
  });

  it('a revoked refresh token disconnects the shop; its effects wait (not dead-lettered) and run after a reconnect', async () => {
    await installed(60_000);
    standin.shop(SHOP).revoked = true;
    const db = t.get().db;
    await enqueueEffect(db, {
      shopId: SHOP,
      kind: 'shopify.tag_order',
      payload: { orderId: '1001', tags: ['vip'] },
      idempotencyKey: 'tag-1001',
    });
    const deps = outboxDepsFromConfig(getConfig());
    const stats = await runOutboxOnce(db, deps);
    expect(stats).toMatchObject({ claimed: 1, waiting: 1, dead: 0 });
    const [effect] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, 'tag-1001'));
    expect(effect.status).toBe('pending');
    expect(effect.attempts).toBe(0);
    expect(effect.lastError).toMatch(
      /^Waiting: north-a\.myshopify\.com is disconnected from Shopify \(Shopify refused the refresh token \(invalid_grant/,
    );
    expect(effect.lastError).toMatch(/reconnect it on \/admin\/connections/);
    const row = (await loadShopifyConnection(db, SHOP))!;
    expect(row.status).toBe('disconnected');
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'shopify.disconnected'));
    expect(audits.length).toBe(1);
    // Further calls fail at once, without asking Shopify again.
    await expect(shopifyAccessToken(db, getConfig(), SHOP)).rejects.toBeInstanceOf(ConnectionUnavailableError);
    expect(standin.log.refreshes).toEqual([SHOP]);
    // Reinstall: the waiting effect runs with the new token.
    standin.shop(SHOP).revoked = false;
    const fresh = standin.issue(SHOP);
    await saveShopifyConnection(db, getConfig(), {
      shopId: SHOP,
      grant: 'authorization_code',
      apiVersion: '2026-10',
      now: new Date(),
      pair: {
        accessToken: fresh.access_token,
        scopes: fresh.scope,
        accessTokenExpiresAt: new Date(Date.now() + 3600_000),
        refreshToken: fresh.refresh_token,
        refreshTokenExpiresAt: new Date(Date.now() + 90 * 86_400_000),
      },
    });
    await db.update(outbox).set({ nextAttemptAt: new Date() }).where(eq(outbox.idempotencyKey, 'tag-1001'));
    expect(await runOutboxOnce(db, deps)).toMatchObject({ done: 1 });
    expect(standin.log.graphql.at(-1)).toMatchObject({ shop: SHOP, token: fresh.access_token });
  });

  it('app/uninstalled stops every call for that shop at once', async () => {
    await installed(50 * 60_000);
    const db = t.get().db;
    const res = await webhookPOST(
      shopifyRequest(JSON.stringify({ id: 1, name: 'North A', domain: SHOP }), {
        topic: 'app/uninstalled',
        shop: SHOP,
        triggeredAt: new Date().toISOString(),
      }),
    );
    expect(res.status).toBe(200);
    const row = (await loadShopifyConnection(db, SHOP))!;
    expect(row).toMatchObject({ status: 'uninstalled', accessTokenEnc: null, refreshTokenEnc: null });
    // No projection has run yet; the next call is already refused locally.
    const client = (await shopifyClientForShop(db, getConfig(), SHOP))!;
    await expect(client.shopName()).rejects.toThrow(/uninstalled the Concord app/);
    expect(standin.log.graphql).toEqual([]);
    await enqueueEffect(db, {
      shopId: SHOP,
      kind: 'shopify.tag_order',
      payload: { orderId: '1002', tags: ['x'] },
      idempotencyKey: 'tag-1002',
    });
    expect(await runOutboxOnce(db, outboxDepsFromConfig(getConfig()))).toMatchObject({ waiting: 1, dead: 0 });
    // A stale uninstall redelivered after a reinstall doesn't disconnect the new install.
    const fresh = standin.issue(SHOP);
    await saveShopifyConnection(db, getConfig(), {
      shopId: SHOP,
      grant: 'authorization_code',
      apiVersion: '2026-10',
      now: new Date(),
      pair: {
        accessToken: fresh.access_token,
        scopes: '',
        accessTokenExpiresAt: new Date(Date.now() + 3600_000),
        refreshToken: fresh.refresh_token,
        refreshTokenExpiresAt: null,
      },
    });
    await webhookPOST(
      shopifyRequest('{"id":1}', { topic: 'app/uninstalled', shop: SHOP, triggeredAt: new Date(Date.now() - 3600_000).toISOString() }),
    );
    expect((await loadShopifyConnection(db, SHOP))!.status).toBe('connected');
  });
});
