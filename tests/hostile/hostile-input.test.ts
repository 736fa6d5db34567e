import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { POST as shopifyWebhook } from '@/app/api/webhooks/shopify/route';
import { GET as widgetGet, POST as widgetPost } from '@/app/api/gorgias/widget/route';
import { POST as actionsPost } from '@/app/api/gorgias/actions/route';
import { POST as suppressionPost } from '@/app/api/gorgias/suppression/route';
import { GET as widgetData } from '@/app/api/widget/[ticket]/route';
import { GET as cronDelay } from '@/app/api/cron/delay-scan/route';
import { GET as cronDrain } from '@/app/api/cron/drain/route';
import { POST as login } from '@/app/api/auth/login/route';
import { GET as settingsGet, PUT as settingsPut } from '@/app/api/admin/settings/route';
import { POST as replay } from '@/app/api/admin/outbox/[id]/replay/route';
import { widgetToken } from '@/lib/auth/widget-link';
import { createSessionToken } from '@/lib/auth/session';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { ensureShop } from '@/lib/connections/shops';
import { rowsOf } from '@/lib/db/rows';
import { TEST_SECRETS, useTestApp } from '../helpers/app';

// At least 1,000 generated bad requests across the routes: each gets a 4xx with a message, never a
// 5xx, and the database is byte-for-byte the same afterwards (row counts and a content hash).

const HOSTILE_STRINGS = [
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table orders; --",
  '{{7*7}}',
  '${process.env}',
  '\u0000\u0001\u0002',
  'A'.repeat(5000),
  '🙂'.repeat(200),
  '=HYPERLINK("http://evil")',
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 60 }));
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

// Header values must be printable ASCII, or the Request itself can't be built.
const hv = (s: string) => s.replace(/[^\x21-\x7e]/g, '').slice(0, 500) || 'x';
const call = (route: unknown, req: Request, ctx?: unknown) => (route as (r: Request, c?: unknown) => Promise<Response>)(req, ctx);

describe('hostile input', () => {
  const t = useTestApp();
  let total = 0;

  async function fingerprint(): Promise<string> {
    const tables = rowsOf<{ tablename: string }>(
      await t.get().db.execute(sql`select tablename from pg_tables where schemaname = current_schema() order by tablename`),
    );
    const parts: string[] = [];
    for (const { tablename } of tables) {
      // Failed sign-ins are counted on purpose (throttling); that is the one table a bad login changes.
      if (tablename === 'login_throttle') continue;
      const [r] = rowsOf<{ n: number; h: string | null }>(
        await t
          .get()
          .db.execute(
            sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${tablename}" t`),
          ),
      );
      parts.push(`${tablename}:${r.n}:${r.h}`);
    }
    return parts.join(',');
  }

  async function expectRejected(res: Response, what: string) {
    total++;
    const text = await res.text();
    expect(res.status, `${what} → ${res.status} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${what} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
    if (res.status !== 405) {
      const json = JSON.parse(text) as { error?: { message?: string } };
      expect(json.error?.message, what).toMatch(/\w{3,}/);
    }
  }

  it('rejects every generated bad request with a clear 4xx and changes nothing', async () => {
    const db = t.get().db;
    await ensureShop(db, { id: 'acme.myshopify.com', name: 'Acme', gorgiasDomain: 'acme' });
    const before = await fingerprint();
    const now = new Date();
    const lead = createSessionToken({ id: 2, email: 'lead@x.test', role: 'lead' }, TEST_SECRETS.SESSION_SECRET, now);
    const admin = createSessionToken({ id: 1, email: 'admin@x.test', role: 'admin' }, TEST_SECRETS.SESSION_SECRET, now);
    const expiredAdmin = createSessionToken(
      { id: 1, email: 'admin@x.test', role: 'admin' },
      TEST_SECRETS.SESSION_SECRET,
      new Date(now.getTime() - 48 * 3600_000),
    );

    // 1. Shopify webhooks: bad, missing and replayed signatures; signed but malformed or truncated bodies.
    await fc.assert(
      fc.asyncProperty(
        hostile,
        fc.constantFrom('bad-sig', 'no-sig', 'replayed', 'signed-malformed', 'signed-truncated', 'bad-shop'),
        async (s, kind) => {
          const good = JSON.stringify({ id: 1, note: s });
          let body = good;
          const headers: Record<string, string> = {
            'x-shopify-topic': 'orders/create',
            'x-shopify-shop-domain': 'acme.myshopify.com',
            'x-shopify-event-id': `h-${total}`,
          };
          if (kind === 'bad-sig') headers['x-shopify-hmac-sha256'] = Buffer.from(s).toString('base64');
          if (kind === 'replayed') {
            headers['x-shopify-hmac-sha256'] = signShopifyBody(good, TEST_SECRETS.SHOPIFY_API_SECRET);
            body = JSON.stringify({ id: 1, note: `${s}!` });
          }
          if (kind === 'signed-malformed') body = `{"id": ${JSON.stringify(s)}`;
          if (kind === 'signed-truncated') body = good.slice(0, Math.max(1, good.length - 2));
          if (kind === 'bad-shop') headers['x-shopify-shop-domain'] = hv(s);
          if (kind.startsWith('signed') || kind === 'bad-shop')
            headers['x-shopify-hmac-sha256'] = signShopifyBody(body, TEST_SECRETS.SHOPIFY_API_SECRET);
          await expectRejected(
            await shopifyWebhook(new Request('http://concord.test/api/webhooks/shopify', { method: 'POST', headers, body })),
            `shopify ${kind}`,
          );
        },
      ),
      { numRuns: 260 },
    );

    // 2. The Gorgias widget endpoint: no/forged secret, malformed JSON, wrong types, hostile query strings.
    const gorgiasAuth = { authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` };
    await fc.assert(
      fc.asyncProperty(
        hostile,
        wrongType,
        fc.constantFrom('no-auth', 'forged-auth', 'malformed', 'wrong-type', 'get-hostile'),
        async (s, w, kind) => {
          let res: Response;
          if (kind === 'get-hostile') {
            res = await widgetGet(
              new Request(`http://concord.test/api/gorgias/widget?email=${encodeURIComponent(s)}&ticket=${encodeURIComponent(s)}x`, {
                headers: gorgiasAuth,
              }),
            );
          } else {
            const headers = kind === 'no-auth' ? {} : kind === 'forged-auth' ? { authorization: `Bearer ${hv(s)}x` } : gorgiasAuth;
            const body =
              kind === 'malformed'
                ? `{"ticket": {"id": ${JSON.stringify(s)}`
                : JSON.stringify(kind === 'wrong-type' ? { ticket: [w, s] } : { ticket: { id: 1, subject: s } });
            res = await widgetPost(
              new Request('http://concord.test/api/gorgias/widget', {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...headers },
                body,
              }),
            );
          }
          await expectRejected(res, `gorgias widget ${kind}`);
        },
      ),
      { numRuns: 200 },
    );

    // 3. Actions and suppression: no auth, forged or expired widget links, links for another ticket, bad bodies.
    await fc.assert(
      fc.asyncProperty(
        hostile,
        wrongType,
        fc.constantFrom('no-auth', 'forged-link', 'expired-link', 'other-ticket', 'bad-body', 'malformed'),
        fc.boolean(),
        async (s, w, kind, suppression) => {
          const expired = widgetToken(
            { ticketId: '1', shopId: 'acme.myshopify.com', agent: null },
            TEST_SECRETS.SESSION_SECRET,
            new Date(now.getTime() - 30 * 86_400_000),
          );
          const other = widgetToken({ ticketId: '999', shopId: 'acme.myshopify.com', agent: null }, TEST_SECRETS.SESSION_SECRET, now);
          const headers: Record<string, string> =
            kind === 'forged-link'
              ? { 'x-widget-token': `${Buffer.from(s).toString('base64url')}.sig` }
              : kind === 'expired-link'
                ? { 'x-widget-token': expired }
                : kind === 'other-ticket'
                  ? { 'x-widget-token': other }
                  : kind === 'no-auth'
                    ? {}
                    : { authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` };
          const body =
            kind === 'malformed'
              ? `{"ticket_id": ${JSON.stringify(s)}`
              : kind === 'bad-body'
                ? JSON.stringify(
                    suppression ? { ticket_id: s || 'x', mode: w, reason: w } : { ticket_id: w, action: s, params: { address: s } },
                  )
                : JSON.stringify(
                    suppression
                      ? { ticket_id: '1', mode: 'suppress', reason: s }
                      : { ticket_id: '1', action: 'cancel_order', confirm: true, params: { reason: s } },
                  );
          const route = suppression ? suppressionPost : actionsPost;
          await expectRejected(
            await route(
              new Request('http://concord.test/api/gorgias/x', {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...headers },
                body,
              }),
            ),
            `${suppression ? 'suppression' : 'actions'} ${kind}`,
          );
        },
      ),
      { numRuns: 220 },
    );

    // 4. The widget page's data: path traversal in the ticket, forged and expired tokens.
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom('none', 'forged', 'expired'), async (s, kind) => {
        const token =
          kind === 'forged'
            ? `${hv(s)}.${hv(s)}`
            : kind === 'expired'
              ? widgetToken(
                  { ticketId: s, shopId: 'acme.myshopify.com', agent: null },
                  TEST_SECRETS.SESSION_SECRET,
                  new Date(now.getTime() - 30 * 86_400_000),
                )
              : null;
        const res = await call(
          widgetData,
          new Request('http://concord.test/api/widget/x', { headers: token ? { 'x-widget-token': token } : {} }),
          { params: Promise.resolve({ ticket: s }) },
        );
        await expectRejected(res, `widget data ${kind}`);
      }),
      { numRuns: 120 },
    );

    // 5. Cron, login and admin routes: missing secrets, wrong roles, expired sessions, CSRF without a token.
    await fc.assert(
      fc.asyncProperty(
        hostile,
        fc.constantFrom(
          'cron-delay',
          'cron-drain',
          'login-bad',
          'login-malformed',
          'settings-anon',
          'settings-lead',
          'settings-expired',
          'put-no-csrf',
          'put-bad-body',
          'replay-no-csrf',
          'replay-lead',
          'replay-bad-id',
        ),
        async (s, kind) => {
          const cookie = (tok: string) => ({ cookie: `concord_session=${tok}` });
          let res: Response;
          switch (kind) {
            case 'cron-delay':
              res = await cronDelay(
                new Request('http://concord.test/api/cron/delay-scan', { headers: { authorization: `Bearer ${hv(s)}` } }),
              );
              break;
            case 'cron-drain':
              res = await cronDrain(new Request('http://concord.test/api/cron/drain', { headers: s ? { authorization: hv(s) } : {} }));
              break;
            case 'login-bad':
              res = await login(
                new Request('http://concord.test/api/auth/login', {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ email: `${s}@x`, password: s }),
                }),
              );
              break;
            case 'login-malformed':
              res = await login(
                new Request('http://concord.test/api/auth/login', {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ email: 5, password: [s] }),
                }),
              );
              break;
            case 'settings-anon':
              res = await settingsGet(new Request(`http://concord.test/api/admin/settings?shop=${encodeURIComponent(s)}`));
              break;
            case 'settings-lead':
              res = await settingsGet(
                new Request('http://concord.test/api/admin/settings?shop=acme.myshopify.com', { headers: cookie(lead.token) }),
              );
              break;
            case 'settings-expired':
              res = await settingsGet(
                new Request('http://concord.test/api/admin/settings?shop=acme.myshopify.com', { headers: cookie(expiredAdmin.token) }),
              );
              break;
            case 'put-no-csrf':
              res = await settingsPut(
                new Request('http://concord.test/api/admin/settings', {
                  method: 'PUT',
                  headers: { ...cookie(admin.token), 'content-type': 'application/json' },
                  body: JSON.stringify({ shop: 'acme.myshopify.com', settings: { returns: { windowDays: 1 } } }),
                }),
              );
              break;
            case 'put-bad-body':
              res = await settingsPut(
                new Request('http://concord.test/api/admin/settings', {
                  method: 'PUT',
                  headers: { ...cookie(admin.token), 'x-csrf-token': admin.session.csrf, 'content-type': 'application/json' },
                  body: JSON.stringify({ shop: 'acme.myshopify.com', settings: { returns: { windowDays: s } } }),
                }),
              );
              break;
            case 'replay-no-csrf':
              res = await call(
                replay,
                new Request('http://concord.test/api/admin/outbox/1/replay', { method: 'POST', headers: cookie(admin.token) }),
                { params: Promise.resolve({ id: '1' }) },
              );
              break;
            case 'replay-lead':
              res = await call(
                replay,
                new Request('http://concord.test/api/admin/outbox/1/replay', {
                  method: 'POST',
                  headers: { ...cookie(lead.token), 'x-csrf-token': lead.session.csrf },
                }),
                { params: Promise.resolve({ id: '1' }) },
              );
              break;
            default:
              res = await call(
                replay,
                new Request('http://concord.test/api/admin/outbox/x/replay', {
                  method: 'POST',
                  headers: { ...cookie(admin.token), 'x-csrf-token': admin.session.csrf },
                }),
                { params: Promise.resolve({ id: s || '..' }) },
              );
          }
          await expectRejected(res, kind);
        },
      ),
      { numRuns: 240 },
    );

    expect(total).toBeGreaterThanOrEqual(1000);
    expect(await fingerprint()).toBe(before);
  }, 180_000);
});
