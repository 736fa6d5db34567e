import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/rows';
import { drainInbox, processInboxBatch } from '@/lib/ingest/process-inbox';
import { laneOf } from '@/lib/ingest/partition-key';
import { projectInboxEvents } from '@/lib/projection/project-batch';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { receiveShopifyWebhook } from '@/lib/ingest/receive-shopify-webhook';
import { createTestDb } from '../helpers/db';

// Batched projection (many events per transaction, one statement per table) must end in exactly the
// state one-event-per-transaction ends in, count and isolate a bad event without losing the others,
// and keep one order's events in order even when one of them is waiting for a retry.

const SHOP = 'acme.myshopify.com';
const SECRET = 'batch-secret';
const NOW = new Date('2026-11-25T15:00:00Z');
// Shopify's own orders/create sample (tests/fixtures/shopify/orders_create.json), varied per event.
const SAMPLE = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/shopify/orders_create.json'), 'utf8')) as Record<
  string,
  unknown
>;

const at = (hoursBefore: number) => new Date(NOW.getTime() - hoursBefore * 3_600_000).toISOString();

function orderBody(o: {
  id: number;
  customer: number;
  updatedHoursAgo: number;
  tags?: string;
  shippedDaysAgo?: number;
  refund?: number;
  cancelled?: boolean;
  firstName?: string;
}): string {
  return JSON.stringify({
    ...SAMPLE,
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Order/${o.id}`,
    name: `#${o.id}`,
    order_number: o.id,
    email: `c${o.customer}@shop.test`,
    created_at: at(24 * 20),
    updated_at: at(o.updatedHoursAgo),
    tags: o.tags ?? '',
    cancelled_at: o.cancelled ? at(o.updatedHoursAgo) : null,
    cancel_reason: o.cancelled ? 'customer' : null,
    customer: {
      ...(SAMPLE.customer as object),
      id: 900 + o.customer,
      email: `c${o.customer}@shop.test`,
      first_name: o.firstName ?? 'Jo',
      last_name: `L${o.customer}`,
      updated_at: at(o.updatedHoursAgo),
    },
    fulfillments:
      o.shippedDaysAgo === undefined
        ? []
        : [
            {
              id: o.id * 10,
              order_id: o.id,
              status: 'success',
              shipment_status: 'in_transit',
              created_at: at(24 * o.shippedDaysAgo),
              updated_at: at(24 * o.shippedDaysAgo),
              tracking_company: 'UPS',
              tracking_number: `1Z${o.id}`,
            },
          ],
    refunds: o.refund
      ? [
          {
            id: o.id * 100,
            order_id: o.id,
            created_at: at(o.updatedHoursAgo),
            note: 'sorry',
            transactions: [{ amount: String(o.refund) + '.00', currency: 'USD', kind: 'refund', status: 'success' }],
          },
        ]
      : [],
  });
}

interface Ev {
  topic: string;
  body: string;
}
// Eight orders of four customers: creates, updates, a late retry carrying older state, a shipment that
// goes late (an issue opens) and is then delivered (it resolves) within the stream, refunds, a cancel,
// and a customers/update and a fulfillments/update in between.
function stream(): Ev[] {
  const evs: Ev[] = [];
  for (let i = 1; i <= 8; i++)
    evs.push({ topic: 'orders/create', body: orderBody({ id: 1000 + i, customer: i % 4, updatedHoursAgo: 100 }) });
  evs.push({ topic: 'orders/updated', body: orderBody({ id: 1001, customer: 1, updatedHoursAgo: 90, tags: 'vip', shippedDaysAgo: 12 }) });
  evs.push({
    topic: 'orders/updated',
    body: orderBody({ id: 1002, customer: 2, updatedHoursAgo: 90, shippedDaysAgo: 1, firstName: 'Jay' }),
  });
  evs.push({ topic: 'orders/updated', body: orderBody({ id: 1001, customer: 1, updatedHoursAgo: 95, tags: 'stale' }) }); // late retry: older
  evs.push({
    topic: 'customers/update',
    body: JSON.stringify({ id: 901, email: 'c1@shop.test', first_name: 'Joanna', last_name: 'L1', tags: 'loyal', updated_at: at(80) }),
  });
  evs.push({ topic: 'orders/updated', body: orderBody({ id: 1003, customer: 3, updatedHoursAgo: 80, refund: 40 }) });
  evs.push({
    topic: 'fulfillments/update',
    body: JSON.stringify({
      id: 10010,
      order_id: 1001,
      status: 'success',
      shipment_status: 'delivered',
      created_at: at(24 * 12),
      updated_at: at(70),
      tracking_company: 'UPS',
      tracking_number: '1Z1001',
    }),
  });
  evs.push({ topic: 'orders/cancelled', body: orderBody({ id: 1004, customer: 0, updatedHoursAgo: 70, cancelled: true }) });
  evs.push({ topic: 'orders/updated', body: orderBody({ id: 1005, customer: 1, updatedHoursAgo: 60, shippedDaysAgo: 15 }) });
  evs.push({ topic: 'orders/updated', body: orderBody({ id: 1005, customer: 1, updatedHoursAgo: 50, shippedDaysAgo: 15, tags: 'late' }) });
  evs.push({ topic: 'orders/updated', body: orderBody({ id: 1006, customer: 2, updatedHoursAgo: 50, refund: 10, firstName: 'Jules' }) });
  return evs;
}

async function receive(db: DbHandle['db'], evs: Ev[], prefix = 'e'): Promise<void> {
  let n = 0;
  for (const e of evs) {
    const headers = new Headers({
      'x-shopify-topic': e.topic,
      'x-shopify-shop-domain': SHOP,
      'x-shopify-event-id': `${prefix}-${++n}`,
      'x-shopify-hmac-sha256': signShopifyBody(e.body, SECRET),
    });
    await receiveShopifyWebhook(db, Buffer.from(e.body), headers, SECRET);
  }
}

async function snapshot(db: DbHandle['db']) {
  const q = async (text: string) => rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));
  return {
    orders: await q(
      `select shopify_order_id, email, customer_shopify_id, tags, cancelled_at, shopify_updated_at, financial_status from orders order by shopify_order_id`,
    ),
    customers: await q(
      `select shopify_customer_id, email, emails, first_name, last_name, tags, orders_count from customers order by shopify_customer_id`,
    ),
    fulfillments: await q(
      `select shopify_fulfillment_id, order_id, shipment_status, health_state, health_reason from fulfillments order by shopify_fulfillment_id`,
    ),
    refunds: await q(`select shopify_refund_id, order_id, amount from refunds order by shopify_refund_id`),
    issues: await q(`select key, kind, status, reason, order_id, customer_email, opened_at, resolved_at from issues order by key`),
    audit: await q(`select action, subject_id, explanation from audit_log order by subject_id, action, explanation`),
    // A profile sync's key ends in a fresh UUID (every sync is new); the rest must match.
    effects: await q(
      `select kind, regexp_replace(idempotency_key, '[0-9a-f-]{36}$', 'uuid') as key, serial_key, status from outbox order by key`,
    ),
    inbox: await q(`select status, count(*)::int as n from inbox_events group by status order by status`),
  };
}

describe('batched projection', () => {
  let one: DbHandle;
  let many: DbHandle;
  beforeAll(async () => {
    [one, many] = await Promise.all([createTestDb(), createTestDb()]);
  });
  afterAll(async () => {
    await one?.close();
    await many?.close();
  });

  it('ends in exactly the state that one event per transaction ends in', async () => {
    await receive(one.db, stream());
    await receive(many.db, stream());
    expect(await drainInbox(one.db, 1000, () => NOW, { max: 1 })).toBe(18);
    expect(await drainInbox(many.db, 1000, () => NOW, { max: 50 })).toBe(18);
    const a = await snapshot(one.db);
    const b = await snapshot(many.db);
    // The stream really exercises what matters: an issue opened and resolved, refunds, a cancel.
    expect(a.issues.length).toBeGreaterThanOrEqual(3);
    expect(a.audit.some((r) => r.action === 'issue.resolved')).toBe(true);
    expect(a.refunds).toHaveLength(2);
    expect(a.inbox).toEqual([{ status: 'done', n: 18 }]);
    expect(b).toEqual(a);
  });

  it('ends in the same state when the whole stream is one batch (many orders per statement)', async () => {
    const all = (await createTestDb()) as DbHandle;
    try {
      await receive(all.db, stream());
      await all.db.transaction(async (tx) => {
        const rows = rowsOf<{
          id: number;
          source: string;
          shop_id: string;
          topic: string;
          event_id: string;
          body: string;
          received_at: string;
        }>(await tx.execute(sql`select id, source, shop_id, topic, event_id, body, received_at from inbox_events order by id`));
        await projectInboxEvents(
          tx,
          rows.map((r) => ({
            id: Number(r.id),
            source: r.source,
            shopId: r.shop_id,
            topic: r.topic,
            eventId: r.event_id,
            triggeredAt: null,
            body: r.body,
            receivedAt: new Date(r.received_at),
          })),
          NOW,
        );
        await tx.execute(sql`update inbox_events set status = 'done', processed_at = ${NOW}`);
      });
      expect(await snapshot(all.db)).toEqual(await snapshot(one.db));
    } finally {
      await all.close();
    }
  });

  it('isolates a bad event in a batch: the others commit, it is counted and retried later', async () => {
    const db = (await createTestDb()) as DbHandle;
    try {
      // Same order => same lane, so all four are one batch; the third cannot be mapped.
      const evs: Ev[] = [
        { topic: 'orders/create', body: orderBody({ id: 2001, customer: 1, updatedHoursAgo: 10 }) },
        { topic: 'orders/updated', body: orderBody({ id: 2001, customer: 1, updatedHoursAgo: 9, tags: 'a' }) },
        { topic: 'orders/updated', body: JSON.stringify({ id: 2001, email: 'x@shop.test' }) },
        { topic: 'orders/updated', body: orderBody({ id: 2001, customer: 1, updatedHoursAgo: 8, tags: 'b' }) },
      ];
      await receive(db.db, evs, 'bad');
      // Three handled: two applied, one counted; the fourth waits behind the third (below).
      expect(await processInboxBatch(db.db, { max: 50, now: () => NOW })).toBe(3);
      const rows = rowsOf<{ event_id: string; status: string; attempts: number }>(
        await db.db.execute(sql`select event_id, status, attempts from inbox_events order by id`),
      );
      expect(rows.map((r) => [r.event_id, r.status, Number(r.attempts)])).toEqual([
        ['bad-1', 'done', 0],
        ['bad-2', 'done', 0],
        ['bad-3', 'pending', 1],
        // Waits behind its order's failed event (applying it now could be undone by the retry).
        ['bad-4', 'pending', 0],
      ]);
      const [o] = rowsOf<{ tags: string[] }>(await db.db.execute(sql`select tags from orders where shopify_order_id = '2001'`));
      expect(o.tags).toEqual(['a']);
      // Nothing else is ready until the bad event's retry is due.
      expect(await processInboxBatch(db.db, { max: 50, now: () => NOW })).toBe(0);
      // When it is given up on, its order moves on.
      await db.db.execute(sql`update inbox_events set status = 'failed' where event_id = 'bad-3'`);
      expect(await drainInbox(db.db, 100, () => NOW)).toBe(1);
      const [o2] = rowsOf<{ tags: string[] }>(await db.db.execute(sql`select tags from orders where shopify_order_id = '2001'`));
      expect(o2.tags).toEqual(['b']);
    } finally {
      await db.close();
    }
  });

  it('stores each event with its order as partition key and the customer it concerns', async () => {
    const db = (await createTestDb()) as DbHandle;
    try {
      await receive(
        db.db,
        [
          { topic: 'orders/create', body: orderBody({ id: 3001, customer: 7, updatedHoursAgo: 1 }) },
          { topic: 'fulfillments/update', body: JSON.stringify({ id: 30010, order_id: 3001, status: 'success', email: 'C7@shop.test' }) },
        ],
        'pk',
      );
      const rows = rowsOf<{ partition_key: string; lane: number; customer_email: string }>(
        await db.db.execute(sql`select partition_key, lane, customer_email from inbox_events order by id`),
      );
      expect(rows).toEqual([
        { partition_key: `shopify:${SHOP}:order:3001`, lane: laneOf(`shopify:${SHOP}:order:3001`), customer_email: 'c7@shop.test' },
        { partition_key: `shopify:${SHOP}:order:3001`, lane: laneOf(`shopify:${SHOP}:order:3001`), customer_email: 'c7@shop.test' },
      ]);
    } finally {
      await db.close();
    }
  });
});
