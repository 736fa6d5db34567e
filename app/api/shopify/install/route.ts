import { NextResponse } from 'next/server';
import { withRoute } from '@/lib/http/with-route';
import { beginShopifyInstall } from '@/lib/connections/install-shopify-app';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/shopify/install?shop=acme.myshopify.com – redirect to the shop's authorize page.
// Started by an admin (the "Add a store" link) or by Shopify itself (the app's install link, whose
// query Shopify signs); anyone else is refused.
export const GET = withRoute({ auth: 'admin-or-shopify-link' }, async ({ query, db, config, now }) => {
  const location = await beginShopifyInstall(db, config, query.get('shop'), now);
  return NextResponse.redirect(location, 302);
});
