import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/db';
import { migrateDb, migrationState, openDb } from '@/lib/db/client';
import { inboxEvents, orders } from '@/lib/db/schema';

// The same storage suite runs on PGlite (default) and on real Postgres (DATABASE_URL set).
describe(`storage on ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}`, () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.close());

  it('applies every migration and reports the state', async () => {
    const state = await migrationState(t.db, t.migrationsSchema);
    expect(state.applied).toBe(state.available);
    expect(state.available).toBeGreaterThan(0);
  });

  it('re-running migrations is a no-op', async () => {
    await migrateDb(t, { migrationsSchema: t.migrationsSchema });
    const state = await migrationState(t.db, t.migrationsSchema);
    expect(state.applied).toBe(state.available);
  });

  it('dedupes inbox events on source + shop + event id', async () => {
    const row = { source: 'shopify', shopId: 'a.myshopify.com', topic: 'orders/create', eventId: 'e1', body: '{}' };
    const first = await t.db.insert(inboxEvents).values(row).onConflictDoNothing().returning({ id: inboxEvents.id });
    const second = await t.db.insert(inboxEvents).values(row).onConflictDoNothing().returning({ id: inboxEvents.id });
    const otherShop = await t.db
      .insert(inboxEvents)
      .values({ ...row, shopId: 'b.myshopify.com' })
      .onConflictDoNothing()
      .returning({ id: inboxEvents.id });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    expect(otherShop).toHaveLength(1);
  });

  it('keeps 18-digit Shopify ids exactly, and arrays and jsonb round-trip', async () => {
    const id = '820982911946154508';
    await t.db.insert(orders).values({
      shopId: 'a.myshopify.com',
      shopifyOrderId: id,
      name: '#9999',
      currency: 'USD',
      totalPrice: '199.00',
      shopifyCreatedAt: new Date('2026-11-23T17:00:00Z'),
      shopifyUpdatedAt: new Date('2026-11-23T17:00:00Z'),
      tags: ['vip', 'wholesale'],
      lineItems: [{ id: '866550311766439020', title: 'Aviator sunglasses' }],
    });
    const [row] = await t.db.select().from(orders).where(eq(orders.shopifyOrderId, id));
    expect(row.shopifyOrderId).toBe(id);
    expect(row.tags).toEqual(['vip', 'wholesale']);
    expect(row.lineItems).toEqual([{ id: '866550311766439020', title: 'Aviator sunglasses' }]);
    expect(row.shopifyCreatedAt.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  it('rolls back a failed transaction completely', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(inboxEvents).values({ source: 'shopify', shopId: 'tx.myshopify.com', topic: 't', eventId: 'tx1', body: '{}' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.db.execute(sql`select count(*)::int as n from inbox_events where shop_id = 'tx.myshopify.com'`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
  });
});

// The node-postgres driver itself (PostgreSQL runs on every machine and in CI, whichever driver the
// rest of the suite uses): every pooled connection plans named statements generically, and the SET
// that says so finishes before the connection runs anything else.
describe('node-postgres pool', () => {
  it('sets plan_cache_mode and jit on every connection before handing it out, without overlapping queries', async () => {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const h = await openDb({ driver: 'pg', url, poolSize: 3 });
    try {
      const modes = await Promise.all(
        [1, 2, 3].map(() =>
          h.db.execute(
            sql`select current_setting('plan_cache_mode') || ',jit=' || current_setting('jit') as mode, pg_backend_pid() as pid, pg_sleep(0.05)`,
          ),
        ),
      );
      const rows = modes.map((r) => (r as unknown as { rows: { mode: string; pid: number }[] }).rows[0]);
      expect(new Set(rows.map((r) => r.pid)).size).toBe(3); // three connections, each set up
      expect(rows.map((r) => r.mode)).toEqual(Array(3).fill('force_generic_plan,jit=off'));
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await h.close();
    }
  });
});
