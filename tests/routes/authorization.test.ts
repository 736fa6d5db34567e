import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionToken, type Role } from '@/lib/auth/session';
import { widgetToken } from '@/lib/auth/widget-link';
import { ensureShop } from '@/lib/connections/shops';
import { resetConfigForTests } from '@/lib/runtime/config';
import { tickets } from '@/lib/db/schema';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';

// Who may call what. Every app/api/**/route.ts must be declared here: the list is compared with the
// filesystem, so a new route without a declared access level fails this file until someone decides.

// Pages read the session cookie through next/headers; outside a Next request we hand them our own jar.
const jar = vi.hoisted(() => ({ token: null as string | null }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'concord_session' && jar.token ? { name, value: jar.token } : undefined) }),
  headers: async () => new Headers(),
}));

type Access =
  | 'public' // anyone; bad input gets a 4xx
  | 'gorgias-secret' // Authorization: Bearer GORGIAS_INTEGRATION_SECRET
  | 'gorgias-or-widget' // that Bearer secret, or a signed widget link for the ticket
  | 'widget-token' // x-widget-token: a signed link bound to the ticket
  | 'cron-secret' // Authorization: Bearer CRON_SECRET
  | 'shopify-hmac' // X-Shopify-Hmac-Sha256 of the raw body
  | 'lead' // signed-in lead or admin, CSRF header on mutations
  | 'admin'; // signed-in admin, CSRF header on mutations

interface RouteSpec {
  access: Access;
  /** A well-formed body, so that an anonymous call fails on auth and not on validation. */
  body?: unknown;
  /** For public routes: what an anonymous call with `body` gets (when it doesn't depend on the environment). */
  anonymous?: number;
}

const SHOP = 'acme.myshopify.com';
const ROUTES: Record<string, RouteSpec> = {
  'app/api/admin/audit.csv/route.ts': { access: 'admin' },
  'app/api/admin/automation/shadow-report/route.ts': { access: 'admin' },
  'app/api/admin/connections/[system]/route.ts': { access: 'admin' },
  'app/api/admin/outbox/[id]/replay/route.ts': { access: 'admin' },
  'app/api/admin/policy-simulate/route.ts': { access: 'admin', body: { shop: SHOP, scenario: {} } },
  'app/api/admin/qa/reviews/route.ts': {
    access: 'lead',
    body: { shop: SHOP, week: '2026-W48', kind: 'wismo_automation', item: 'ticket:1', verdict: 'correct' },
  },
  'app/api/admin/review/[id]/teach/route.ts': { access: 'lead' },
  'app/api/admin/settings/route.ts': { access: 'admin', body: { shop: SHOP, settings: {} } },
  'app/api/admin/stores/route.ts': { access: 'admin', body: { grant: 'static', shop: 'not-a-shop', accessToken: 'shpat_0123456789' } },
  'app/api/admin/stores/[shop]/route.ts': { access: 'admin', body: { gorgiasDomain: 'acme' } },
  'app/api/admin/stores/[shop]/test/route.ts': { access: 'admin' },
  'app/api/admin/stores/[shop]/webhooks/route.ts': { access: 'admin' },
  'app/api/admin/gorgias-accounts/route.ts': { access: 'admin', body: { domain: 'acme', apiEmail: 'ops@acme.test', apiKey: 'short' } },
  'app/api/admin/klaviyo-accounts/route.ts': { access: 'admin', body: { label: 'EU', privateKey: 'not-a-key' } },
  'app/api/admin/setup/gorgias-install/route.ts': { access: 'admin' },
  'app/api/admin/setup/gorgias-test/route.ts': { access: 'admin' },
  'app/api/auth/login/route.ts': { access: 'public', body: {}, anonymous: 400 },
  'app/api/auth/logout/route.ts': { access: 'public', anonymous: 200 },
  'app/api/admin/widget-links/revoke/route.ts': { access: 'admin', body: { shop: SHOP } },
  'app/api/bench/bare/route.ts': { access: 'public', anonymous: 404 }, // only answers under `npm run bench`
  'app/api/cron/delay-scan/route.ts': { access: 'cron-secret' },
  'app/api/cron/drain/route.ts': { access: 'cron-secret' },
  'app/api/cron/klaviyo-reconcile/route.ts': { access: 'cron-secret' },
  'app/api/cron/reconcile/route.ts': { access: 'cron-secret' },
  'app/api/gorgias/actions/route.ts': { access: 'gorgias-or-widget', body: { ticket_id: '1', action: 'reply', confirm: false } },
  'app/api/gorgias/suppression/route.ts': { access: 'gorgias-or-widget', body: { ticket_id: '1', mode: 'clear' } },
  'app/api/gorgias/widget/route.ts': { access: 'gorgias-secret', body: {} },
  // Health: anyone gets { ok, status }; operators get more (tests/routes/health-backlog.test.ts).
  // Anonymous callers get only { ok, status }; the backlog needs an admin or the cron secret (tests/routes/health-backlog.test.ts).
  'app/api/health/route.ts': { access: 'public' },
  // An admin's "Add a store" link, or Shopify's own signed install link (tests/connections/install.test.ts).
  'app/api/shopify/install/route.ts': { access: 'admin' },
  // Shopify's redirect after the merchant approves: public, refused unless HMAC, state and shop check out.
  'app/api/shopify/callback/route.ts': { access: 'public', anonymous: 400 },
  'app/api/webhooks/shopify/route.ts': { access: 'shopify-hmac' },
  'app/api/widget/[ticket]/draft/route.ts': { access: 'widget-token' },
  'app/api/widget/[ticket]/route.ts': { access: 'widget-token' },
  'app/api/widget/[ticket]/intent/route.ts': { access: 'widget-token', body: { intent: 'wismo' } },
  'app/api/widget/[ticket]/unsent/route.ts': { access: 'widget-token', body: { text: 'hello' } },
};

// Every page on disk and who may see it. 'demo-inbox' is `/`: a landing with nothing of any customer
// outside demo mode, the demo inbox for a signed-in user in demo mode.
type PageAccess = Role | 'public' | 'widget-token' | 'demo-inbox';
const PAGES: Record<string, PageAccess> = {
  'app/admin/page.tsx': 'admin',
  'app/admin/settings/page.tsx': 'admin',
  'app/admin/setup/page.tsx': 'admin',
  'app/admin/connections/page.tsx': 'admin',
  'app/admin/kpis/page.tsx': 'admin',
  'app/admin/automation/page.tsx': 'admin',
  'app/admin/audit/page.tsx': 'admin',
  'app/admin/review/page.tsx': 'lead',
  'app/admin/review/[id]/page.tsx': 'lead',
  'app/admin/qa/page.tsx': 'lead',
  'app/login/page.tsx': 'public',
  'app/page.tsx': 'demo-inbox',
  'app/widget/[ticket]/page.tsx': 'widget-token',
};

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(rel, name));
    else if (entry.name === name) out.push(rel);
  }
  return out.sort();
}

/** app/api/widget/[ticket]/route.ts → /api/widget/1 with params { ticket: '1' }. */
function urlFor(file: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = path.posix
    .dirname(file)
    .split('/')
    .slice(1)
    .map((s) => {
      const m = /^\[(\w+)\]$/.exec(s);
      if (!m) return s;
      params[m[1]] = '1';
      return '1';
    });
  return { url: `http://concord.test/${segments.join('/')}`, params };
}

const mutating = (m: Method) => m !== 'GET' && m !== 'HEAD';

function session(role: Role, secret = TEST_SECRETS.SESSION_SECRET) {
  const user = role === 'admin' ? { id: 1, email: 'admin@concord.test', role } : { id: 2, email: 'lead@concord.test', role };
  return createSessionToken(user, secret, new Date());
}

type Credential =
  | { kind: 'none' }
  | { kind: 'session'; role: Role; csrf: boolean; secret?: string }
  | { kind: 'bearer'; secret: string }
  | { kind: 'widget' }
  | { kind: 'shopify-signed' };

/** The HTTP methods a route file exports, read from its source so each gets its own test. */
function declaredMethods(file: string): Method[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return METHODS.filter((m) => new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+${m}\\b`).test(src));
}

async function call(file: string, method: Method, cred: Credential): Promise<{ status: number; code: string | null }> {
  const spec = ROUTES[file];
  const mod = (await import(path.join(ROOT, file))) as Partial<Record<Method, Handler>>;
  const handler = mod[method]!;
  const { url, params } = urlFor(file);
  const ctx = { params: Promise.resolve(params) };
  if (cred.kind === 'shopify-signed') {
    const res = await handler(shopifyRequest(JSON.stringify({ id: 1 }), { topic: 'customers/update', shop: SHOP }), ctx);
    return { status: res.status, code: null };
  }
  const headers = new Headers();
  if (cred.kind === 'session') {
    const { token, session: s } = session(cred.role, cred.secret);
    headers.set('cookie', `concord_session=${token}`);
    if (cred.csrf) headers.set('x-csrf-token', s.csrf);
  }
  if (cred.kind === 'bearer') headers.set('authorization', `Bearer ${cred.secret}`);
  if (cred.kind === 'widget')
    headers.set(
      'x-widget-token',
      widgetToken({ ticketId: '1', shopId: SHOP, agent: 'agent@acme.test' }, TEST_SECRETS.SESSION_SECRET, new Date()),
    );
  const init: RequestInit = { method, headers };
  if (mutating(method)) {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(spec.body ?? {});
  }
  const res = await handler(new Request(url, init), ctx);
  const text = await res.text(); // also lets streamed answers finish before the database goes away
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    // not JSON (CSV, streamed text)
  }
  return { status: res.status, code };
}

const allowed = (status: number) => status < 500 && status !== 401 && status !== 403;

describe('authorization of every API route', () => {
  const t = useTestApp();
  const routeFiles = findFiles('app/api', 'route.ts');

  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme' });
    // Handlers that call out (the Gorgias self-test) must not reach the network from a test.
    vi.stubGlobal('fetch', async () => {
      throw new Error('network is disabled in the authorization tests');
    });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('declares the access of every route on disk, and nothing that is gone', () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    const undeclared = routeFiles.filter((f) => !(f in ROUTES));
    expect(undeclared, `declare the access of these routes in ROUTES: ${undeclared.join(', ')}`).toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  for (const file of Object.keys(ROUTES).sort()) {
    const spec = ROUTES[file];
    describe(`${file} (${spec.access})`, () => {
      const methods = declaredMethods(file);
      it('serves exactly the HTTP methods its source declares', async () => {
        const mod = await import(path.join(ROOT, file));
        expect(methods.length).toBeGreaterThan(0);
        expect(METHODS.filter((m) => typeof mod[m] === 'function')).toEqual(methods);
      });

      for (const method of methods) {
        it(`${method}: anonymous and wrong credentials are refused; the right caller gets through`, async () => {
          const anon = await call(file, method, { kind: 'none' });
          switch (spec.access) {
            case 'public': {
              expect([401, 403]).not.toContain(anon.status);
              if (spec.anonymous !== undefined) expect(anon.status).toBe(spec.anonymous);
              break;
            }
            case 'gorgias-secret':
            case 'gorgias-or-widget': {
              expect(anon.status).toBe(401);
              expect((await call(file, method, { kind: 'bearer', secret: 'wrong' })).status).toBe(401);
              expect((await call(file, method, { kind: 'bearer', secret: TEST_SECRETS.CRON_SECRET })).status).toBe(401);
              const ok = await call(file, method, { kind: 'bearer', secret: TEST_SECRETS.GORGIAS_INTEGRATION_SECRET });
              expect(allowed(ok.status), `status ${ok.status}`).toBe(true);
              if (spec.access === 'gorgias-or-widget') expect(allowed((await call(file, method, { kind: 'widget' })).status)).toBe(true);
              else expect((await call(file, method, { kind: 'widget' })).status).toBe(401);
              // A signed-in admin's cookie is no substitute for the integration secret.
              expect((await call(file, method, { kind: 'session', role: 'admin', csrf: true })).status).toBe(401);
              break;
            }
            case 'widget-token': {
              expect(anon.status).toBe(401);
              expect((await call(file, method, { kind: 'bearer', secret: TEST_SECRETS.GORGIAS_INTEGRATION_SECRET })).status).toBe(401);
              expect((await call(file, method, { kind: 'session', role: 'admin', csrf: true })).status).toBe(401);
              const ok = await call(file, method, { kind: 'widget' });
              expect(allowed(ok.status), `status ${ok.status}`).toBe(true);
              break;
            }
            case 'cron-secret': {
              expect(anon.status).toBe(401);
              expect((await call(file, method, { kind: 'bearer', secret: TEST_SECRETS.GORGIAS_INTEGRATION_SECRET })).status).toBe(401);
              expect((await call(file, method, { kind: 'session', role: 'admin', csrf: true })).status).toBe(401);
              const ok = await call(file, method, { kind: 'bearer', secret: TEST_SECRETS.CRON_SECRET });
              expect(allowed(ok.status), `status ${ok.status}`).toBe(true);
              break;
            }
            case 'shopify-hmac': {
              expect(anon.status).toBe(401);
              expect((await call(file, method, { kind: 'session', role: 'admin', csrf: true })).status).toBe(401);
              const ok = await call(file, method, { kind: 'shopify-signed' });
              expect(ok.status).toBe(200);
              break;
            }
            case 'lead':
            case 'admin': {
              expect(anon.status).toBe(401);
              // A cookie signed with another secret is no session.
              expect(
                (
                  await call(file, method, {
                    kind: 'session',
                    role: 'admin',
                    csrf: true,
                    secret: 'another-secret-0123456789abcdef0123456789',
                  })
                ).status,
              ).toBe(401);
              const lead = await call(file, method, { kind: 'session', role: 'lead', csrf: true });
              if (spec.access === 'admin') expect(lead.status).toBe(403);
              else expect(allowed(lead.status), `lead got ${lead.status}`).toBe(true);
              if (mutating(method)) {
                const noCsrf = await call(file, method, { kind: 'session', role: spec.access, csrf: false });
                expect(noCsrf).toEqual({ status: 403, code: 'csrf' });
              }
              const admin = await call(file, method, { kind: 'session', role: 'admin', csrf: true });
              expect(allowed(admin.status), `admin got ${admin.status}`).toBe(true);
              break;
            }
          }
        });
      }
    });
  }
});

describe('every page', () => {
  const t = useTestApp();
  const pageFiles = findFiles('app', 'page.tsx');
  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
  });

  it('declares the access of every page on disk, and nothing that is gone', () => {
    expect(pageFiles.length).toBeGreaterThan(8);
    expect(pageFiles.filter((f) => !(f in PAGES))).toEqual([]);
    expect(Object.keys(PAGES).filter((f) => !pageFiles.includes(f))).toEqual([]);
  });

  /** Renders a page function; returns where it redirected (null when it rendered or 404ed) and what it rendered. */
  async function visit(
    file: string,
    token: string | null,
    search: Record<string, string> = {},
  ): Promise<{ redirect: string | null; pathname: string; element: unknown }> {
    jar.token = token;
    const { url, params } = urlFor(file.replace(/page\.tsx$/, 'route.ts'));
    const pathname = new URL(url).pathname.replace(/\/$/, '') || '/';
    const Page = (await import(path.join(ROOT, file))).default as (p: unknown) => Promise<unknown>;
    try {
      const element = await Page({ params: Promise.resolve(params), searchParams: Promise.resolve(search) });
      return { redirect: null, pathname, element };
    } catch (err) {
      const digest = String((err as { digest?: string }).digest ?? '');
      if (digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2], pathname, element: null };
      if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return { redirect: null, pathname, element: null };
      // unauthorized(): Next answers 401 with app/unauthorized.tsx.
      if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;401')) return { redirect: null, pathname, element: 'unauthorized' };
      throw err;
    } finally {
      jar.token = null;
    }
  }
  const typeName = (el: unknown) => (el as { type?: { name?: string } })?.type?.name ?? null;

  for (const [file, access] of Object.entries(PAGES)) {
    if (access !== 'admin' && access !== 'lead') continue;
    const role = access;
    it(`${file}: anonymous visitors go to /login${role === 'admin' ? ', leads are turned away' : ', leads get in'}, admins get in`, async () => {
      const anon = await visit(file, null);
      expect(anon.redirect).toBe(`/login?next=${encodeURIComponent(anon.pathname)}`);
      const forged = await visit(file, session('admin', 'another-secret-0123456789abcdef0123456789').token);
      expect(forged.redirect).toMatch(/^\/login\?next=/);
      const lead = await visit(file, session('lead').token);
      if (role === 'admin') expect(lead.redirect).toBe(`/login?forbidden=1&next=${encodeURIComponent(lead.pathname)}`);
      else expect(lead.redirect).toBeNull();
      expect((await visit(file, session('admin').token)).redirect).toBeNull();
    });
  }

  it('app/login/page.tsx: open to anyone, and never sends anyone to another site after signing in', async () => {
    // Next hands the page the decoded value: `/%5Cevil.example` arrives as `/\evil.example`, which browsers read as `//evil.example`.
    for (const next of ['/\\evil.example/phish', '//evil.example', 'https://evil.example', '/\t/evil.example']) {
      const page = await visit('app/login/page.tsx', null, { next });
      expect(page.redirect).toBeNull();
      expect(JSON.stringify(page.element), next).not.toContain('evil.example');
    }
    expect(JSON.stringify((await visit('app/login/page.tsx', null, { next: '/admin/audit?q=1' })).element)).toContain('/admin/audit?q=1');
  });

  it('app/page.tsx outside demo mode: a landing that shows nothing of any customer, signed in or not', async () => {
    const db = t.get().db;
    await db.insert(tickets).values({
      shopId: SHOP,
      gorgiasTicketId: '777',
      subject: 'Where is my parcel',
      customerEmail: 'secret-customer@example.com',
      status: 'open',
    });
    for (const token of [null, session('admin').token]) {
      const page = await visit('app/page.tsx', token);
      expect(page.redirect).toBeNull();
      expect(typeName(page.element)).toBe('Landing');
      expect(JSON.stringify(page.element)).not.toMatch(/secret-customer|Where is my parcel|token=/);
    }
  });

  it('app/page.tsx in demo mode: the demo inbox, and only for someone signed in', async () => {
    process.env.DEMO_MODE = 'on';
    resetConfigForTests();
    try {
      expect((await visit('app/page.tsx', null)).redirect).toBe('/login?next=%2F');
      const lead = await visit('app/page.tsx', session('lead').token);
      expect(lead.redirect).toBeNull();
      expect(typeName(lead.element)).toBe('DemoInbox');
    } finally {
      process.env.DEMO_MODE = 'off';
      resetConfigForTests();
    }
  });

  it('app/widget/[ticket]/page.tsx: refused without a valid link for this ticket; a good link opens the widget', async () => {
    const refused = (el: unknown) => el === 'unauthorized';
    expect(refused((await visit('app/widget/[ticket]/page.tsx', null)).element)).toBe(true);
    expect(refused((await visit('app/widget/[ticket]/page.tsx', null, { token: 'forged.token' })).element)).toBe(true);
    const otherTicket = widgetToken({ ticketId: '2', shopId: SHOP, agent: null }, TEST_SECRETS.SESSION_SECRET, new Date());
    expect(refused((await visit('app/widget/[ticket]/page.tsx', null, { token: otherTicket })).element)).toBe(true);
    await t
      .get()
      .db.insert(tickets)
      .values({ shopId: SHOP, gorgiasTicketId: '1', subject: 'A real ticket', customerEmail: 'someone@example.com', status: 'open' });
    const good = widgetToken({ ticketId: '1', shopId: SHOP, agent: null }, TEST_SECRETS.SESSION_SECRET, new Date());
    expect(typeName((await visit('app/widget/[ticket]/page.tsx', null, { token: good })).element)).toBe('WidgetApp');
  });
});
