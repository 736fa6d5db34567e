import { shopParam } from '@/lib/http/read-body';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { SHOP_SYSTEMS, testShopConnection } from '@/lib/connections/test-shop-connection';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/stores/:shop/test?system=shopify|gorgias|klaviyo – one read-only call with the store's credentials.
export const POST = handle(async (req: Request, ctx: { params: Promise<{ shop: string }> }) => {
  await requireRole(req, 'admin');
  const shop = shopParam((await ctx.params).shop);
  const system = z.enum(SHOP_SYSTEMS).parse(new URL(req.url).searchParams.get('system') ?? 'shopify');
  return NextResponse.json(await testShopConnection(await getDb(), getConfig(), shop, system));
});
