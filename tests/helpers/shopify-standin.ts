import crypto from 'node:crypto';
import { http, HttpResponse } from 'msw';

// A loopback stand-in for Shopify's OAuth and Admin GraphQL endpoints, per shop, under
// SHOPIFY_ADMIN_BASE_URL=http://shopify.test/{shop}. It keeps what a real shop would: the current
// token pair (rotated on refresh, the old refresh token retired), webhook subscriptions, and a log
// of which token each call carried. Its callback signature is computed independently of Concord's
// code (sorted parameters, hex HMAC-SHA256), the algorithm checked against Shopify's published sample.

export const STANDIN_BASE = 'http://shopify.test/{shop}';
const ROOT = 'http://shopify.test';

export interface StandinShop {
  accessToken: string | null;
  refreshToken: string | null;
  expiresIn: number;
  subscriptions: { id: string; topic: string; uri: string }[];
  revoked: boolean;
}

export function createShopifyStandin(o: { clientId: string; clientSecret: string }) {
  const shops = new Map<string, StandinShop>();
  const log = {
    tokenRequests: [] as { shop: string; body: Record<string, unknown> }[],
    refreshes: [] as string[],
    graphql: [] as { shop: string; token: string | null; op: string }[],
    authorize: [] as { shop: string; query: Record<string, string> }[],
  };
  let seq = 0;
  let refreshDelayMs = 0;
  const shop = (s: string) => {
    if (!shops.has(s)) shops.set(s, { accessToken: null, refreshToken: null, expiresIn: 3600, subscriptions: [], revoked: false });
    return shops.get(s)!;
  };
  const issue = (s: string) => {
    const st = shop(s);
    seq++;
    st.accessToken = `shpat_${s.split('.')[0]}_${seq}`;
    st.refreshToken = `shprt_${s.split('.')[0]}_${seq}`;
    return {
      access_token: st.accessToken,
      scope: 'read_orders,write_orders,read_customers',
      expires_in: st.expiresIn,
      refresh_token: st.refreshToken,
      refresh_token_expires_in: 7_776_000,
    };
  };
  const sign = (params: URLSearchParams) => {
    const sorted = [...params.entries()].filter(([k]) => k !== 'hmac').sort(([a], [b]) => (a < b ? -1 : 1));
    const message = sorted.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return crypto.createHmac('sha256', o.clientSecret).update(message).digest('hex');
  };

  const handlers = [
    // The merchant approves at once: Shopify redirects to redirect_uri with a signed query.
    http.get(`${ROOT}/:shop/admin/oauth/authorize`, ({ request, params }) => {
      const url = new URL(request.url);
      const s = String(params.shop);
      log.authorize.push({ shop: s, query: Object.fromEntries(url.searchParams) });
      if (url.searchParams.get('client_id') !== o.clientId) return new HttpResponse('unknown app', { status: 400 });
      const q = new URLSearchParams({
        code: `code-${s}-${++seq}`,
        shop: s,
        state: url.searchParams.get('state') ?? '',
        timestamp: String(Math.floor(Date.now() / 1000)),
        host: Buffer.from(`admin.shopify.com/store/${s.split('.')[0]}`).toString('base64url'),
      });
      q.set('hmac', sign(q));
      return new HttpResponse(null, { status: 302, headers: { location: `${url.searchParams.get('redirect_uri')}?${q.toString()}` } });
    }),
    http.post(`${ROOT}/:shop/admin/oauth/access_token`, async ({ request, params }) => {
      const s = String(params.shop);
      const body = (await request.json()) as Record<string, unknown>;
      log.tokenRequests.push({ shop: s, body });
      if (body.client_id !== o.clientId || body.client_secret !== o.clientSecret)
        return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
      const st = shop(s);
      if (body.grant_type === 'refresh_token') {
        log.refreshes.push(s);
        if (refreshDelayMs) await new Promise((r) => setTimeout(r, refreshDelayMs));
        if (st.revoked || body.refresh_token !== st.refreshToken)
          return HttpResponse.json({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }, { status: 400 });
        return HttpResponse.json(issue(s));
      }
      if (body.grant_type === 'client_credentials') {
        const a = issue(s);
        st.refreshToken = null;
        return HttpResponse.json({ access_token: a.access_token, scope: a.scope, expires_in: 86_399 });
      }
      if (typeof body.code !== 'string' || !body.code.startsWith(`code-${s}-`))
        return HttpResponse.json({ error: 'invalid_request' }, { status: 400 });
      if (String(body.expiring) !== '1') return HttpResponse.json({ access_token: `shpat_forever_${s}`, scope: 'read_orders' }); // a non-expiring token
      return HttpResponse.json(issue(s));
    }),
    http.post(`${ROOT}/:shop/admin/api/:version/graphql.json`, async ({ request, params }) => {
      const s = String(params.shop);
      const token = request.headers.get('x-shopify-access-token');
      const { query, variables } = (await request.json()) as { query: string; variables: Record<string, unknown> };
      const op = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
      log.graphql.push({ shop: s, token, op });
      const st = shop(s);
      if (!token || token !== st.accessToken || st.revoked)
        return HttpResponse.json(
          { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
          { status: 401 },
        );
      const cost = {
        requestedQueryCost: 10,
        actualQueryCost: 10,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
      };
      if (op === 'ConcordWebhookSubscriptions') {
        return HttpResponse.json({
          data: { webhookSubscriptions: { nodes: st.subscriptions, pageInfo: { hasNextPage: false, endCursor: null } } },
          extensions: { cost },
        });
      }
      if (op === 'ConcordWebhookSubscriptionCreate') {
        const sub = {
          id: `gid://shopify/WebhookSubscription/${++seq}`,
          topic: String(variables.topic),
          uri: String((variables.webhookSubscription as { uri: string }).uri),
        };
        st.subscriptions.push(sub);
        return HttpResponse.json({
          data: { webhookSubscriptionCreate: { webhookSubscription: sub, userErrors: [] } },
          extensions: { cost },
        });
      }
      if (/orders\(/.test(query) && /updated_at/.test(JSON.stringify(variables))) {
        return HttpResponse.json({
          data: { orders: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
          extensions: { cost },
        });
      }
      if (/shop\s*\{\s*name/.test(query)) return HttpResponse.json({ data: { shop: { name: `Store ${s}` } }, extensions: { cost } });
      if (/tagsAdd/.test(query))
        return HttpResponse.json({ data: { tagsAdd: { node: { id: variables.id }, userErrors: [] } }, extensions: { cost } });
      return HttpResponse.json({ errors: [{ message: `stand-in has no answer for ${op}` }] });
    }),
  ];

  return {
    handlers,
    shops,
    log,
    shop,
    /** Tokens issued outside OAuth (as if installed earlier). */
    issue,
    setRefreshDelay: (ms: number) => {
      refreshDelayMs = ms;
    },
    reset: () => {
      shops.clear();
      log.tokenRequests.length = 0;
      log.refreshes.length = 0;
      log.graphql.length = 0;
      log.authorize.length = 0;
      refreshDelayMs = 0;
    },
  };
}
