import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { connectWithClientCredentials, connectWithStaticToken } from '@/lib/connections/install-shopify-app';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.discriminatedUnion('grant', [
  z.object({ grant: z.literal('client_credentials'), shop: z.string().trim().min(1) }),
  z.object({ grant: z.literal('static'), shop: z.string().trim().min(1), accessToken: z.string().trim().min(10) }),
]);

// POST /api/admin/stores – connect a store without the OAuth redirect: a Dev Dashboard app on the
// organization's own store (client credentials) or a legacy custom app's token.
export const POST = handle(async (req: Request) => {
  const session = await requireRole(req, 'admin');
  const body = bodySchema.parse(await req.json().catch(() => ({})));
  const db = await getDb();
  const actor = { type: 'admin' as const, id: session.email };
  const r =
    body.grant === 'client_credentials'
      ? await connectWithClientCredentials(db, getConfig(), body.shop, new Date(), actor)
      : await connectWithStaticToken(db, getConfig(), body.shop, body.accessToken, new Date(), actor);
  const webhooks = 'error' in r.webhooks ? `webhook registration failed (${r.webhooks.error})` : `${r.webhooks.created.length + r.webhooks.existing.length} webhooks registered`;
  return NextResponse.json({ ok: true, shop: r.shop, msg: `Connected ${r.shop}: ${webhooks}; the 60-day backfill has started.` });
});
