import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { shops } from '@/lib/db/schema';
import { requireCronSecret } from '@/lib/auth/require-cron-secret';
import { handle, HttpError } from '@/lib/http/responses';
import { klaviyoClientFromConfig } from '@/lib/integrations/klaviyo/client';
import { reconcileKlaviyo } from '@/lib/klaviyo-sync/reconcile-klaviyo';
import { klaviyoClientForShop } from '@/lib/connections/shop-clients';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/klaviyo-reconcile – compare Klaviyo's flags with Concord's state and repair drift.
export const GET = handle(async (req: Request) => {
  requireCronSecret(req.headers);
  const config = getConfig();
  const envKlaviyo = config.demoMode ? null : klaviyoClientFromConfig(config);
  const db = await getDb();
  const results = [];
  // Each store against its own Klaviyo account (the environment's for stores with none linked).
  for (const shop of await db.select({ id: shops.id }).from(shops)) {
    const klaviyo = (config.demoMode ? null : await klaviyoClientForShop(db, config, shop.id)) ?? envKlaviyo;
    if (!klaviyo) continue;
    const r = await reconcileKlaviyo(db, klaviyo, shop.id, new Date());
    results.push({ shop: shop.id, checked: r.checked, inSync: r.inSync, drift: r.drift.length, repaired: r.repaired, stillFlaggedAfterResolution: r.stillFlaggedAfterResolution });
  }
  if (results.length === 0) throw new HttpError(409, 'klaviyo_not_connected', 'No store has a Klaviyo account: add one on /admin/connections (or set KLAVIYO_API_KEY).');
  return NextResponse.json({ ok: true, shops: results });
});
export const POST = GET;
