import { withRoute } from '@/lib/http/with-route';
import { simulateBody, simulateShopScenario } from '@/lib/admin/simulate-shop-scenario';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/policy-simulate – run one scenario with the store's saved settings.
export const POST = withRoute({ auth: 'admin', body: simulateBody, maxBodyBytes: 256 * 1024 }, async ({ body, db }) =>
  simulateShopScenario(db, body),
);
