import { eq } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { shopifyConnections, shops } from '@/lib/db/schema';
import { backfillShop } from '@/lib/connections/backfill-shop';
import { requireCronSecret } from '@/lib/auth/require-cron-secret';
import { shopifyClientForShop } from '@/lib/connections/shop-clients';
import { handle, HttpError } from '@/lib/http/responses';
import { reconcileShop } from '@/lib/shopify-sync/reconcile-shop';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/reconcile – repair drift between Shopify and the read model for every connected
// store (a store's first run is its 60-day backfill, with progress on /admin/connections).
export const GET = handle(async (req: Request) => {
  requireCronSecret(req.headers);
  const config = getConfig();
  const db = await getDb();
  const connected = await db
    .select({ shopId: shopifyConnections.shopId, backfilledAt: shops.backfilledAt })
    .from(shopifyConnections)
    .leftJoin(shops, eq(shops.id, shopifyConnections.shopId))
    .where(eq(shopifyConnections.status, 'connected'))
    .orderBy(shopifyConnections.shopId);
  if (connected.length === 0) throw new HttpError(409, 'shopify_not_connected', 'No store is connected to Shopify: add one on /admin/connections (or set SHOPIFY_SHOP_DOMAIN and SHOPIFY_ADMIN_ACCESS_TOKEN).');
  const results = [];
  for (const { shopId, backfilledAt } of connected) {
    try {
      const client = await shopifyClientForShop(db, config, shopId);
      const r = !backfilledAt ? await backfillShop(db, config, shopId, new Date()) : client ? await reconcileShop(db, client, shopId, new Date()) : null;
      results.push({ shop: shopId, ok: true, ...r });
    } catch (err) {
      results.push({ shop: shopId, ok: false, error: (err as Error).message.slice(0, 300) });
    }
  }
  return NextResponse.json({ ok: results.every((r) => r.ok), shops: results });
});
export const POST = GET;
