import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionToken } from '@/lib/auth/session';
import { widgetToken } from '@/lib/auth/widget-link';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { ensureShop } from '@/lib/connections/shops';
import { TEST_SECRETS, TEST_USERS, useTestApp } from '../helpers/app';

// Every route and every page on disk, found by walking app/ (not a hand-kept list), gets the same
// hostile inputs with credentials good enough to reach its parsing: NUL bytes in ids, bodies and
// queries; nesting thousands deep; `Origin: null`; bodies of megabytes; broken JSON. None may answer
// 5xx, every 4xx says what was wrong, and no log line repeats the customer text the input carried.

const jar = vi.hoisted(() => ({ token: null as string | null }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'concord_session' && jar.token ? { name, value: jar.token } : undefined) }),
  headers: async () => new Headers(),
}));

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOP = 'acme.myshopify.com';
const MARKER = 'CUSTOMER-TEXT-7f3a'; // stands for a customer's words: must never reach the log
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(rel, name));
    else if (entry.name === name) out.push(rel);
  }
  return out.sort();
}

const NUL_ID = `1\u0000${MARKER}`;
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** The hostile bodies every mutating route gets. */
const BODIES: Array<[string, string]> = [
  [
    'NUL in every string',
    JSON.stringify({
      ticket_id: NUL_ID,
      shop: `acme\u0000.myshopify.com`,
      email: `a\u0000@b.test`,
      password: MARKER,
      action: 'reply',
      mode: 'suppress',
      reason: `\u0000${MARKER}`,
      params: { body: `hi\u0000${MARKER}` },
      settings: { returns: { windowDays: `\u0000` } },
    }),
  ],
  ['nesting 5,000 deep (arrays)', deep(5000)],
  ['nesting 2,000 deep (objects)', deepObject(2000)],
  ['broken JSON', `{"ticket_id": "1", "text": "${MARKER}`],
  ['a JSON string, not an object', JSON.stringify(MARKER)],
  ['3 MB of customer text', JSON.stringify({ ticket_id: '1', text: `${MARKER} `.repeat(300_000) })],
];

const QUERIES = [
  `?shop=${encodeURIComponent(`acme\u0000`)}&email=${encodeURIComponent(`${MARKER}\u0000@x.test`)}&ticket=${encodeURIComponent(NUL_ID)}&account=%00&q=${MARKER}%00`,
  `?shop=${'a'.repeat(5000)}&week=%00`,
];

function credentials(file: string, method: Method, body: string): Record<string, string> {
  const now = new Date();
  if (file.startsWith('app/api/admin/')) {
    const { token, session } = createSessionToken(TEST_USERS.admin, TEST_SECRETS.SESSION_SECRET, now);
    return { cookie: `concord_session=${token}`, 'x-csrf-token': session.csrf };
  }
  if (file.startsWith('app/api/cron/')) return { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` };
  if (file.startsWith('app/api/gorgias/')) return { authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` };
  if (file.startsWith('app/api/widget/'))
    return { 'x-widget-token': widgetToken({ ticketId: NUL_ID, shopId: SHOP, agent: null }, TEST_SECRETS.SESSION_SECRET, now) };
  if (file === 'app/api/webhooks/shopify/route.ts' && method === 'POST') {
    return {
      'x-shopify-hmac-sha256': signShopifyBody(body, TEST_SECRETS.SHOPIFY_API_SECRET),
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': SHOP,
      'x-shopify-event-id': `h-${Math.random()}`,
    };
  }
  return {};
}

function paramsFor(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of file.matchAll(/\[(\w+)\]/g)) params[m[1]] = NUL_ID;
  return params;
}

describe('hostile input on every route and page', () => {
  const t = useTestApp();
  const logged: string[] = [];
  let tried = 0;

  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    for (const level of ['error', 'warn', 'log', 'info'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args
            .map((a) =>
              a instanceof Error
                ? `${a.message} ${String((a as { cause?: unknown }).cause ?? '')}`
                : typeof a === 'string'
                  ? a
                  : JSON.stringify(a),
            )
            .join(' '),
        );
      });
    }
    vi.stubGlobal('fetch', async () => {
      throw new Error('network is disabled in the hostile-input tests');
    });
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  const routeFiles = findFiles('app/api', 'route.ts');
  for (const file of routeFiles) {
    it(`${file}: 4xx with a message (or Gorgias's 200 notice), never a 5xx`, async () => {
      const mod = (await import(path.join(ROOT, file))) as Partial<Record<Method, (req: Request, ctx: unknown) => Promise<Response>>>;
      const url = `http://concord.test/${path.posix.dirname(file).split('/').slice(1).join('/')}`;
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        const cases: Array<{ what: string; init: RequestInit; query: string }> = [];
        if (method === 'GET' || method === 'HEAD' || method === 'DELETE') {
          for (const q of QUERIES) cases.push({ what: `query ${q.slice(0, 30)}`, init: {}, query: q });
        } else {
          for (const [what, body] of BODIES) cases.push({ what, init: { body }, query: '' });
        }
        for (const c of cases) {
          const body = typeof c.init.body === 'string' ? c.init.body : '';
          const headers = { 'content-type': 'application/json', origin: 'null', ...credentials(file, method, body) };
          const res = await handler(new Request(`${url}${c.query}`, { method, headers, ...c.init }), {
            params: Promise.resolve(paramsFor(file)),
          });
          const text = await res.text();
          tried++;
          expect(res.status, `${method} ${file} with ${c.what} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400 && res.status !== 405 && method !== 'HEAD') {
            expect(JSON.parse(text).error?.message, `${method} ${file} with ${c.what}`).toMatch(/\w{3,}/);
          }
        }
      }
    }, 60_000);
  }

  const pageFiles = findFiles('app', 'page.tsx');
  for (const file of pageFiles) {
    it(`${file}: renders, redirects, 401s or 404s on hostile params, never throws`, async () => {
      const { token } = createSessionToken(TEST_USERS.admin, TEST_SECRETS.SESSION_SECRET, new Date());
      const Page = (await import(path.join(ROOT, file))).default as (p: unknown) => Promise<unknown>;
      const hostileSearch = [
        {
          shop: `acme\u0000`,
          ticket: NUL_ID,
          token: `x\u0000`,
          next: `/\\evil.example/${MARKER}`,
          week: '\u0000',
          q: MARKER,
          from: '9999-99-99',
          page: '-1',
        },
        { shop: 'a'.repeat(5000), id: '../../etc/passwd', sort: '<script>', intent: '{{7*7}}' },
      ];
      for (const search of hostileSearch) {
        for (const session of [null, token]) {
          jar.token = session;
          tried++;
          try {
            await Page({ params: Promise.resolve(paramsFor(file)), searchParams: Promise.resolve(search) });
          } catch (err) {
            const digest = String((err as { digest?: string }).digest ?? '');
            if (!digest.startsWith('NEXT_REDIRECT') && !/^NEXT_HTTP_ERROR_FALLBACK;40[14]/.test(digest)) throw err;
          } finally {
            jar.token = null;
          }
        }
      }
    }, 60_000);
  }

  it('tried every route and page, and no log line carries the customer text the hostile input held', () => {
    expect(routeFiles.length).toBeGreaterThan(20);
    expect(tried).toBeGreaterThan(150);
    expect(logged.filter((l) => l.includes(MARKER))).toEqual([]);
  });
});
