import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { freshDatabase, json, standIn, startServer, waitFor, waitForHealth, type StandIn } from './system';

// Two `npm start` instances on one PostgreSQL database, each with its worker on, take a flood of
// signed webhooks between them (each order's create and update may land on different instances);
// one is SIGKILLed mid-flood and its share goes to the other, as Shopify's retries would. Then:
// every acknowledged event is applied exactly once, each order ends in its latest version, and no
// outbox effect ran twice, except one the killed instance had in flight when it died. The Klaviyo
// stand-in answers slowly (300 ms) and the outbox lock is 1 s, so a claimed batch of effects
// outlives its lock several times over: only renewing the claim keeps the other instance off it.

const PORT_A = Number(process.env.INSTANCES_PORT ?? 3350);
const PORT_B = PORT_A + 1;
const ORDERS = 800;
const KILL_AFTER_ACKS = 500;
const SHOP = 'twin.myshopify.com';
const DB_PREFIX = process.env.SYSTEM_TEST_DB_PREFIX ?? 'concord';

interface Call {
  instance: 'a' | 'b';
  at: number;
}

describe('two instances, one database (SIGKILL one mid-flood, PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let klaviyo: StandIn;
  const servers: Partial<Record<'a' | 'b', ChildProcess>> = {};
  const eventCalls = new Map<string, Call[]>();

  beforeAll(async () => {
    db = await freshDatabase(`${DB_PREFIX}_instances_${process.pid}`);
    klaviyo = await standIn((req, body, res) => {
      const instance = req.url!.startsWith('/a/') ? 'a' : 'b';
      if (req.url!.endsWith('/api/events')) {
        const id = JSON.parse(body).data.attributes.unique_id as string;
        // Issue events only: a delayed parcel also gets a "Concord Shipment Update" (shipment:… ids).
        if (!/^(shipment|recovery|review):/.test(id)) eventCalls.set(id, [...(eventCalls.get(id) ?? []), { instance, at: Date.now() }]);
      }
      setTimeout(
        () => (req.url!.endsWith('/api/events') ? json(res, 202, {}) : json(res, 200, { data: { type: 'profile', id: 'p' } })),
        300,
      );
    });
  });
  afterAll(async () => {
    servers.a?.kill('SIGKILL');
    servers.b?.kill('SIGKILL');
    await klaviyo?.close();
    await db?.drop();
  });

  const env = (instance: 'a' | 'b') => ({
    DATABASE_URL: db.url,
    KLAVIYO_API_KEY: 'pk_twin',
    KLAVIYO_BASE_URL: `${klaviyo.url}/${instance}`,
    CONCORD_OUTBOX_LOCK_MS: '1000',
    CONCORD_PROJECTION_BATCH: '20',
  });
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  // Each order ships 10 days ago with no scan since: delayed, so it opens an issue with two Klaviyo
  // effects. Its update (tags v2, one minute newer) must win whichever instance applies what.
  function event(i: number, version: 1 | 2) {
    const id = 7100000000000 + i;
    const updatedAt = new Date(Date.now() - 10 * 86_400_000 + version * 60_000).toISOString();
    const body = JSON.stringify({
      id,
      name: `#T${i}`,
      order_number: 60000 + i,
      email: `t${i}@twin.test`,
      created_at: ago(12),
      updated_at: updatedAt,
      financial_status: 'paid',
      fulfillment_status: 'fulfilled',
      currency: 'USD',
      total_price: '40.00',
      tags: `v${version}`,
      customer: { id: 9100000 + i, email: `t${i}@twin.test` },
      line_items: [{ id: i, title: 'Tee', sku: 'T', quantity: 1, price: '40.00' }],
      fulfillments: [
        {
          id: 8100000000000 + i,
          order_id: id,
          status: 'success',
          shipment_status: 'in_transit',
          created_at: ago(10),
          updated_at: ago(10),
          tracking_company: 'UPS',
          tracking_number: `1ZTWIN${i}`,
        },
      ],
    });
    const topic = version === 1 ? 'orders/create' : 'orders/updated';
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': SHOP,
        'x-shopify-event-id': `twin-${i}-v${version}`,
        'x-shopify-hmac-sha256': signShopifyBody(body, 'sys-shopify-secret'),
      },
    };
  }
  async function send(port: number, i: number, version: 1 | 2): Promise<boolean> {
    const e = event(i, version);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/webhooks/shopify`, {
        method: 'POST',
        headers: e.headers,
        body: e.body,
        signal: AbortSignal.timeout(10_000),
      });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  it('applies every acknowledged event exactly once and runs no effect twice', async () => {
    servers.a = startServer(PORT_A, env('a'));
    servers.b = startServer(PORT_B, env('b'));
    await Promise.all([waitForHealth(PORT_A), waitForHealth(PORT_B)]);
    // Order i's create, and five orders later its update, each to either instance.
    const jobs: { i: number; version: 1 | 2 }[] = [];
    for (let i = 0; i < ORDERS + 5; i++) {
      if (i < ORDERS) jobs.push({ i, version: 1 });
      if (i >= 5) jobs.push({ i: i - 5, version: 2 });
    }
    const acked = new Set<string>();
    let killedAt: number | null = null;
    let next = 0;
    // Kill instance a once both instances are running effects (so a claim of one could meet the
    // other), or after 20 s of trying; the flood goes on meanwhile.
    let killing: Promise<void> | null = null;
    const killA = () =>
      (killing ??= (async () => {
        const until = Date.now() + 20_000;
        const callsBy = (x: 'a' | 'b') => [...eventCalls.values()].flat().filter((c) => c.instance === x).length;
        while (Date.now() < until && (callsBy('a') < 30 || callsBy('b') < 30)) await new Promise((r) => setTimeout(r, 100));
        killedAt = Date.now();
        servers.a!.kill('SIGKILL');
      })());
    // The last quarter of the flood waits for the kill, so the kill always lands mid-flood: on a fast
    // host the whole flood could otherwise be sent before both instances had run 30 effects.
    const holdFrom = Math.floor(jobs.length * 0.75);
    const sender = async () => {
      while (next < jobs.length) {
        const k = next++;
        const job = jobs[k];
        if (k >= holdFrom && killedAt === null) await killA();
        // Round-robin between the instances; after the kill, Shopify's retry reaches the survivor.
        let ok = await send(k % 2 === 0 && killedAt === null ? PORT_A : PORT_B, job.i, job.version);
        if (!ok) ok = await send(PORT_B, job.i, job.version);
        if (ok) acked.add(`twin-${job.i}-v${job.version}`);
        if (killedAt === null && acked.size >= KILL_AFTER_ACKS) void killA();
      }
    };
    await Promise.all(Array.from({ length: 20 }, sender));
    const floodEnded = Date.now();
    await killing;
    expect(killedAt).not.toBeNull();
    expect(killedAt!, 'the kill lands mid-flood').toBeLessThan(floodEnded);
    console.log(
      `[instances] instance a killed ${killedAt! <= floodEnded ? `${((floodEnded - killedAt!) / 1000).toFixed(1)} s before the flood ended` : 'after the flood ended'}`,
    );
    expect(acked.size).toBe(ORDERS * 2);

    await waitFor(
      async () => {
        const [r] = rowsOf<{ inbox: number; outbox: number }>(
          await db.handle.db.execute(
            sql`select (select count(*) from inbox_events where status = 'pending')::int as inbox, (select count(*) from outbox where status in ('pending', 'running'))::int as outbox`,
          ),
        );
        return r.inbox === 0 && r.outbox === 0;
      },
      300_000,
      'the inbox and outbox to drain on the surviving instance',
    );

    const [c] = rowsOf<{
      inbox: number;
      done: number;
      orders: number;
      latest: number;
      issues: number;
      opened: number;
      effects: number;
      dead: number;
      failed: number;
    }>(
      await db.handle.db.execute(sql`select
        (select count(*) from inbox_events)::int as inbox,
        (select count(*) from inbox_events where status = 'done')::int as done,
        (select count(*) from orders)::int as orders,
        (select count(*) from orders where tags = array['v2'])::int as latest,
        (select count(*) from issues where status = 'open')::int as issues,
        (select count(*) from audit_log where action = 'issue.opened')::int as opened,
        (select count(*) from outbox where kind = 'klaviyo.issue_event' and status = 'done')::int as effects,
        (select count(*) from outbox where status = 'dead')::int as dead,
        (select count(*) from inbox_events where status = 'failed')::int as failed`),
    );
    expect(c).toEqual({
      inbox: ORDERS * 2,
      done: ORDERS * 2,
      orders: ORDERS,
      latest: ORDERS,
      issues: ORDERS,
      opened: ORDERS,
      effects: ORDERS,
      dead: 0,
      failed: 0,
    });
    const stored = new Set(
      rowsOf<{ id: string }>(await db.handle.db.execute(sql`select event_id as id from inbox_events where status = 'done'`)).map(
        (r) => r.id,
      ),
    );
    for (const id of acked) expect(stored.has(id), `acked ${id} not applied`).toBe(true);

    // Klaviyo got every issue event; a second call is allowed only for an effect the killed instance
    // had in flight when it died (it called, then died before recording the answer).
    expect(eventCalls.size).toBe(ORDERS);
    const doubles = [...eventCalls.entries()].filter(([, calls]) => calls.length > 1);
    const illegal = doubles.filter(([, calls]) => !calls.some((x) => x.instance === 'a' && x.at >= killedAt! - 2_000 && x.at <= killedAt!));
    expect(illegal, JSON.stringify(illegal.slice(0, 3))).toEqual([]);
    expect(doubles.length).toBeLessThanOrEqual(20); // at most one claimed batch
    const byA = [...eventCalls.values()].flat().filter((x) => x.instance === 'a').length;
    console.log(
      `[instances] acked ${acked.size} events; Klaviyo events sent by the killed instance: ${byA}, by the survivor: ${[...eventCalls.values()].flat().length - byA}; re-sent after the kill: ${doubles.length}`,
    );
    expect(byA).toBeGreaterThan(0); // both instances really worked
  }, 420_000);
});
