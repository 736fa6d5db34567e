import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { beginShopifyInstall } from '@/lib/connections/install-shopify-app';
import { handle } from '@/lib/http/responses';
import { verifyOAuthQuery } from '@/lib/integrations/shopify/oauth';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/shopify/install?shop=acme.myshopify.com – redirect to the shop's authorize page.
// Started by an admin (the "Add a store" link) or by Shopify itself (the app's install link, whose
// query Shopify signs); anyone else is refused.
export const GET = handle(async (req: Request) => {
  const config = getConfig();
  const now = new Date();
  const params = new URL(req.url).searchParams;
  const fromShopify = params.has('hmac') && verifyOAuthQuery(params, config.secrets.shopifyWebhook, now).ok;
  if (!fromShopify) await requireRole(req, 'admin');
  const location = await beginShopifyInstall(await getDb(), config, params.get('shop'), now);
  return NextResponse.redirect(location, 302);
});
