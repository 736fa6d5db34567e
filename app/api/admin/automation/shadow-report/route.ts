import { withRoute } from '@/lib/http/with-route';
import { AppError } from '@/lib/errors/app-error';
import { shadowReport } from '@/lib/automation/shadow-report';
import { loadShopChoices, pickShop } from '@/lib/admin/load-shop-choices';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/admin/automation/shadow-report?shop= – per intent, what the automation would have done in shadow mode and what a person later did (admin).
export const GET = withRoute({ auth: 'admin' }, async ({ query, db }) => {
  const shopId = pickShop(await loadShopChoices(db), query.get('shop') ?? undefined);
  if (!shopId) throw new AppError('no_store', 'No store is connected yet.');
  return { shop: shopId, intents: await shadowReport(db, shopId) };
});
