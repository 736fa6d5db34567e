import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { POST as widgetPOST } from '@/app/api/gorgias/widget/route';
import { rowsOf } from '@/lib/db/rows';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyOrder } from '../helpers/builders';

// An event or effect is due on the clock its claim compares with: this process's wall clock, in
// milliseconds. When the database stamped it with now() (microseconds), a drain started in the same
// millisecond skipped it until the next poll: a second of lag in production, and flaky end-to-end
// tests on PostgreSQL (tests/automation/safe-zone-e2e.test.ts failed about one run in two).

const SHOP = 'acme.myshopify.com';
const subMillisecond = (table: 'inbox_events' | 'outbox') =>
  sql.raw(`select count(*)::int as n from ${table} where (extract(microseconds from next_attempt_at)::bigint % 1000) <> 0`);

describe('due on the claim’s clock', () => {
  const t = useTestApp();

  it('stamps received webhooks, Gorgias events and queued effects in whole milliseconds, never after the receipt', async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    for (let i = 0; i < 20; i++) {
      const res = await shopifyPOST(
        shopifyRequest(
          JSON.stringify(
            shopifyOrder({
              id: 8800 + i,
              number: 8800 + i,
              email: `due${i}@example.com`,
              customerId: 8800 + i,
              createdAt: new Date().toISOString(),
            }),
          ),
          { topic: 'orders/create', eventId: `due-${i}` },
        ),
      );
      expect(res.status).toBe(200);
    }
    const res = await widgetPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(gorgiasContext({ ticketId: 8801, email: 'due1@example.com', text: 'Where is my order?' })),
      }),
    );
    expect(res.status).toBe(200);
    for (let i = 0; i < 20; i++)
      await enqueueEffect(db, {
        shopId: SHOP,
        kind: 'klaviyo.sync_profile',
        payload: { email: `due${i}@example.com` },
        idempotencyKey: `due-${i}`,
      });
    const after = Date.now();
    expect(rowsOf<{ n: number }>(await db.execute(subMillisecond('inbox_events')))[0].n).toBe(0);
    expect(rowsOf<{ n: number }>(await db.execute(subMillisecond('outbox')))[0].n).toBe(0);
    const latest = rowsOf<{ at: string | Date }>(
      await db.execute(
        sql`select max(next_attempt_at) as at from (select next_attempt_at from inbox_events union all select next_attempt_at from outbox) x`,
      ),
    )[0].at;
    expect(new Date(latest).getTime()).toBeLessThanOrEqual(after);
  });
});
