import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { POST as loginPOST } from '@/app/api/auth/login/route';
import { POST as logoutPOST } from '@/app/api/auth/logout/route';
import { GET as settingsGET } from '@/app/api/admin/settings/route';
import { POST as widgetPOST } from '@/app/api/gorgias/widget/route';
import { POST as actionsPOST } from '@/app/api/gorgias/actions/route';
import { POST as suppressionPOST } from '@/app/api/gorgias/suppression/route';
import { GET as widgetDataGET } from '@/app/api/widget/[ticket]/route';
import { POST as revokePOST } from '@/app/api/admin/widget-links/revoke/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { actions, auditLog, customers, inboxEvents, orders, users } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { ensureShop } from '@/lib/connections/shops';
import { ensureUser, DEMO_USERS, DEMO_PASSWORD, authenticate } from '@/lib/auth/users';
import { widgetToken, WIDGET_LINK_TTL_MS } from '@/lib/auth/widget-link';
import { safeNextPath } from '@/lib/auth/sign-in';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { reconcileShop } from '@/lib/shopify-sync/reconcile-shop';
import type { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { MAX_ATTEMPTS_PER_IP, MAX_FAILURES_PER_ACCOUNT } from '@/lib/auth/login-throttle';
import { shopifyRequest, TEST_SECRETS, TEST_USERS, useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';
import { gorgiasContext, shopifyOrder } from '../helpers/builders';

// The attack list of issue "No open doors", each as a test. Two stores on two helpdesk accounts
// share a customer email and order numbers; a third store shares the first one's helpdesk.
const US = 'walls-us.myshopify.com'; // helpdesk "alpha"
const EU = 'walls-eu.myshopify.com'; // helpdesk "alpha" too
const RIVAL = 'rival.myshopify.com'; // helpdesk "rival"
const EMAIL = 'shared@example.com';
const ago = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const bearer = { authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}`, 'content-type': 'application/json' };
const post = (route: (r: Request) => Promise<Response>, body: unknown, headers: Record<string, string> = bearer) =>
  route(
    new Request('http://concord.test/api/x', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  );

function loginRequest(body: unknown, headers: Record<string, string> = {}) {
  return new Request('http://concord.test/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('security: the attack list', () => {
  const t = useTestApp();
  let eid = 0;
  const hook = async (shop: string, body: unknown) => {
    const res = await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic: 'orders/create', shop, eventId: `walls-${++eid}` }));
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: US, name: 'Walls US', gorgiasDomain: 'alpha' });
    await ensureShop(db, { id: EU, name: 'Walls EU', gorgiasDomain: 'alpha' });
    await ensureShop(db, { id: RIVAL, name: 'Rival', gorgiasDomain: 'rival' });
    await hook(US, shopifyOrder({ id: 501, number: 1001, email: EMAIL, customerId: 51, createdAt: ago(48), total: '111.00' }));
    await hook(RIVAL, shopifyOrder({ id: 901, number: 1001, email: EMAIL, customerId: 91, createdAt: ago(24), total: '999.00' }));
    await drainInbox(db);
    // Both helpdesks have a ticket from the same email; the rival's also quotes the same order number.
    expect(
      (await post(widgetPOST, gorgiasContext({ ticketId: 7001, email: EMAIL, domain: 'alpha', text: 'Where is my order #1001?' }))).status,
    ).toBe(200);
    expect(
      (
        await post(
          widgetPOST,
          gorgiasContext({
            ticketId: 9001,
            email: EMAIL,
            domain: 'rival',
            subject: 'RIVAL-SECRET-SUBJECT',
            text: 'Cancel order #1001 please',
          }),
        )
      ).status,
    ).toBe(200);
    await drainInbox(db);
  });

  describe('stores are walls', () => {
    it('a helpdesk sees only its own stores: orders, previous tickets and other stores never cross', async () => {
      const alpha = JSON.stringify(
        await (
          await post(widgetPOST, gorgiasContext({ ticketId: 7002, email: EMAIL, domain: 'alpha', text: 'Any news on #1001?' }))
        ).json(),
      );
      expect(alpha).toContain('111.00');
      expect(alpha).not.toContain('999.00');
      expect(alpha).not.toContain('RIVAL-SECRET-SUBJECT');
      expect(alpha).not.toContain(RIVAL);
      const rival = JSON.stringify(
        await (await post(widgetPOST, gorgiasContext({ ticketId: 9002, email: EMAIL, domain: 'rival', text: 'And #1001?' }))).json(),
      );
      expect(rival).toContain('999.00');
      expect(rival).not.toContain('111.00');
      expect(rival).not.toContain(US);
    });

    it('an unknown Gorgias account sees nothing and stores nothing, and Gorgias gets a 200 notice', async () => {
      const before = await t.get().db.select().from(inboxEvents).where(eq(inboxEvents.source, 'gorgias'));
      const res = await post(widgetPOST, gorgiasContext({ ticketId: 6001, email: EMAIL, domain: 'stranger', text: 'Where is #1001?' }));
      expect(res.status).toBe(200);
      const text = JSON.stringify(await res.json());
      expect(text).toContain('not linked to any store');
      expect(text).not.toMatch(/111\.00|999\.00|#1001/);
      const after = await t.get().db.select().from(inboxEvents).where(eq(inboxEvents.source, 'gorgias'));
      expect(after.length).toBe(before.length);
    });

    it('a Gorgias button acts only on tickets of the account it names, never "the first shop"', async () => {
      const other = await post(actionsPOST, {
        ticket_id: '9001',
        action: 'cancel_order',
        confirm: true,
        account: 'alpha',
        agent_email: 'a@alpha.test',
      });
      expect(other.status).toBe(404);
      const missing = await post(actionsPOST, { ticket_id: '9001', action: 'cancel_order', confirm: false });
      expect(missing.status).toBe(400);
      const supp = await post(suppressionPOST, { ticket_id: '9001', mode: 'suppress', reason: 'x', account: 'alpha' });
      expect(supp.status).toBe(404);
      const own = await post(actionsPOST, {
        ticket_id: '9001',
        action: 'internal_note',
        confirm: false,
        account: 'rival',
        params: { body: 'hello' },
      });
      expect(own.status, await own.clone().text()).toBeLessThan(500);
      expect([401, 403, 404]).not.toContain(own.status);
    });

    it('a caller-chosen idempotency key is scoped to its store and ticket: one ticket can’t pre-claim another’s action', async () => {
      const db = t.get().db;
      const link = (ticket: string) => ({
        'x-widget-token': widgetToken(
          { ticketId: ticket, shopId: ticket === '7001' ? US : RIVAL, agent: 'agent@x.test' },
          TEST_SECRETS.SESSION_SECRET,
          new Date(),
        ),
        'content-type': 'application/json',
      });
      const first = await post(
        actionsPOST,
        { ticket_id: '7001', action: 'internal_note', confirm: true, idempotency_key: 'same-key', params: { body: 'note one' } },
        link('7001'),
      );
      expect((await first.json()).status).toBe('queued');
      const second = await post(
        actionsPOST,
        { ticket_id: '9001', action: 'internal_note', confirm: true, idempotency_key: 'same-key', params: { body: 'note two' } },
        link('9001'),
      );
      expect((await second.json()).status).toBe('queued');
      const again = await post(
        actionsPOST,
        { ticket_id: '7001', action: 'internal_note', confirm: true, idempotency_key: 'same-key', params: { body: 'note one' } },
        link('7001'),
      );
      expect((await again.json()).status).toBe('duplicate');
      const rows = await db.select().from(actions).where(eq(actions.kind, 'internal_note'));
      expect(new Set(rows.map((r) => r.shopId))).toEqual(new Set([US, RIVAL]));
    });
  });

  describe('widget links', () => {
    it('live hours, not a week, and an admin can revoke a store’s links at once', async () => {
      expect(WIDGET_LINK_TTL_MS).toBeLessThanOrEqual(24 * 3600_000);
      const now = new Date();
      const token = widgetToken(
        { ticketId: '7001', shopId: US, agent: 'agent@x.test' },
        TEST_SECRETS.SESSION_SECRET,
        new Date(now.getTime() - 1000),
      );
      const read = () =>
        widgetDataGET(new Request('http://concord.test/api/widget/7001', { headers: { 'x-widget-token': token } }), {
          params: Promise.resolve({ ticket: '7001' }),
        });
      expect((await read()).status).toBe(200);
      const revoked = await revokePOST(
        new Request('http://concord.test/api/admin/widget-links/revoke', {
          method: 'POST',
          headers: sessionHeaders('admin', { json: true }),
          body: JSON.stringify({ shop: US }),
        }),
      );
      expect(revoked.status).toBe(200);
      const after = await read();
      expect(after.status).toBe(401);
      expect((await after.json()).error.message).toContain('revoked');
      // A link issued after the revocation works; another store's links were not touched.
      const fresh = widgetToken({ ticketId: '7001', shopId: US, agent: null }, TEST_SECRETS.SESSION_SECRET, new Date(Date.now() + 1000));
      expect(
        (
          await widgetDataGET(new Request('http://concord.test/api/widget/7001', { headers: { 'x-widget-token': fresh } }), {
            params: Promise.resolve({ ticket: '7001' }),
          })
        ).status,
      ).toBe(200);
      const [audit] = await t
        .get()
        .db.select()
        .from(auditLog)
        .where(and(eq(auditLog.shopId, US), eq(auditLog.action, 'widget_links.revoked')));
      expect(audit.actorId).toBe(TEST_USERS.admin.email);
    });

    it('the audit actor of a widget-link action is the agent bound into the link, never a body field', async () => {
      const db = t.get().db;
      const headers = {
        'x-widget-token': widgetToken(
          { ticketId: '9001', shopId: RIVAL, agent: 'real.agent@rival.test' },
          TEST_SECRETS.SESSION_SECRET,
          new Date(),
        ),
        'content-type': 'application/json',
      };
      const res = await post(
        actionsPOST,
        { ticket_id: '9001', action: 'internal_note', confirm: true, agent_email: 'ceo@rival.test', params: { body: 'actor check' } },
        headers,
      );
      expect(res.status).toBe(200);
      const [entry] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.shopId, RIVAL), eq(auditLog.action, 'action.internal_note')))
        .orderBy(auditLog.id);
      const all = await db.select().from(auditLog).where(eq(auditLog.action, 'action.internal_note'));
      expect(all.map((a) => a.actorId)).not.toContain('ceo@rival.test');
      expect(entry).toBeDefined();
      expect(all.some((a) => a.actorId === 'real.agent@rival.test')).toBe(true);
    });
  });

  describe('only signed facts are trusted', () => {
    it('refuses and audits a privacy topic whose signed body names another shop than the header', async () => {
      const db = t.get().db;
      const body = JSON.stringify({ shop_id: 1, shop_domain: RIVAL });
      // A captured, correctly signed shop/redact of the rival, re-sent with the US store in the header.
      const res = await shopifyPOST(shopifyRequest(body, { topic: 'shop/redact', shop: US, eventId: 'redact-replay' }));
      expect(res.status).toBe(400);
      await drainInbox(db);
      expect((await db.select().from(orders).where(eq(orders.shopId, US))).length).toBeGreaterThan(0);
      const [refused] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.shopId, US), eq(auditLog.action, 'privacy.refused')));
      expect(refused.explanation).toContain(RIVAL);
      expect((await db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'redact-replay'))).length).toBe(0);
    });

    it('keeps a delivery older than Shopify’s retry horizon for the record, never applies it, and reconciliation settles it', async () => {
      const db = t.get().db;
      const old = shopifyOrder({ id: 777, number: 7777, email: 'old@example.com', customerId: 77, createdAt: '2023-01-01T00:00:00Z' });
      const res = await shopifyPOST(
        shopifyRequest(JSON.stringify(old), { topic: 'orders/create', shop: US, eventId: 'ancient', triggeredAt: '2023-01-01T00:00:00Z' }),
      );
      expect(res.status).toBe(200);
      await drainInbox(db);
      const [row] = await db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'ancient'));
      expect(row.status).toBe('held');
      expect((await db.select().from(orders).where(eq(orders.shopifyOrderId, '777'))).length).toBe(0);
      // A fresh one (inside the horizon) is applied as usual.
      await shopifyPOST(
        shopifyRequest(JSON.stringify({ ...old, id: 778, name: '#7778' }), {
          topic: 'orders/create',
          shop: US,
          eventId: 'fresh',
          triggeredAt: new Date(Date.now() - 3600_000).toISOString(),
        }),
      );
      await drainInbox(db);
      expect((await db.select().from(orders).where(eq(orders.shopifyOrderId, '778'))).length).toBe(1);
      const shopify = { ordersUpdatedSince: async () => ({ orders: [], nextCursor: null }) } as unknown as ShopifyAdminClient;
      const result = await reconcileShop(db, shopify, US, new Date());
      expect(result.heldSettled).toBe(1);
      const [settled] = await db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'ancient'));
      expect(settled.status).toBe('superseded');
    });
  });

  describe('login that holds', () => {
    it('throttles by address with 429 and Retry-After, before checking any password', async () => {
      const ip = { 'x-forwarded-for': '203.0.113.9' };
      let last: Response | null = null;
      for (let i = 0; i <= MAX_ATTEMPTS_PER_IP; i++)
        last = await loginPOST(loginRequest({ email: `guess${i}@x.test`, password: 'wrong-password' }, ip));
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not affected.
      expect(
        (await loginPOST(loginRequest({ email: 'guess@x.test', password: 'wrong-password' }, { 'x-forwarded-for': '203.0.113.10' })))
          .status,
      ).toBe(401);
    });

    it('throttles an account after repeated failures from many addresses, and its right password is refused meanwhile', async () => {
      await ensureUser(t.get().db, { email: 'target@x.test', password: 'correct-horse', role: 'admin' });
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
        expect(
          (await loginPOST(loginRequest({ email: 'target@x.test', password: `nope-${i}` }, { 'x-forwarded-for': `198.51.100.${i}` })))
            .status,
        ).toBe(401);
      }
      const blocked = await loginPOST(
        loginRequest({ email: 'target@x.test', password: 'correct-horse' }, { 'x-forwarded-for': '198.51.100.200' }),
      );
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    });

    it('caps the body at a few KB, answers Origin: null with 403, and refuses NUL bytes, never a 5xx', async () => {
      expect((await loginPOST(loginRequest({ email: 'a@b.test', password: 'x'.repeat(10_000) }))).status).toBe(413);
      expect((await loginPOST(loginRequest({ email: 'a@b.test', password: 'x' }, { origin: 'null' }))).status).toBe(403);
      expect((await loginPOST(loginRequest({ email: 'a@b.test', password: 'x' }, { origin: 'https://evil.example' }))).status).toBe(403);
      expect((await loginPOST(loginRequest('{"email":"a\\u0000@b.test","password":"x"}'))).status).toBe(400);
      // The app's own origin (as the request reached it) is fine, whatever APP_URL says.
      expect(
        (
          await loginPOST(
            loginRequest({ email: 'nobody@b.test', password: 'x' }, { origin: 'http://concord.test', 'x-forwarded-for': '192.0.2.77' }),
          )
        ).status,
      ).toBe(401);
    });

    it('does the same password work for unknown and known emails (one scrypt each), so timing doesn’t enumerate accounts', async () => {
      const db = t.get().db;
      await ensureUser(db, { email: 'known@x.test', password: 'some-password', role: 'lead' });
      const time = async (email: string) => {
        const start = performance.now();
        await authenticate(db, email, 'wrong-password', { demoMode: false });
        return performance.now() - start;
      };
      await time('warmup@x.test');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(await time('known@x.test'));
        unknown.push(await time(`unknown${i}@x.test`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Hashing a dummy password per unknown email (the old way) made unknown ones take twice as long.
      expect(median(unknown) / median(known)).toBeLessThan(1.5);
    });

    it('never blocks the server while hashing: other work runs during a burst of sign-ins', async () => {
      /** How long the event loop was held (beyond 20 ms between 5 ms ticks) while `work` ran. */
      const blockedDuring = async (work: () => Promise<unknown>) => {
        let blocked = 0;
        let last = performance.now();
        const timer = setInterval(() => {
          const nowMs = performance.now();
          blocked += Math.max(0, nowMs - last - 20);
          last = nowMs;
        }, 5);
        await work();
        await new Promise((r) => setTimeout(r, 10));
        clearInterval(timer);
        return blocked;
      };
      // Hashing alone (the embedded database itself runs on this thread, so sign-ins are timed without it).
      const stored = await hashPassword('burst-password');
      const salt = Buffer.from(stored.split('$')[2], 'base64');
      // The old way, for scale on this machine right now: eight synchronous scrypts.
      const syncBlocked = await blockedDuring(async () => {
        for (let i = 0; i < 8; i++) crypto.scryptSync('wrong', salt, 32, { N: 16384, r: 8, p: 1 });
      });
      // Other processes share this machine's cores: the quietest of three runs is the one to compare.
      const asyncRuns: number[] = [];
      for (let i = 0; i < 3; i++)
        asyncRuns.push(await blockedDuring(() => Promise.all(Array.from({ length: 8 }, () => verifyPassword('wrong', stored)))));
      const asyncBlocked = Math.min(...asyncRuns);
      expect(syncBlocked).toBeGreaterThan(100);
      expect(asyncBlocked).toBeLessThan(syncBlocked * 0.25);
    });

    it('demo accounts sign in only in demo mode', async () => {
      const db = t.get().db;
      await ensureUser(db, { ...DEMO_USERS[0], password: DEMO_PASSWORD });
      expect(await authenticate(db, DEMO_USERS[0].email, DEMO_PASSWORD, { demoMode: true })).not.toBeNull();
      expect(await authenticate(db, DEMO_USERS[0].email, DEMO_PASSWORD, { demoMode: false })).toBeNull();
      const res = await loginPOST(
        loginRequest({ email: DEMO_USERS[0].email, password: DEMO_PASSWORD }, { 'x-forwarded-for': '192.0.2.50' }),
      );
      expect(res.status).toBe(401);
    });

    it('ends the session at logout, on the server, not just the cookie', async () => {
      const db = t.get().db;
      await ensureUser(db, { email: 'leaving@x.test', password: 'leaving-password', role: 'admin' });
      const res = await loginPOST(
        loginRequest({ email: 'leaving@x.test', password: 'leaving-password' }, { 'x-forwarded-for': '192.0.2.60' }),
      );
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie')!.split(';')[0];
      const settings = () => settingsGET(new Request(`http://concord.test/api/admin/settings?shop=${US}`, { headers: { cookie } }));
      expect((await settings()).status).toBe(200);
      expect((await logoutPOST(new Request('http://concord.test/api/auth/logout', { method: 'POST', headers: { cookie } }))).status).toBe(
        200,
      );
      // The stolen cookie (same token) is dead after logout.
      expect((await settings()).status).toBe(401);
      const [u] = await db.select().from(users).where(eq(users.email, 'leaving@x.test'));
      expect(u.sessionVersion).toBe(1);
    });

    it('sends people only to this app after signing in', () => {
      for (const evil of [
        '/\\evil.example/phish',
        '//evil.example',
        'https://evil.example/x',
        '/\t/evil.example',
        'javascript:alert(1)',
        '/%5C%5Cevil.example',
      ]) {
        expect(new URL(safeNextPath(evil), 'http://app.test').origin, evil).toBe('http://app.test');
      }
      expect(safeNextPath('/admin/review?sort=edits')).toBe('/admin/review?sort=edits');
      expect(safeNextPath(undefined)).toBe('/admin');
    });
  });

  it('holds customers of both stores apart in the read model too (sanity of the fixture)', async () => {
    const rows = await t.get().db.select({ shop: customers.shopId }).from(customers).where(eq(customers.email, EMAIL));
    expect(new Set(rows.map((r) => r.shop))).toEqual(new Set([US, RIVAL]));
  });
});
