import { afterAll, beforeAll } from 'vitest';
import { resetConfigForTests, loadConfig, type Config } from '@/lib/runtime/config';
import { setDbHandleForTests } from '@/lib/db';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { createTestDb } from './db';

/**
 * Sessions are checked against the users table (the user must exist, keep the role and not have
 * logged out), so the ids that test sessions use exist: 1 is an admin, 2 a lead. Their password
 * hash is not a valid hash, so nobody signs in as them.
 */
export const TEST_USERS = {
  admin: { id: 1, email: 'admin@concord.test', role: 'admin' as const },
  lead: { id: 2, email: 'lead@concord.test', role: 'lead' as const },
};
async function seedTestUsers(db: Db): Promise<void> {
  await db
    .insert(users)
    .values(Object.values(TEST_USERS).map((u) => ({ ...u, passwordHash: 'unusable' })))
    .onConflictDoNothing();
  await db.execute(sql`select setval(pg_get_serial_sequence('users', 'id'), 100)`);
}

export const TEST_SECRETS = {
  SHOPIFY_API_SECRET: 'test-shopify-secret',
  GORGIAS_INTEGRATION_SECRET: 'test-gorgias-secret',
  SESSION_SECRET: 'test-session-secret-0123456789abcdef0123456789',
  CRON_SECRET: 'test-cron-secret',
};

export type TestApp = Awaited<ReturnType<typeof createTestDb>> & { config: Config };

/**
 * A test file's app: its own database behind the route handlers, demo-less config with known
 * secrets, no outside credentials (so outbound effects are recorded, not sent).
 */
export function useTestApp(extraEnv: Record<string, string> = {}): { get: () => TestApp } {
  let app: TestApp | null = null;
  beforeAll(async () => {
    const env = { ...TEST_SECRETS, DEMO_MODE: 'off', CONCORD_WORKER: 'off', APP_URL: 'http://concord.test', ...extraEnv };
    for (const [k, v] of Object.entries(env)) process.env[k] = v;
    for (const k of [
      'SHOPIFY_SHOP_DOMAIN',
      'SHOPIFY_ADMIN_ACCESS_TOKEN',
      'GORGIAS_DOMAIN',
      'GORGIAS_API_EMAIL',
      'GORGIAS_API_KEY',
      'KLAVIYO_API_KEY',
      'OPENAI_API_KEY',
    ]) {
      if (!(k in extraEnv)) delete process.env[k];
    }
    resetConfigForTests();
    const db = await createTestDb();
    await seedTestUsers(db.db);
    setDbHandleForTests(db);
    app = { ...db, config: loadConfig({ ...process.env, DATABASE_URL: undefined }) };
  });
  afterAll(async () => {
    setDbHandleForTests(null);
    await app?.close();
  });
  return {
    get: () => {
      if (!app) throw new Error('test app not ready');
      return app;
    },
  };
}

export function shopifyRequest(
  body: string | Buffer,
  opts: {
    topic: string;
    shop?: string;
    eventId?: string | null;
    webhookId?: string;
    triggeredAt?: string;
    secret?: string;
    hmac?: string | null;
  },
): Request {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': opts.topic,
    'x-shopify-shop-domain': opts.shop ?? 'acme.myshopify.com',
    'x-shopify-api-version': '2026-10',
  };
  if (opts.eventId !== null) headers['x-shopify-event-id'] = opts.eventId ?? `evt-${Math.random().toString(36).slice(2)}`;
  if (opts.webhookId) headers['x-shopify-webhook-id'] = opts.webhookId;
  if (opts.triggeredAt) headers['x-shopify-triggered-at'] = opts.triggeredAt;
  const hmac = opts.hmac === undefined ? signShopifyBody(raw, opts.secret ?? TEST_SECRETS.SHOPIFY_API_SECRET) : opts.hmac;
  if (hmac !== null) headers['x-shopify-hmac-sha256'] = hmac;
  return new Request('http://concord.test/api/webhooks/shopify', { method: 'POST', headers, body: new Uint8Array(raw) });
}
