import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { gorgiasAccounts, inboxEvents, klaviyoAccounts, shopifyConnections, shops } from '@/lib/db/schema';
import { rowsOf } from '@/lib/db/rows';
import { REGISTERED_TOPICS } from '@/lib/integrations/shopify/verify-webhook';

// What /admin/connections shows: every store with its connections, and the accounts it can link
// to. Never a secret: only whether one is stored.

export interface StoreConnectionView {
  shopId: string;
  name: string;
  shopify: null | {
    grant: string;
    status: string;
    statusReason: string | null;
    scopes: string[];
    apiVersion: string;
    accessTokenExpiresAt: Date | null;
    refreshTokenExpiresAt: Date | null;
    refreshedAt: Date | null;
    fromEnv: boolean;
  };
  todo: string | null; // what the admin should do, if anything
  webhooks: {
    registered: number;
    expected: number;
    missing: string[];
    registeredAt: Date | null;
    lastDeliveryAt: Date | null;
    failures: number;
  };
  backfill: { status: string | null; pages: number; checked: number; repaired: number; error: string | null; backfilledAt: Date | null };
  gorgiasDomain: string | null;
  gorgiasConnected: boolean;
  klaviyoAccountId: number | null;
  klaviyoLabel: string | null;
}

export interface ConnectionsOverview {
  stores: StoreConnectionView[];
  gorgiasAccounts: { id: number; domain: string; apiEmail: string; fromEnv: boolean; shops: string[] }[];
  klaviyoAccounts: { id: number; label: string; fromEnv: boolean; shops: string[] }[];
}

export async function connectionsOverview(db: Db, opts: { demoMode?: boolean } = {}): Promise<ConnectionsOverview> {
  const storeRows = await db
    .select({ shop: shops, conn: shopifyConnections })
    .from(shops)
    .leftJoin(shopifyConnections, eq(shopifyConnections.shopId, shops.id))
    .orderBy(asc(shops.createdAt), asc(shops.id));
  const deliveries = rowsOf<{ shop_id: string; last_at: Date | string | null; failures: number }>(
    await db.execute(
      sql`select shop_id, max(received_at) as last_at, count(*) filter (where status = 'failed')::int as failures from ${inboxEvents} where source = 'shopify' group by shop_id`,
    ),
  );
  const byShop = new Map(deliveries.map((d) => [d.shop_id, d]));
  const gAccounts = await db
    .select({
      id: gorgiasAccounts.id,
      domain: gorgiasAccounts.domain,
      apiEmail: gorgiasAccounts.apiEmail,
      fromEnv: gorgiasAccounts.fromEnv,
    })
    .from(gorgiasAccounts)
    .orderBy(gorgiasAccounts.domain);
  const kAccounts = await db
    .select({ id: klaviyoAccounts.id, label: klaviyoAccounts.label, fromEnv: klaviyoAccounts.fromEnv })
    .from(klaviyoAccounts)
    .orderBy(klaviyoAccounts.label);
  const envKlaviyo = kAccounts.find((k) => k.fromEnv) ?? null;
  const envGorgias = gAccounts.find((g) => g.fromEnv) ?? null;

  const stores: StoreConnectionView[] = storeRows.map(({ shop, conn }) => {
    const d = byShop.get(shop.id);
    const topics = conn?.webhookTopics ?? [];
    const klaviyo = shop.klaviyoAccountId != null ? (kAccounts.find((k) => k.id === shop.klaviyoAccountId) ?? null) : envKlaviyo;
    const gorgiasDomain = shop.gorgiasDomain ?? envGorgias?.domain ?? null;
    return {
      shopId: shop.id,
      name: shop.name,
      shopify: conn && {
        grant: conn.grant,
        status: conn.status,
        statusReason: conn.statusReason,
        scopes: conn.scopes ? conn.scopes.split(',').filter(Boolean) : [],
        apiVersion: conn.apiVersion,
        accessTokenExpiresAt: conn.accessTokenExpiresAt,
        refreshTokenExpiresAt: conn.refreshTokenExpiresAt,
        refreshedAt: conn.refreshedAt,
        fromEnv: conn.fromEnv,
      },
      todo:
        !conn && opts.demoMode
          ? 'Demo store: its orders come from the bundled demo events, and every outbound call is recorded, not sent.'
          : !conn
            ? 'Not connected to Shopify: use “Install” (or connect with a token) below.'
            : conn.status === 'uninstalled'
              ? 'The app was uninstalled from this store. Its Shopify effects wait: install the app again to resume them.'
              : conn.status === 'disconnected'
                ? `${conn.statusReason ?? 'Disconnected.'} Its Shopify effects wait until you reconnect.`
                : conn.webhooksRegisteredAt && topics.length < REGISTERED_TOPICS.length
                  ? 'Some webhook subscriptions are missing: use “Repair webhooks”.'
                  : null,
      webhooks: {
        registered: topics.length,
        expected: REGISTERED_TOPICS.length,
        missing: REGISTERED_TOPICS.filter((t) => !topics.includes(t)),
        registeredAt: conn?.webhooksRegisteredAt ?? null,
        lastDeliveryAt: d?.last_at ? new Date(d.last_at) : null,
        failures: d?.failures ?? 0,
      },
      backfill: {
        status: shop.backfillStatus,
        pages: shop.backfillProgress?.pages ?? 0,
        checked: shop.backfillProgress?.checked ?? 0,
        repaired: shop.backfillProgress?.repaired ?? 0,
        error: shop.backfillProgress?.error ?? null,
        backfilledAt: shop.backfilledAt,
      },
      gorgiasDomain,
      gorgiasConnected: gorgiasDomain !== null && gAccounts.some((g) => g.domain === gorgiasDomain),
      klaviyoAccountId: klaviyo?.id ?? null,
      klaviyoLabel: klaviyo?.label ?? null,
    };
  });
  return {
    stores,
    gorgiasAccounts: gAccounts.map((g) => ({ ...g, shops: stores.filter((s) => s.gorgiasDomain === g.domain).map((s) => s.shopId) })),
    klaviyoAccounts: kAccounts.map((k) => ({ ...k, shops: stores.filter((s) => s.klaviyoAccountId === k.id).map((s) => s.shopId) })),
  };
}
