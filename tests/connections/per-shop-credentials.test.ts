import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { eq } from 'drizzle-orm';
import { getConfig } from '@/lib/runtime/config';
import { issues, klaviyoProfiles, outbox } from '@/lib/db/schema';
import { linkShopAccounts, saveGorgiasAccount, saveKlaviyoAccount } from '@/lib/connections/save-accounts';
import { saveShopifyConnection } from '@/lib/connections/shopify-connection-store';
import { mergeKlaviyoProperties } from '@/lib/domain/klaviyo-merge';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { ensureShop, shopsForGorgiasDomain, clearShopsCache } from '@/lib/connections/shops';
import { useTestApp, TEST_SECRETS } from '../helpers/app';
import { createShopifyStandin, STANDIN_BASE } from '../helpers/shopify-standin';

// Three stores: north-a and north-b share the "north" helpdesk and one Klaviyo account; south-c has
// its own of each. Every effect must reach its own shop's account with that account's credentials.
const CLIENT_ID = 'concord-client-id';
const standin = createShopifyStandin({ clientId: CLIENT_ID, clientSecret: TEST_SECRETS.SHOPIFY_API_SECRET });
const gorgiasCalls: { account: string; auth: string; ticket: string }[] = [];
const klaviyoCalls: { key: string; email: string; properties: Record<string, unknown> }[] = [];
const server = setupServer(
  ...standin.handlers,
  http.post('http://gorgias.test/:account/api/tickets/:ticket/tags', ({ request, params }) => {
    gorgiasCalls.push({ account: String(params.account), auth: request.headers.get('authorization') ?? '', ticket: String(params.ticket) });
    return HttpResponse.json({});
  }),
  http.post('http://klaviyo.test/api/profile-import', async ({ request }) => {
    const body = (await request.json()) as { data: { attributes: { email: string; properties: Record<string, unknown> } } };
    klaviyoCalls.push({
      key: request.headers.get('authorization') ?? '',
      email: body.data.attributes.email,
      properties: body.data.attributes.properties,
    });
    return HttpResponse.json({ data: { type: 'profile', id: `P-${body.data.attributes.email}` } });
  }),
);

const basic = (email: string, key: string) => `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;

describe('every effect uses its own shop’s credentials', () => {
  const t = useTestApp({
    SHOPIFY_API_KEY: CLIENT_ID,
    SHOPIFY_ADMIN_BASE_URL: STANDIN_BASE,
    GORGIAS_BASE_URL: 'http://gorgias.test/{account}',
    KLAVIYO_BASE_URL: 'http://klaviyo.test',
  });
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    const db = t.get().db;
    const config = getConfig();
    for (const id of ['north-a.myshopify.com', 'north-b.myshopify.com', 'south-c.myshopify.com']) {
      await ensureShop(db, { id });
      const a = standin.issue(id);
      await saveShopifyConnection(db, config, {
        shopId: id,
        grant: 'authorization_code',
        apiVersion: '2026-10',
        now: new Date(),
        pair: {
          accessToken: a.access_token,
          scopes: a.scope,
          accessTokenExpiresAt: new Date(Date.now() + 3600_000),
          refreshToken: a.refresh_token,
          refreshTokenExpiresAt: null,
        },
      });
    }
    await saveGorgiasAccount(db, config, { domain: 'https://north.gorgias.com/', apiEmail: 'ops@north.test', apiKey: 'key-north' });
    await saveGorgiasAccount(db, config, { domain: 'south', apiEmail: 'ops@south.test', apiKey: 'key-south' });
    const kNorth = await saveKlaviyoAccount(db, config, { label: 'North brand', privateKey: 'pk_north' });
    const kSouth = await saveKlaviyoAccount(db, config, { label: 'South brand', privateKey: 'pk_south' });
    await linkShopAccounts(db, 'north-a.myshopify.com', { gorgiasDomain: 'north', klaviyoAccountId: kNorth });
    await linkShopAccounts(db, 'north-b.myshopify.com', { gorgiasDomain: 'north.gorgias.com', klaviyoAccountId: kNorth });
    await linkShopAccounts(db, 'south-c.myshopify.com', { gorgiasDomain: 'south', klaviyoAccountId: kSouth });
  });
  afterEach(() => {
    gorgiasCalls.length = 0;
    klaviyoCalls.length = 0;
    standin.log.graphql.length = 0;
  });
  afterAll(() => server.close());

  const drain = async () => {
    const deps = outboxDepsFromConfig(getConfig());
    for (let i = 0; i < 5; i++) if ((await runOutboxOnce(t.get().db, deps, 20)).claimed === 0) break;
  };

  it('two stores in one helpdesk, one store in another: the sidebar scope and the Gorgias credentials follow the link', async () => {
    clearShopsCache();
    expect(await shopsForGorgiasDomain(t.get().db, 'north')).toEqual(['north-a.myshopify.com', 'north-b.myshopify.com']);
    expect(await shopsForGorgiasDomain(t.get().db, 'south')).toEqual(['south-c.myshopify.com']);
    for (const [shopId, ticket] of [
      ['north-a.myshopify.com', '11'],
      ['north-b.myshopify.com', '12'],
      ['south-c.myshopify.com', '13'],
    ]) {
      await enqueueEffect(t.get().db, {
        shopId,
        kind: 'gorgias.add_tags',
        payload: { ticketId: ticket, tags: ['concord'] },
        idempotencyKey: `tag-${ticket}`,
      });
    }
    await drain();
    expect(gorgiasCalls.sort((a, b) => a.ticket.localeCompare(b.ticket))).toEqual([
      { account: 'north', auth: basic('ops@north.test', 'key-north'), ticket: '11' },
      { account: 'north', auth: basic('ops@north.test', 'key-north'), ticket: '12' },
      { account: 'south', auth: basic('ops@south.test', 'key-south'), ticket: '13' },
    ]);
  });

  it('Shopify calls go to the effect’s own store with that store’s token', async () => {
    for (const shopId of ['north-a.myshopify.com', 'south-c.myshopify.com']) {
      await enqueueEffect(t.get().db, {
        shopId,
        kind: 'shopify.tag_order',
        payload: { orderId: '1001', tags: ['vip'] },
        idempotencyKey: `stag-${shopId}`,
      });
    }
    await drain();
    const calls = standin.log.graphql.map((g) => ({ shop: g.shop, token: g.token })).sort((a, b) => a.shop.localeCompare(b.shop));
    expect(calls).toEqual([
      { shop: 'north-a.myshopify.com', token: standin.shop('north-a.myshopify.com').accessToken },
      { shop: 'south-c.myshopify.com', token: standin.shop('south-c.myshopify.com').accessToken },
    ]);
    const rows = await t.get().db.select().from(outbox).where(eq(outbox.kind, 'shopify.tag_order'));
    expect(rows.map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('Klaviyo: each store’s account key; one email at two stores of one account is merged, not overwritten', async () => {
    const db = t.get().db;
    // jo@example.com has an open delivery issue at north-a and nothing at north-b.
    await db.insert(issues).values({
      shopId: 'north-a.myshopify.com',
      customerEmail: 'jo@example.com',
      kind: 'delivery',
      key: 'delivery:1',
      status: 'open',
      openedAt: new Date(Date.now() - 86_400_000),
      lastSignalAt: new Date(),
      reason: 'late',
    });
    await enqueueEffect(db, {
      shopId: 'north-b.myshopify.com',
      kind: 'klaviyo.sync_profile',
      payload: { email: 'jo@example.com' },
      idempotencyKey: 'k-b',
    });
    await enqueueEffect(db, {
      shopId: 'south-c.myshopify.com',
      kind: 'klaviyo.sync_profile',
      payload: { email: 'jo@example.com' },
      idempotencyKey: 'k-c',
    });
    await drain();
    const byKey = Object.fromEntries(klaviyoCalls.map((c) => [c.key, c.properties]));
    // north-b's sync still says "active issue": north-a's open issue lives in the same Klaviyo profile.
    expect(byKey['Klaviyo-API-Key pk_north']).toMatchObject({
      concord_active_issue: true,
      concord_open_issue_types: ['delivery'],
      concord_open_issue_count: 1,
    });
    // south-c is another Klaviyo account: only its own (empty) state.
    expect(byKey['Klaviyo-API-Key pk_south']).toMatchObject({ concord_active_issue: false, concord_open_issue_count: 0 });
    const [row] = await db.select().from(klaviyoProfiles).where(eq(klaviyoProfiles.shopId, 'north-b.myshopify.com'));
    expect(row.suppressed).toBe(true);
  });

  it('the merge rule', () => {
    const open = {
      concord_active_issue: true,
      concord_open_issue_types: ['delay'],
      concord_open_issue_count: 1,
      concord_issue_opened_at: '2026-11-20T00:00:00.000Z',
      concord_issue_resolved_at: null,
      concord_vip_active_issue: false,
      concord_has_open_return: false,
      concord_has_open_refund: false,
      concord_suppression_override: null,
    };
    const resolved = {
      concord_active_issue: false,
      concord_open_issue_types: [],
      concord_open_issue_count: 0,
      concord_issue_opened_at: '2026-11-01T00:00:00.000Z',
      concord_issue_resolved_at: '2026-11-25T00:00:00.000Z',
      concord_vip_active_issue: false,
      concord_has_open_return: false,
      concord_has_open_refund: false,
      concord_suppression_override: 'release',
    };
    expect(mergeKlaviyoProperties([resolved, open])).toEqual({ ...open, concord_suppression_override: 'release' });
    expect(
      mergeKlaviyoProperties([
        resolved,
        { ...resolved, concord_issue_resolved_at: '2026-11-27T00:00:00.000Z', concord_suppression_override: 'suppress' },
      ]),
    ).toMatchObject({
      concord_active_issue: false,
      concord_issue_resolved_at: '2026-11-27T00:00:00.000Z',
      concord_suppression_override: 'suppress',
    });
  });
});
