import { shopParam } from '@/lib/http/read-body';
import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { ConnectionUnavailableError } from '@/lib/connections/connection-unavailable';
import { registerShopWebhooks } from '@/lib/connections/register-shop-webhooks';
import { handle, HttpError } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/stores/:shop/webhooks – create any missing webhook subscription (idempotent).
export const POST = handle(async (req: Request, ctx: { params: Promise<{ shop: string }> }) => {
  await requireRole(req, 'admin');
  const shop = shopParam((await ctx.params).shop);
  try {
    const r = await registerShopWebhooks(await getDb(), getConfig(), shop);
    return NextResponse.json({ ok: r.failed.length === 0, ...r, msg: `${r.created.length} created, ${r.existing.length} already there${r.failed.length ? `, ${r.failed.length} failed: ${r.failed.map((f) => `${f.topic} (${f.message})`).join('; ')}` : ''}.` });
  } catch (err) {
    if (err instanceof ConnectionUnavailableError) throw new HttpError(409, 'not_connected', err.message);
    throw err;
  }
});
