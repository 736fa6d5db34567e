import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { completeShopifyInstall } from '@/lib/connections/install-shopify-app';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/shopify/callback – Shopify's redirect after the merchant approved the install. Public,
// but nothing happens unless the query's HMAC, the single-use state and the shop all check out.
export const GET = handle(async (req: Request) => {
  const config = getConfig();
  const { shop } = await completeShopifyInstall(await getDb(), config, new URL(req.url).searchParams, new Date());
  return NextResponse.redirect(`${config.appUrl}/admin/connections?installed=${encodeURIComponent(shop)}`, 302);
});
