import { ConfigError, getConfig } from '@/lib/config';
import { getDbHandle } from '@/lib/db';
import { drainInbox } from '@/lib/inbox/process-inbox';
import { seedDemo } from '@/lib/demo/seed-demo';
import { ensureShop, linkUnlinkedShop } from '@/lib/shops';
import { startWorker } from '@/lib/worker';
import { widgetUrl } from '@/lib/auth/widget-link';
import { DEMO_SHOP } from '@/lib/demo/demo-events';
import { eq } from 'drizzle-orm';
import { shops } from '@/lib/db/schema';
import { shopifyAdminClientFromConfig } from '@/lib/integrations/shopify/admin-client';
import { reconcileShop } from '@/lib/reconcile-shopify';
import { DEMO_PASSWORD, DEMO_USERS, ensureUser, removeDemoUsers } from '@/lib/users';

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
    const seeded = await seedDemo(handle.db, config, now);
    const projected = await drainInbox(handle.db);
    console.log(
      seeded.fed > 0
        ? `[concord] demo mode: fed ${seeded.fed} demo events through ingestion (${seeded.duplicates} already present), projected ${projected}`
        : `[concord] demo mode: demo data already present (seeded ${seeded.seededAt}); nothing fed`,
    );
    showcaseTicket = seeded.showcaseTicketId;
  } else if (config.env.SHOPIFY_SHOP_DOMAIN) {
    await ensureShop(handle.db, { id: config.env.SHOPIFY_SHOP_DOMAIN, name: config.env.SHOPIFY_SHOP_DOMAIN, gorgiasDomain: config.env.GORGIAS_DOMAIN ?? null });
    // A store connected before accounts were walls may have no helpdesk yet: GORGIAS_DOMAIN names it.
    if (config.env.GORGIAS_DOMAIN) await linkUnlinkedShop(handle.db, config.env.SHOPIFY_SHOP_DOMAIN, config.env.GORGIAS_DOMAIN);
    else console.warn('[concord] GORGIAS_DOMAIN is not set: no helpdesk is linked to this store, so the Gorgias sidebar shows nothing. Set it to your Gorgias subdomain (acme for acme.gorgias.com).');
  }
  // The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD; demo mode adds two demo accounts.
  if (config.env.ADMIN_EMAIL && config.env.ADMIN_PASSWORD) {
    if (await ensureUser(handle.db, { email: config.env.ADMIN_EMAIL, password: config.env.ADMIN_PASSWORD, role: 'admin' })) console.log(`[concord] created admin ${config.env.ADMIN_EMAIL}`);
  }
  if (config.demoMode) for (const u of DEMO_USERS) await ensureUser(handle.db, { ...u, password: DEMO_PASSWORD });
  else {
    const removed = await removeDemoUsers(handle.db);
    if (removed > 0) console.log(`[concord] removed ${removed} demo account(s): they only exist in demo mode`);
  }
  if (config.env.CONCORD_WORKER === 'on') startWorker();
  // First connect: backfill the store's recent orders in the background (the first reconciliation).
  const shopify = shopifyAdminClientFromConfig(config);
  if (shopify && config.env.SHOPIFY_SHOP_DOMAIN) {
    const [shop] = await handle.db.select({ backfilledAt: shops.backfilledAt }).from(shops).where(eq(shops.id, config.env.SHOPIFY_SHOP_DOMAIN));
    if (!shop?.backfilledAt) {
      void reconcileShop(handle.db, shopify, config.env.SHOPIFY_SHOP_DOMAIN, new Date()).then(
        (r) => console.log(`[concord] backfilled ${r.checked} recent orders from Shopify`),
        (err) => console.error('[concord] backfill failed; /api/cron/reconcile retries it:', (err as Error).message),
      );
    }
  }
  const url = config.appUrl;
  const lines = [
    '',
    `  Concord is ready (${Date.now() - started} ms)${config.demoMode ? ' — demo mode: outbound calls are recorded, not sent' : ''}`,
    `  Ticket view (demo inbox) : ${url}/`,
    showcaseTicket ? `  Widget for a demo ticket: ${widgetUrl(url, { ticketId: showcaseTicket, shopId: DEMO_SHOP.domain, agent: null }, config.secrets.session, now)}` : null,
    `  Admin                    : ${url}/admin${config.demoMode ? `  (sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD})` : ''}`,
    `  Health                   : ${url}/api/health`,
    '',
  ].filter((l): l is string => l !== null);
  console.log(lines.join('\n'));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Demo data and demo logins are public knowledge: say so loudly when others can reach them. */
function warnIfExposed(host: string): void {
  if (LOOPBACK.test(host)) return;
  const bar = '!'.repeat(78);
  console.warn(
    [
      bar,
      `!! DEMO MODE on an address other machines can reach (${host}).`,
      '!! Anyone who can reach this server can sign in with the published demo accounts.',
      '!! Bind to 127.0.0.1 (HOST=127.0.0.1 npm start) or configure production secrets (see .env.example).',
      bar,
    ].join('\n'),
  );
}
