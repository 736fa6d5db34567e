import { withRoute } from '@/lib/http/with-route';
import { shopParam } from '@/lib/http/route-params';
import { registerStoreWebhooks } from '@/lib/connections/register-store-webhooks';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/stores/:shop/webhooks – create any missing webhook subscription (idempotent).
export const POST = withRoute({ auth: 'admin' }, async ({ params, db, config }) =>
  registerStoreWebhooks(db, config, shopParam(params.shop)),
);
