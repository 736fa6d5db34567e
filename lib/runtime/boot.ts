import { ConfigError, getConfig } from '@/lib/runtime/config';
import { warnIfExposed } from '@/lib/runtime/warn-if-exposed';
import { getDbHandle } from '@/lib/db';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { seedDemo } from '@/lib/demo/seed-demo';
import { seedDemoConnections } from '@/lib/demo/demo-stores';
import { ensureShop } from '@/lib/connections/shops';
import { startWorker } from '@/lib/runtime/worker';
import { widgetUrl } from '@/lib/auth/widget-link';
import { DEMO_SHOP } from '@/lib/demo/demo-events';
import { eq } from 'drizzle-orm';
import { shops } from '@/lib/db/schema';
import { seedEnvConnections } from '@/lib/connections/seed-env-connections';
import { startShopBackfill } from '@/lib/connections/backfill-shop';
import { DEMO_PASSWORD, DEMO_USERS, ensureUser, removeDemoUsers } from '@/lib/auth/users';

// Server start-up: validate config, open and migrate the database, seed the demo, start the
// worker, and tell the newcomer where to look.
export async function boot(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  console.log(`[concord] ${config.demoMode ? 'DEMO MODE' : 'production mode'}: ${config.demoReason}`);
  if (config.demoMode) warnIfExposed(process.env.CONCORD_BIND_HOST ?? process.env.HOSTNAME ?? '0.0.0.0');
  const handle = await getDbHandle();
  console.log(`[concord] database: ${handle.driver}${handle.driver === 'pglite' ? ` (${config.dataDir}/pglite)` : ''}, migrations applied`);
  const now = new Date();
  let showcaseTicket: string | null = null;
  if (config.demoMode) {
    await ensureShop(handle.db, { id: DEMO_SHOP.domain, name: DEMO_SHOP.name, gorgiasDomain: DEMO_SHOP.gorgiasDomain });
    await seedDemoConnections(handle.db, config);
    const seeded = await seedDemo(handle.db, config, now);
    const projected = await drainInbox(handle.db);
    console.log(
      seeded.fed > 0
        ? `[concord] demo mode: fed ${seeded.fed} demo events through ingestion (${seeded.duplicates} already present), projected ${projected}`
        : `[concord] demo mode: demo data already present (seeded ${seeded.seededAt}); nothing fed`,
    );
    showcaseTicket = seeded.showcaseTicketId;
  }
  // Environment credentials seed one connection of each kind (never overwriting one made in the app).
  const seededConnections = await seedEnvConnections(handle.db, config, now);
  if (seededConnections.length > 0) console.log(`[concord] connections from the environment: ${seededConnections.join(', ')}`);
  if (config.encryption.derived && !config.demoMode) {
    console.warn(
      '[concord] CONCORD_ENCRYPTION_KEY is not set: connection secrets are encrypted with a key derived from SESSION_SECRET. Set CONCORD_ENCRYPTION_KEY (openssl rand -base64 32) and run `npm run -s rotate-secrets`.',
    );
  }
  // The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD; demo mode adds two demo accounts.
  if (config.env.ADMIN_EMAIL && config.env.ADMIN_PASSWORD) {
    if (await ensureUser(handle.db, { email: config.env.ADMIN_EMAIL, password: config.env.ADMIN_PASSWORD, role: 'admin' }))
      console.log(`[concord] created admin ${config.env.ADMIN_EMAIL}`);
  }
  if (config.demoMode) for (const u of DEMO_USERS) await ensureUser(handle.db, { ...u, password: DEMO_PASSWORD });
  else {
    const removed = await removeDemoUsers(handle.db);
    if (removed > 0) console.log(`[concord] removed ${removed} demo account(s): they only exist in demo mode`);
  }
  if (config.env.CONCORD_WORKER === 'on') startWorker();
  // First connect: backfill the store's recent orders in the background (the first reconciliation).
  if (!config.demoMode && config.env.SHOPIFY_SHOP_DOMAIN && config.env.SHOPIFY_ADMIN_ACCESS_TOKEN) {
    const [shop] = await handle.db
      .select({ backfilledAt: shops.backfilledAt })
      .from(shops)
      .where(eq(shops.id, config.env.SHOPIFY_SHOP_DOMAIN));
    if (!shop?.backfilledAt) void startShopBackfill(handle.db, config, config.env.SHOPIFY_SHOP_DOMAIN, new Date());
  }
  const url = config.appUrl;
  const lines = [
    '',
    `  Concord is ready (${Date.now() - started} ms)${config.demoMode ? ' — demo mode: outbound calls are recorded, not sent' : ''}`,
    `  Ticket view (demo inbox) : ${url}/`,
    showcaseTicket
      ? `  Widget for a demo ticket: ${widgetUrl(url, { ticketId: showcaseTicket, shopId: DEMO_SHOP.domain, agent: null }, config.secrets.session, now)}`
      : null,
    `  Admin                    : ${url}/admin${config.demoMode ? `  (sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD})` : ''}`,
    `  Health                   : ${url}/api/health`,
    '',
  ].filter((l): l is string => l !== null);
  console.log(lines.join('\n'));
}
