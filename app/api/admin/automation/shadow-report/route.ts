import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { shadowReport } from '@/lib/automation/shadow-report';
import { handle, HttpError } from '@/lib/http/responses';
import { loadShopChoices, pickShop } from '@/lib/admin/load-shop-choices';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/admin/automation/shadow-report?shop= – per intent, what the automation would have done in shadow mode and what a person later did (admin).
export const GET = handle(async (req: Request) => {
  await requireRole(req, 'admin');
  const db = await getDb();
  const shopId = pickShop(await loadShopChoices(db), new URL(req.url).searchParams.get('shop') ?? undefined);
  if (!shopId) throw new HttpError(409, 'no_store', 'No store is connected yet.');
  return NextResponse.json({ shop: shopId, intents: await shadowReport(db, shopId) });
});
