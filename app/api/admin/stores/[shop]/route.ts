import { shopParam } from '@/lib/http/read-body';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { writeAudit } from '@/lib/audit/write-audit';
import { disconnectShop } from '@/lib/connections/disconnect-shop';
import { linkShopAccounts } from '@/lib/connections/save-accounts';
import { handle, HttpError } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const linkSchema = z.object({
  gorgiasDomain: z.string().trim().max(200).nullable().optional().transform((v) => (v === '' ? null : v)),
  klaviyoAccountId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number), z.literal('').transform(() => null), z.null()]).optional(),
});

// PATCH /api/admin/stores/:shop – link the store to a Gorgias account (by domain) and a Klaviyo account.
export const PATCH = handle(async (req: Request, ctx: { params: Promise<{ shop: string }> }) => {
  const session = await requireRole(req, 'admin');
  const shop = shopParam((await ctx.params).shop);
  const link = linkSchema.parse(await req.json().catch(() => ({})));
  const db = await getDb();
  if (!(await linkShopAccounts(db, shop, link))) throw new HttpError(404, 'unknown_shop', `No store ${shop}.`);
  await writeAudit(db, { shopId: shop, actor: { type: 'admin', id: session.email }, action: 'connections.linked', explanation: `${session.email} linked ${shop}: ${JSON.stringify(link)}.`, after: link });
  return NextResponse.json({ ok: true, msg: `Saved the links of ${shop}.` });
});

// DELETE /api/admin/stores/:shop – disconnect the store from Shopify (its effects wait).
export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ shop: string }> }) => {
  const session = await requireRole(req, 'admin');
  const shop = shopParam((await ctx.params).shop);
  if (!(await disconnectShop(await getDb(), shop, session.email, new Date()))) throw new HttpError(404, 'unknown_shop', `${shop} has no Shopify connection.`);
  return NextResponse.json({ ok: true, msg: `${shop} is disconnected. Install the app again to reconnect.` });
});
