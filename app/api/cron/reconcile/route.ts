import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { requireCronSecret } from '@/lib/cron-auth';
import { handle, HttpError } from '@/lib/http/responses';
import { shopifyAdminClientFromConfig } from '@/lib/integrations/shopify/admin-client';
import { reconcileShop } from '@/lib/reconcile-shopify';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/reconcile – repair drift between Shopify and the read model (backfill on first run).
export const GET = handle(async (req: Request) => {
  requireCronSecret(req.headers);
  const config = getConfig();
  const shopify = shopifyAdminClientFromConfig(config);
  if (!shopify || !config.env.SHOPIFY_SHOP_DOMAIN) throw new HttpError(409, 'shopify_not_connected', 'Set SHOPIFY_SHOP_DOMAIN and SHOPIFY_ADMIN_ACCESS_TOKEN to reconcile with Shopify.');
  const result = await reconcileShop(await getDb(), shopify, config.env.SHOPIFY_SHOP_DOMAIN, new Date());
  return NextResponse.json({ ok: true, ...result });
});
export const POST = GET;
