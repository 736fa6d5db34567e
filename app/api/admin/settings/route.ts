import { withRoute } from '@/lib/http/with-route';
import { loadShopSettings, settingsBody, settingsQuery, updateShopSettings } from '@/lib/settings/update-shop-settings';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/admin/settings?shop=… – the store's current settings and version.
export const GET = withRoute({ auth: 'admin', query: settingsQuery }, async ({ query, db }) => loadShopSettings(db, query.shop));

// PUT /api/admin/settings – save a new version (validated; the change is audited with before/after).
export const PUT = withRoute({ auth: 'admin', body: settingsBody, maxBodyBytes: 64 * 1024 }, async ({ body, caller, db }) =>
  updateShopSettings(db, body.shop, body.settings, { type: 'admin', id: caller.email }),
);
