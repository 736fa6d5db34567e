import { withRoute } from '@/lib/http/with-route';
import { reconcileConnectedShops } from '@/lib/shopify-sync/reconcile-connected-shops';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/reconcile – repair drift between Shopify and the read model for every connected
// store (a store's first run is its 60-day backfill, with progress on /admin/connections).
export const GET = withRoute({ auth: 'cron' }, async ({ db, config }) => reconcileConnectedShops(db, config));
export const POST = GET;
