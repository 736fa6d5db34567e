import { withRoute } from '@/lib/http/with-route';
import { shopParam } from '@/lib/http/route-params';
import { AppError } from '@/lib/errors/app-error';
import { disconnectShop } from '@/lib/connections/disconnect-shop';
import { linkStoreAccounts, storeLinkBody } from '@/lib/connections/link-store-accounts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// PATCH /api/admin/stores/:shop – link the store to a Gorgias account (by domain) and a Klaviyo account.
export const PATCH = withRoute({ auth: 'admin', body: storeLinkBody, maxBodyBytes: 16 * 1024 }, async ({ params, body, caller, db }) =>
  linkStoreAccounts(db, shopParam(params.shop), body, caller.email),
);

// DELETE /api/admin/stores/:shop – disconnect the store from Shopify (its effects wait).
export const DELETE = withRoute({ auth: 'admin' }, async ({ params, caller, db, now }) => {
  const shop = shopParam(params.shop);
  if (!(await disconnectShop(db, shop, caller.email, now))) throw new AppError('unknown_shop', `${shop} has no Shopify connection.`);
  return { ok: true, msg: `${shop} is disconnected. Install the app again to reconnect.` };
});
