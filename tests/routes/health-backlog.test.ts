import { describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { GET } from '@/app/api/health/route';
import { POST as webhook } from '@/app/api/webhooks/shopify/route';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { readBacklog } from '@/lib/ingest/read-backlog';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';

// Per-test PostgreSQL schemas have no `drizzle` migrations table; the migration count isn't what this tests.
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  migrationState: async () => ({ available: 7, applied: 7 }),
}));

const order = (id: number) =>
  JSON.stringify({
    id,
    name: `#${id}`,
    email: `h${id}@health.test`,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    financial_status: 'paid',
    currency: 'USD',
    total_price: '1.00',
    line_items: [],
  });
const health = async (headers: Record<string, string> = {}) =>
  (await GET(new Request('http://concord.test/api/health', { headers }))).json();

describe('backlog in /api/health', () => {
  const t = useTestApp();

  it('shows anonymous callers only whether the app is up', async () => {
    expect(await health()).toEqual({ ok: true, status: 'ok' });
    expect(await health({ authorization: 'Bearer wrong' })).toEqual({ ok: true, status: 'ok' });
    expect(await health(sessionHeaders('lead'))).toEqual({ ok: true, status: 'ok' });
  });

  it('shows the cron secret and an admin the inbox and outbox depth, oldest age and drain rate', async () => {
    for (const id of [1, 2, 3])
      expect((await webhook(shopifyRequest(order(id), { topic: 'orders/create', eventId: `h-${id}` }))).status).toBe(200);
    await t.get().db.execute(sql`update inbox_events set received_at = now() - interval '42 seconds' where event_id = 'h-1'`);
    await enqueueEffect(t.get().db, {
      shopId: 'acme.myshopify.com',
      kind: 'gorgias.add_tags',
      payload: { ticketId: '1', tags: ['x'] },
      idempotencyKey: 'h-effect',
    });
    const before = await health({ authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` });
    expect(before.backlog.inbox).toMatchObject({ pending: 3, failed: 0, appliedLastMinute: 0 });
    expect(before.backlog.inbox.oldestPendingAgeS).toBeGreaterThanOrEqual(42);
    expect(before.backlog.outbox).toMatchObject({ open: 1, dead: 0 });
    expect(before.driver).toBeDefined();
    expect(await drainInbox(t.get().db)).toBe(3);
    const after = await health(sessionHeaders('admin'));
    expect(after.backlog.inbox).toMatchObject({ pending: 0, oldestPendingAgeS: null, appliedLastMinute: 3, drainPerSecond: 0.1 });
    expect(await readBacklog(t.get().db)).toMatchObject({ inbox: { pending: 0 }, backfills: [] });
  });
});
