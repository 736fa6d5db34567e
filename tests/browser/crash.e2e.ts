import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { freshDatabase, json, standIn, startServer, waitFor, waitForHealth, type StandIn } from './system';

// Flood the webhook route with 2,000 signed events, SIGKILL the server in the middle, restart it
// and let it drain: every acknowledged event is in the inbox and projected, none is applied twice,
// and the outbox finishes every effect exactly once (Klaviyo stand-in dedupes on unique_id, as
// Klaviyo does; raw redeliveries are counted too).

const PORT = Number(process.env.CRASH_PORT ?? 3330);
const TOTAL = 2000;
const KILL_AFTER_ACKS = 700;
const SHOP = 'crash.myshopify.com';

describe('crash recovery (SIGKILL mid-flood, PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let klaviyo: StandIn;
  let server: ChildProcess | null = null;
  const eventsByUniqueId = new Map<string, number>();
  let profilePosts = 0;

  beforeAll(async () => {
    db = await freshDatabase(`${process.env.SYSTEM_TEST_DB_PREFIX ?? 'concord'}_crash_${process.pid}`);
    klaviyo = await standIn((req, body, res) => {
      if (req.url === '/api/events') {
        const id = JSON.parse(body).data.attributes.unique_id as string;
        // Issue events only: a delayed parcel also gets a "Concord Shipment Update" (shipment:… ids).
        if (!/^(shipment|recovery|review):/.test(id)) eventsByUniqueId.set(id, (eventsByUniqueId.get(id) ?? 0) + 1);
        return json(res, 202, {});
      }
      profilePosts++;
      return json(res, 200, { data: { type: 'profile', id: 'p' } });
    });
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await klaviyo?.close();
    await db?.drop();
  });

  const env = () => ({ DATABASE_URL: db.url, KLAVIYO_API_KEY: 'pk_crash', KLAVIYO_BASE_URL: klaviyo.url, CONCORD_OUTBOX_LOCK_MS: '3000' });
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  // Each order ships 10 days ago with no scan since: delayed, so each opens an issue with 2 Klaviyo effects.
  function event(i: number) {
    const id = 7000000000000 + i;
    const body = JSON.stringify({
      id,
      name: `#C${i}`,
      order_number: 50000 + i,
      email: `c${i}@crash.test`,
      created_at: ago(12),
      updated_at: ago(10),
      financial_status: 'paid',
      fulfillment_status: 'fulfilled',
      currency: 'USD',
      total_price: '40.00',
      tags: '',
      customer: { id: 9000000 + i, email: `c${i}@crash.test` },
      line_items: [{ id: i, title: 'Tee', sku: 'T', quantity: 1, price: '40.00' }],
      fulfillments: [
        {
          id: 8000000000000 + i,
          order_id: id,
          status: 'success',
          shipment_status: 'in_transit',
          created_at: ago(10),
          updated_at: ago(10),
          tracking_company: 'UPS',
          tracking_number: `1ZCRASH${i}`,
        },
      ],
    });
    return {
      id: `crash-${i}`,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-event-id': `crash-${i}`,
        'x-shopify-hmac-sha256': signShopifyBody(body, 'sys-shopify-secret'),
      },
    };
  }
  async function send(i: number): Promise<boolean> {
    const e = event(i);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/webhooks/shopify`, {
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

  it('loses nothing acknowledged and applies nothing twice', async () => {
    server = startServer(PORT, env());
    await waitForHealth(PORT);
    const started = Date.now();
    const acked = new Set<number>();
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        if (await send(i)) acked.add(i);
        if (!killed && acked.size >= KILL_AFTER_ACKS) {
          killed = true;
          server!.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 25 }, worker));
    expect(killed).toBe(true);
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(ackedBeforeCrash).toBeLessThan(TOTAL);

    // Every 2xx is durable even though the server died: the rows are there before any restart.
    const inboxAfterCrash = rowsOf<{ id: string }>(await db.handle.db.execute(sql`select event_id as id from inbox_events`)).map(
      (r) => r.id,
    );
    const stored = new Set(inboxAfterCrash);
    for (const i of acked) expect(stored.has(`crash-${i}`), `acked event crash-${i} missing after the crash`).toBe(true);

    // Restart; Shopify redelivers what wasn't acknowledged, and some acknowledged events twice.
    const flooded = Date.now();
    server = startServer(PORT, env());
    await waitForHealth(PORT);
    for (let i = 0; i < TOTAL; i++) if (!acked.has(i) || i % 20 === 0) await send(i);
    const redeliveredAt = Date.now();

    await waitFor(
      async () => {
        const [r] = rowsOf<{ inbox: number; outbox: number }>(
          await db.handle.db.execute(
            sql`select (select count(*) from inbox_events where status = 'pending')::int as inbox, (select count(*) from outbox where status in ('pending', 'running'))::int as outbox`,
          ),
        );
        return r.inbox === 0 && r.outbox === 0;
      },
      240_000,
      'the inbox and outbox to drain',
    );
    const drained = Date.now();

    const [c] = rowsOf<{
      inbox: number;
      done: number;
      orders: number;
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
        (select count(*) from issues where status = 'open')::int as issues,
        (select count(*) from audit_log where action = 'issue.opened')::int as opened,
        (select count(*) from outbox where kind = 'klaviyo.issue_event' and status = 'done')::int as effects,
        (select count(*) from outbox where status = 'dead')::int as dead,
        (select count(*) from inbox_events where status = 'failed')::int as failed`),
    );
    expect(c).toEqual({ inbox: TOTAL, done: TOTAL, orders: TOTAL, issues: TOTAL, opened: TOTAL, effects: TOTAL, dead: 0, failed: 0 });
    // Klaviyo saw every issue event, and its unique_id dedupe makes any redelivery a no-op.
    expect(eventsByUniqueId.size).toBe(TOTAL);
    const redelivered = [...eventsByUniqueId.values()].filter((n) => n > 1).length;
    expect(redelivered).toBeLessThanOrEqual(25); // at most the effects in flight when the process died
    expect(profilePosts).toBeGreaterThanOrEqual(TOTAL);
    console.log(
      `[crash] acked before SIGKILL: ${ackedBeforeCrash}/${TOTAL}; events redelivered to Klaviyo after the crash: ${redelivered}; profile pushes: ${profilePosts}`,
    );
    console.log(
      `[crash] flood until the kill ${((flooded - started) / 1000).toFixed(1)} s; restart and redeliveries ${((redeliveredAt - flooded) / 1000).toFixed(1)} s; drain ${((drained - redeliveredAt) / 1000).toFixed(1)} s`,
    );
  }, 360_000);
});
