import { REGISTERED_TOPICS } from '@/lib/integrations/shopify/verify-webhook';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import type { ReactElement } from 'react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GET as installGET } from '@/app/api/shopify/install/route';
import { GET as callbackGET } from '@/app/api/shopify/callback/route';
import { POST as addGorgias } from '@/app/api/admin/gorgias-accounts/route';
import { POST as addKlaviyo } from '@/app/api/admin/klaviyo-accounts/route';
import { PATCH as linkStore, DELETE as disconnectStore } from '@/app/api/admin/stores/[shop]/route';
import { POST as testStore } from '@/app/api/admin/stores/[shop]/test/route';
import { POST as installGorgias } from '@/app/api/admin/setup/gorgias-install/route';
import { createSessionToken } from '@/lib/auth/session';
import { backfillInFlight } from '@/lib/connections/install-shopify-app';
import { loadShopifyConnection } from '@/lib/connections/shopify-connection-store';
import { clearShopsCache, shopsForGorgiasDomain } from '@/lib/connections/shops';
import { TEST_SECRETS, useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';
import { createShopifyStandin, STANDIN_BASE } from '../helpers/shopify-standin';

// An admin connects a second store end to end, with no environment change and no restart.
const jar = vi.hoisted(() => ({ token: null as string | null }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'concord_session' && jar.token ? { name, value: jar.token } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  useRouter: () => ({ push: () => {}, refresh: () => {} }),
}));

const CLIENT_ID = 'concord-client-id';
const standin = createShopifyStandin({ clientId: CLIENT_ID, clientSecret: TEST_SECRETS.SHOPIFY_API_SECRET });
const gorgias = { integrations: [] as { id: number; url: string }[], auths: [] as string[] };
const server = setupServer(
  ...standin.handlers,
  http.get('http://gorgias.test/:account/api/integrations', ({ request }) => {
    gorgias.auths.push(request.headers.get('authorization') ?? '');
    return HttpResponse.json({
      data: gorgias.integrations.map((i) => ({ id: i.id, name: 'Concord', type: 'http', http: { url: i.url } })),
      meta: { next_cursor: null },
    });
  }),
  http.post('http://gorgias.test/:account/api/integrations', async ({ request }) => {
    const body = (await request.json()) as { http: { url: string } };
    gorgias.integrations.push({ id: 77, url: body.http.url });
    return HttpResponse.json({ id: 77 });
  }),
  http.post('http://gorgias.test/:account/api/widgets', () => HttpResponse.json({ id: 88 })),
  http.get('http://gorgias.test/:account/api/macros', () => HttpResponse.json({ data: [], meta: { next_cursor: null } })),
  http.post('http://gorgias.test/:account/api/macros', () => HttpResponse.json({ id: 99 })),
  http.get('http://klaviyo.test/api/segments', ({ request }) =>
    HttpResponse.json({
      data: request.headers.get('authorization') === 'Klaviyo-API-Key pk_eu_0123456789' ? [{ id: 'S1', attributes: { name: 'VIP' } }] : [],
      links: { next: null },
    }),
  ),
);

const admin = (method: string, url: string, body?: unknown) =>
  new Request(url, {
    method,
    headers: sessionHeaders('admin', { json: true }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (shop: string) => ({ params: Promise.resolve({ shop }) });

describe('/admin/connections: a second store without touching the environment', () => {
  const t = useTestApp({
    SHOPIFY_API_KEY: CLIENT_ID,
    SHOPIFY_ADMIN_BASE_URL: STANDIN_BASE,
    GORGIAS_BASE_URL: 'http://gorgias.test/{account}',
    KLAVIYO_BASE_URL: 'http://klaviyo.test',
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => standin.log.graphql.splice(0));
  afterAll(() => server.close());

  it('adds the store, links its helpdesk and Klaviyo account, tests each, and never shows a secret', async () => {
    const shop = 'acme-eu.myshopify.com';
    // Accounts first.
    let res = await addGorgias(
      admin('POST', 'http://concord.test/api/admin/gorgias-accounts', {
        domain: 'acme-eu.gorgias.com',
        apiEmail: 'ops@acme.test',
        apiKey: 'gorgias-secret-key-123',
      }),
    );
    expect(res.status).toBe(200);
    res = await addKlaviyo(
      admin('POST', 'http://concord.test/api/admin/klaviyo-accounts', { label: 'EU brand', privateKey: 'pk_eu_0123456789' }),
    );
    const { id: klaviyoId } = (await res.json()) as { id: number };
    // Install through Shopify.
    res = await installGET(new Request(`http://concord.test/api/shopify/install?shop=${shop}`, { headers: sessionHeaders('admin') }));
    const approved = await fetch(res.headers.get('location')!, { redirect: 'manual' });
    res = await callbackGET(new Request(approved.headers.get('location')!));
    expect(res.headers.get('location')).toBe(`http://concord.test/admin/connections?installed=${shop}`);
    await backfillInFlight(shop);
    // Link and test.
    res = await linkStore(
      admin('PATCH', `http://concord.test/api/admin/stores/${shop}`, { gorgiasDomain: 'acme-eu', klaviyoAccountId: String(klaviyoId) }),
      params(shop),
    );
    expect(res.status).toBe(200);
    clearShopsCache();
    expect(await shopsForGorgiasDomain(t.get().db, 'acme-eu')).toEqual([shop]);
    for (const [system, expected] of [
      ['shopify', /the store is “Store acme-eu\.myshopify\.com”/],
      ['gorgias', /0 integrations visible/],
      ['klaviyo', /1 segments visible/],
    ] as const) {
      res = await testStore(admin('POST', `http://concord.test/api/admin/stores/${shop}/test?system=${system}`), params(shop));
      const json = (await res.json()) as { ok: boolean; msg: string };
      expect(json.ok, json.msg).toBe(true);
      expect(json.msg).toMatch(expected);
    }
    expect(gorgias.auths.at(-1)).toBe(`Basic ${Buffer.from('ops@acme.test:gorgias-secret-key-123').toString('base64')}`);
    // The HTTP integration installs into that account.
    res = await installGorgias(admin('POST', 'http://concord.test/api/admin/setup/gorgias-install?account=acme-eu'));
    expect(((await res.json()) as { msg: string }).msg).toMatch(/Installed in acme-eu: integration 77/);
    // The page shows the store, its links, token expiry and webhooks, and no secret.
    jar.token = createSessionToken({ id: 1, email: 'admin@concord.test', role: 'admin' }, TEST_SECRETS.SESSION_SECRET, new Date()).token;
    const Page = (await import('@/app/admin/connections/page')).default as (p: unknown) => Promise<ReactElement>;
    const html = renderToString(await Page({ searchParams: Promise.resolve({ installed: shop }) }));
    jar.token = null;
    expect(html).toContain(shop);
    expect(html).toContain('acme-eu.gorgias.com');
    expect(html).toContain('EU brand');
    expect(html.replace(/<!-- -->/g, '')).toMatch(/authorization code · 2026-10/);
    expect(html.replace(/<!-- -->/g, '')).toContain(`${REGISTERED_TOPICS.length}/${REGISTERED_TOPICS.length} registered`);
    for (const secret of [
      standin.shop(shop).accessToken!,
      standin.shop(shop).refreshToken!,
      'gorgias-secret-key-123',
      'pk_eu_0123456789',
      TEST_SECRETS.SHOPIFY_API_SECRET,
    ])
      expect(html).not.toContain(secret);
  });

  it('disconnect stops the store’s calls and the page says how to reconnect', async () => {
    const shop = 'acme-eu.myshopify.com';
    const res = await disconnectStore(admin('DELETE', `http://concord.test/api/admin/stores/${shop}`), params(shop));
    expect(res.status).toBe(200);
    expect((await loadShopifyConnection(t.get().db, shop))!.status).toBe('disconnected');
    const test = await testStore(admin('POST', `http://concord.test/api/admin/stores/${shop}/test?system=shopify`), params(shop));
    expect(((await test.json()) as { msg: string }).msg).toMatch(/disconnected from Shopify .*reconnect it on \/admin\/connections/);
    expect(standin.log.graphql).toEqual([]);
    jar.token = createSessionToken({ id: 1, email: 'admin@concord.test', role: 'admin' }, TEST_SECRETS.SESSION_SECRET, new Date()).token;
    const Page = (await import('@/app/admin/connections/page')).default as (p: unknown) => Promise<ReactElement>;
    const html = renderToString(await Page({ searchParams: Promise.resolve({}) })).replace(/<!-- -->/g, '');
    jar.token = null;
    expect(html).toMatch(/Disconnected by admin@concord\.test on \d{4}-\d{2}-\d{2}\. Its Shopify effects wait until you reconnect\./);
    expect(html).toContain('Reconnect (install again)');
  });
});
