// Dev check: how fast projection drains a backlog of signed orders/create on PostgreSQL, in-process.
// npx tsx --conditions=react-server scripts/dev/drain-speed.ts [events] [workers] [batch]
import { sql } from 'drizzle-orm';
import { migrateDb, openDb } from '../../lib/db/client';
import { drainInbox } from '../../lib/ingest/process-inbox';
import { receiveShopifyWebhook } from '../../lib/ingest/receive-shopify-webhook';
import { signShopifyBody } from '../../lib/integrations/shopify/verify-webhook';

const [n = 2000, workers = 2, batch = 50] = process.argv.slice(2).map(Number);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/concord_h8';
const h = await openDb({ driver: 'pg', url, poolSize: 10 });
await h.db.execute(sql.raw('drop schema if exists drain_speed cascade; create schema drain_speed'));
await h.close();
const db = await openDb({ driver: 'pg', url, poolSize: 10, searchPath: 'drain_speed' });
await migrateDb(db, { migrationsSchema: 'drain_speed' });
const secret = 's';
const t0 = Date.now();
await Promise.all(
  Array.from({ length: n }, async (_, k) => {
    const body = JSON.stringify({
      id: 6000000000000 + k,
      name: `#${k}`,
      order_number: k,
      email: `c${k % 1000}@x.test`,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      financial_status: 'paid',
      currency: 'USD',
      total_price: '1.00',
      line_items: [{ id: k, title: 'T', sku: 'T', quantity: 1, price: '1.00' }],
      customer: { id: 7000 + (k % 1000), email: `c${k % 1000}@x.test` },
    });
    await receiveShopifyWebhook(
      db.db,
      Buffer.from(body),
      new Headers({
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': 'd.myshopify.com',
        'x-shopify-event-id': `e${k}`,
        'x-shopify-hmac-sha256': signShopifyBody(body, secret),
      }),
      secret,
    );
  }),
);
console.log(`ingested ${n} in ${Date.now() - t0} ms`);
const t1 = Date.now();
const cpu0 = process.cpuUsage();
const done = await Promise.all(Array.from({ length: workers }, () => drainInbox(db.db, 1e9, undefined, { max: batch })));
const cpu = process.cpuUsage(cpu0);
const secs = (Date.now() - t1) / 1000;
console.log(
  `drained ${done.reduce((a, b) => a + b, 0)} with ${workers} workers, batch ${batch}: ${secs.toFixed(1)} s, ${(n / secs).toFixed(0)} events/s; node cpu ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms/event`,
);
await db.db.execute(sql.raw('drop schema drain_speed cascade'));
await db.close();
