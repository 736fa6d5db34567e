import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { laneOf } from '@/lib/ingest/partition-key';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { receiveShopifyWebhook } from '@/lib/ingest/receive-shopify-webhook';
import { createTestDb } from '../helpers/db';

// Projection workers on real PostgreSQL (several connections, as several instances would have):
// a lane held by one worker is skipped by the others, and many workers draining together apply
// every event exactly once, each order's events in arrival order.

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SHOP = 'lanes.myshopify.com';
const SECRET = 'lanes-secret';

function order(id: number, version: number): string {
  const t = new Date(Date.UTC(2026, 10, 1, 0, version)).toISOString();
  return JSON.stringify({
    id,
    name: `#${id}`,
    order_number: id,
    email: `o${id}@lanes.test`,
    created_at: '2026-10-01T00:00:00Z',
    updated_at: t,
    financial_status: 'paid',
    fulfillment_status: null,
    currency: 'USD',
    total_price: '10.00',
    tags: `v${version}`,
    line_items: [],
    customer: { id: 500 + (id % 3), email: `o${id}@lanes.test` },
  });
}

async function receive(db: DbHandle['db'], id: number, version: number): Promise<void> {
  const body = order(id, version);
  const headers = new Headers({
    'x-shopify-topic': 'orders/updated',
    'x-shopify-shop-domain': SHOP,
    'x-shopify-event-id': `o${id}-v${version}`,
    'x-shopify-hmac-sha256': signShopifyBody(body, SECRET),
  });
  await receiveShopifyWebhook(db, Buffer.from(body), headers, SECRET);
}

describe('projection lanes on PostgreSQL', () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb({ pgUrl: PG_URL });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('skips a lane another worker holds, and takes it once it is free', async () => {
    // Two orders in different lanes.
    const a = 11;
    let b = 12;
    while (laneOf(`shopify:${SHOP}:order:${b}`) === laneOf(`shopify:${SHOP}:order:${a}`)) b++;
    await receive(t.db, a, 1);
    await receive(t.db, b, 1);
    const laneA = laneOf(`shopify:${SHOP}:order:${a}`);
    // Another "instance": its own connection, holding order a's lane in an open transaction.
    const other = await openDb({ driver: 'pg', url: PG_URL, searchPath: t.migrationsSchema, poolSize: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const isHeld = new Promise<void>((r) => (holding = r));
    const holder = other.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('concord.inbox.' || current_schema()), ${laneA})`);
      holding();
      await held;
    });
    try {
      await isHeld;
      expect(await drainInbox(t.db)).toBe(1);
      const pending = rowsOf<{ event_id: string }>(await t.db.execute(sql`select event_id from inbox_events where status = 'pending'`));
      expect(pending.map((r) => r.event_id)).toEqual([`o${a}-v1`]);
    } finally {
      release();
      await holder;
      await other.close();
    }
    expect(await drainInbox(t.db)).toBe(1);
  });

  it('four workers draining together apply every event exactly once, each order in arrival order', async () => {
    await t.db.execute(sql`truncate inbox_events, orders, customers`);
    const ORDERS = 24;
    const VERSIONS = 8;
    for (let v = 1; v <= VERSIONS; v++) for (let o = 1; o <= ORDERS; o++) await receive(t.db, 100 + o, v);
    const clock = () => new Date();
    // Small batches so that lanes change hands often.
    const handled = await Promise.all(Array.from({ length: 4 }, () => drainInbox(t.db, 10_000, clock, { max: 3 })));
    expect(handled.reduce((a, b) => a + b, 0)).toBe(ORDERS * VERSIONS);
    const [c] = rowsOf<{ done: number; other: number }>(
      await t.db.execute(
        sql`select count(*) filter (where status = 'done')::int as done, count(*) filter (where status <> 'done')::int as other from inbox_events`,
      ),
    );
    expect(c).toEqual({ done: ORDERS * VERSIONS, other: 0 });
    const tags = rowsOf<{ id: string; tags: string[] }>(
      await t.db.execute(sql`select shopify_order_id as id, tags from orders order by id`),
    );
    expect(tags).toHaveLength(ORDERS);
    for (const r of tags) expect(r.tags).toEqual([`v${VERSIONS}`]);
    // Within each order, an event was applied no earlier than the one that arrived before it.
    const outOfOrder = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from (
        select processed_at < lag(processed_at) over (partition by partition_key order by id) as back from inbox_events) x where back`),
    );
    expect(outOfOrder[0].n).toBe(0);
  });
});
