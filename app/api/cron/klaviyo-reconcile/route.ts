import { withRoute } from '@/lib/http/with-route';
import { reconcileKlaviyoForAllShops } from '@/lib/klaviyo-sync/reconcile-all-klaviyo';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/klaviyo-reconcile – compare Klaviyo's flags with Concord's state and repair drift.
export const GET = withRoute({ auth: 'cron' }, async ({ db, config }) => reconcileKlaviyoForAllShops(db, config));
export const POST = GET;
