import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type http from 'node:http';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { freshDatabase, json, SECRETS, standIn, startServer, waitFor, waitForHealth, type StandIn } from './system';

// Fault drill: Shopify, Gorgias and Klaviyo stand-ins answer 429, 500, hang past the timeout or drop
// the connection for a while. Nothing is lost, nothing is doubled, the admin page shows the backlog
// meanwhile, and the backlog drains once they recover.

const PORT = Number(process.env.FAULTS_PORT ?? 3340);
const SHOP = 'faults.myshopify.com';
const ORDERS = 20;
const TICKETS = 15;
let down = true;
let faultTurn = 0;

/** While down, rotate through the failure modes; when up, let the real answer through. */
function faulty(handle: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  return (req: http.IncomingMessage, body: string, res: http.ServerResponse) => {
    if (!down) return handle(req, body, res);
    const mode = faultTurn++ % 4;
    if (mode === 0) return json(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
    if (mode === 1) return json(res, 500, { error: 'boom' });
    if (mode === 2) return void setTimeout(() => json(res, 200, {}), 3_000); // past the 1 s client timeout
    req.socket.destroy(); // drop the connection
  };
}

describe('outside systems failing for a while', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let shopify: StandIn;
  let gorgias: StandIn;
  let klaviyo: StandIn;
  let server: ChildProcess;
  const cancels = new Map<string, number>();
  const tagPosts = new Map<string, number>();
  const klaviyoEvents = new Map<string, number>();

  beforeAll(async () => {
    db = await freshDatabase(`${process.env.SYSTEM_TEST_DB_PREFIX ?? 'concord'}_faults_${process.pid}`);
    shopify = await standIn(
      faulty((_req, body, res) => {
        const { query, variables } = JSON.parse(body) as { query: string; variables: { id?: string; orderId?: string } };
        const id = (variables.id ?? variables.orderId ?? '').replace(/\D/g, '');
        // OrderState: the repeat check; OrderLiveState: the executor's live re-check before it mutates.
        if (query.includes('OrderState') || query.includes('OrderLiveState'))
          return json(res, 200, {
            data: {
              order: {
                id,
                cancelledAt: cancels.has(id) ? new Date().toISOString() : null,
                tags: [],
                displayFulfillmentStatus: 'UNFULFILLED',
                refunds: [],
                returns: { nodes: [] },
              },
            },
          });
        if (query.includes('orderCancel')) {
          cancels.set(id, (cancels.get(id) ?? 0) + 1);
          return json(res, 200, { data: { orderCancel: { job: { id: 'j', done: false }, orderCancelUserErrors: [] } } });
        }
        return json(res, 200, { data: {} });
      }),
    );
    gorgias = await standIn(
      faulty((req, _body, res) => {
        // A customer's earlier tickets (read on first sight): Gorgias's list shape, none found.
        if (req.method === 'GET' && /^\/api\/(tickets|customers)\?/.test(req.url ?? ''))
          return json(res, 200, { data: [], meta: { next_cursor: null } });
        const m = /\/api\/tickets\/(\d+)\/tags/.exec(req.url ?? '');
        if (m) tagPosts.set(m[1], (tagPosts.get(m[1]) ?? 0) + 1);
        return json(res, 201, { id: 1 });
      }),
    );
    klaviyo = await standIn(
      faulty((req, body, res) => {
        if (req.url === '/api/events') {
          const id = JSON.parse(body).data.attributes.unique_id as string;
          klaviyoEvents.set(id, (klaviyoEvents.get(id) ?? 0) + 1);
          return json(res, 202, {});
        }
        return json(res, 200, { data: { type: 'profile', id: 'p' } });
      }),
    );
    // Shadow mode off so routing tags really go to Gorgias.
    await db.handle.db.execute(sql`insert into shops (id, name, gorgias_domain) values (${SHOP}, 'Faults', 'faults')`);
    await db.handle.db.execute(
      sql`insert into settings_versions (shop_id, version, data, created_by) values (${SHOP}, 1, ${JSON.stringify({ automation: { shadowMode: false } })}::jsonb, 'test')`,
    );
    server = startServer(PORT, {
      DATABASE_URL: db.url,
      SHOPIFY_SHOP_DOMAIN: SHOP,
      SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_x',
      SHOPIFY_ADMIN_BASE_URL: shopify.url,
      GORGIAS_DOMAIN: 'faults',
      GORGIAS_API_EMAIL: 'api@faults.test',
      GORGIAS_API_KEY: 'k',
      GORGIAS_BASE_URL: gorgias.url,
      KLAVIYO_API_KEY: 'pk_x',
      KLAVIYO_BASE_URL: klaviyo.url,
      CONCORD_HTTP_TIMEOUT_MS: '1000',
      CONCORD_OUTBOX_LOCK_MS: '5000',
      ADMIN_EMAIL: 'admin@faults.test',
      ADMIN_PASSWORD: 'faults-admin-pw',
    });
    await waitForHealth(PORT);
  }, 120_000);
  afterAll(async () => {
    server?.kill('SIGKILL');
    await Promise.all([shopify?.close(), gorgias?.close(), klaviyo?.close()]);
    await db?.drop();
  });

  const base = `http://127.0.0.1:${PORT}`;
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  it('keeps every effect through 429s, 500s, timeouts and dropped connections, and drains once they recover', async () => {
    // Delayed orders (Klaviyo effects), unfulfilled ones to cancel (Shopify effects), tickets (Gorgias tags).
    for (let i = 0; i < ORDERS; i++) {
      const id = 6100000000000 + i;
      const body = JSON.stringify({
        id,
        name: `#F${i}`,
        order_number: 61000 + i,
        email: `f${i}@faults.test`,
        created_at: ago(i < ORDERS / 2 ? 12 : 0.1),
        updated_at: ago(i < ORDERS / 2 ? 10 : 0.1),
        financial_status: 'paid',
        fulfillment_status: i < ORDERS / 2 ? 'fulfilled' : null,
        currency: 'USD',
        total_price: '40.00',
        tags: '',
        customer: { id: 610000 + i, email: `f${i}@faults.test` },
        line_items: [{ id: i, title: 'Tee', sku: 'T', quantity: 1, price: '40.00' }],
        fulfillments:
          i < ORDERS / 2
            ? [
                {
                  id: 6200000000000 + i,
                  order_id: id,
                  status: 'success',
                  shipment_status: 'in_transit',
                  created_at: ago(10),
                  updated_at: ago(10),
                },
              ]
            : [],
      });
      const res = await fetch(`${base}/api/webhooks/shopify`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-shop-domain': SHOP,
          'x-shopify-event-id': `f-${i}`,
          'x-shopify-hmac-sha256': signShopifyBody(body, SECRETS.SHOPIFY_API_SECRET),
        },
      });
      expect(res.status).toBe(200);
    }
    await waitFor(
      async () =>
        rowsOf<{ n: number }>(await db.handle.db.execute(sql`select count(*)::int as n from inbox_events where status = 'pending'`))[0]
          .n === 0,
      60_000,
      'projection',
    );
    for (let i = 0; i < TICKETS; i++) {
      const orderIdx = ORDERS / 2 + (i % (ORDERS / 2));
      const ticket = {
        id: 61000 + i,
        status: 'open',
        channel: 'email',
        subject: 'Cancel please',
        account: { domain: 'faults' },
        customer: { id: i, email: `f${orderIdx}@faults.test`, name: 'F' },
        tags: [],
        messages: [],
        created_datetime: ago(0.01),
        updated_datetime: ago(0.01),
      };
      const message = {
        id: 71000 + i,
        ticket_id: ticket.id,
        from_agent: false,
        channel: 'email',
        body_text: 'Please cancel my order, I ordered the wrong size',
        created_datetime: ago(0.01),
      };
      const res = await fetch(`${base}/api/gorgias/widget`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify({ ticket: { ...ticket, messages: [message] }, message }),
      });
      expect(res.status).toBe(200); // Gorgias keeps getting answers while its own API is failing
    }
    // Agents cancel 5 orders through the action endpoint (Shopify effects).
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/api/gorgias/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify({
          ticket_id: String(61000 + i),
          account: 'faults',
          action: 'cancel_order',
          confirm: true,
          agent_email: 'agent@faults.test',
        }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }

    // Meanwhile the admin page shows the backlog.
    await new Promise((r) => setTimeout(r, 4_000));
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@faults.test', password: 'faults-admin-pw' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await (await fetch(`${base}/admin`, { headers: { cookie } })).text();
    const backlog = Number(/Outbox backlog<\/p><p[^>]*>(\d+)/.exec(page)?.[1] ?? '0');
    const retrying = Number(/Retrying<\/p><p[^>]*>(\d+)/.exec(page)?.[1] ?? '0');
    expect(backlog).toBeGreaterThan(0);
    expect(retrying).toBeGreaterThan(0);
    expect(faultTurn).toBeGreaterThan(0);

    // Recovery: everything drains, nothing is dead, nothing is doubled.
    down = false;
    await waitFor(
      async () =>
        rowsOf<{ n: number }>(
          await db.handle.db.execute(sql`select count(*)::int as n from outbox where status in ('pending', 'running')`),
        )[0].n === 0,
      240_000,
      'the backlog to drain',
    );
    const byStatus = Object.fromEntries(
      rowsOf<{ status: string; n: number }>(
        await db.handle.db.execute(sql`select status, count(*)::int as n from outbox group by status`),
      ).map((r) => [r.status, r.n]),
    );
    expect(byStatus.dead ?? 0).toBe(0);
    expect([...cancels.values()].every((n) => n === 1)).toBe(true);
    expect(cancels.size).toBe(5);
    expect(tagPosts.size).toBe(TICKETS);
    expect([...klaviyoEvents.values()].every((n) => n === 1)).toBe(true);
    console.log(
      `[faults] backlog seen on /admin: ${backlog} (retrying ${retrying}); failures served: ${faultTurn}; outbox: ${JSON.stringify(byStatus)}`,
    );
  }, 420_000);
});
