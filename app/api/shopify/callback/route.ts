import { NextResponse } from 'next/server';
import { withRoute } from '@/lib/http/with-route';
import { completeShopifyInstall } from '@/lib/connections/install-shopify-app';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/shopify/callback – Shopify's redirect after the merchant approved the install. Public,
// but nothing happens unless the query's HMAC, the single-use state and the shop all check out.
export const GET = withRoute({ auth: 'public' }, async ({ query, db, config, now }) => {
  const { shop } = await completeShopifyInstall(db, config, query, now);
  return NextResponse.redirect(`${config.appUrl}/admin/connections?installed=${encodeURIComponent(shop)}`, 302);
});
