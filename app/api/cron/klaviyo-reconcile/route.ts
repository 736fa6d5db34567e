import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { shops } from '@/lib/db/schema';
import { requireCronSecret } from '@/lib/cron-auth';
import { handle, HttpError } from '@/lib/http/responses';
import { klaviyoClientFromConfig } from '@/lib/integrations/klaviyo/client';
import { reconcileKlaviyo } from '@/lib/reconcile-klaviyo';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/klaviyo-reconcile – compare Klaviyo's flags with Concord's state and repair drift.
export const GET = handle(async (req: Request) => {
  requireCronSecret(req.headers);
  const klaviyo = klaviyoClientFromConfig(getConfig());
  if (!klaviyo) throw new HttpError(409, 'klaviyo_not_connected', 'Set KLAVIYO_API_KEY to reconcile with Klaviyo.');
  const db = await getDb();
  const results = [];
  for (const shop of await db.select({ id: shops.id }).from(shops)) {
    const r = await reconcileKlaviyo(db, klaviyo, shop.id, new Date());
    results.push({ shop: shop.id, checked: r.checked, inSync: r.inSync, drift: r.drift.length, repaired: r.repaired, stillFlaggedAfterResolution: r.stillFlaggedAfterResolution });
  }
  return NextResponse.json({ ok: true, shops: results });
});
export const POST = GET;
