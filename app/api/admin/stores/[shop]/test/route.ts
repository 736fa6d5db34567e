import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { shopParam } from '@/lib/http/route-params';
import { SHOP_SYSTEMS, testShopConnection } from '@/lib/connections/test-shop-connection';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/stores/:shop/test?system=shopify|gorgias|klaviyo – one read-only call with the store's credentials.
export const POST = withRoute({ auth: 'admin' }, async ({ params, query, db, config }) => {
  const shop = shopParam(params.shop);
  const system = z.enum(SHOP_SYSTEMS).parse(query.get('system') ?? 'shopify');
  return testShopConnection(db, config, shop, system);
});
