import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { revokeWidgetLinks } from '@/lib/auth/revoke-widget-links';
import { handle, HttpError } from '@/lib/http/responses';
import { readJsonBody } from '@/lib/http/read-body';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const body = z.object({ shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be a myshopify domain') });

// POST /api/admin/widget-links/revoke – end every widget link of a store issued before now.
export const POST = handle(async (req: Request) => {
  const session = await requireRole(req, 'admin');
  const { shop } = body.parse(await readJsonBody(req, 4 * 1024));
  const done = await revokeWidgetLinks(await getDb(), shop, { type: 'admin', id: session.email }, new Date());
  if (!done) throw new HttpError(404, 'unknown_shop', `Concord serves no store ${shop}.`);
  return NextResponse.json({ ok: true, msg: `Every widget link of ${shop} issued until now no longer works; Gorgias hands out new ones on the next ticket event.` });
});
