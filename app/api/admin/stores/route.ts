import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { connectWithClientCredentials, connectWithStaticToken } from '@/lib/connections/install-shopify-app';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.discriminatedUnion('grant', [
  z.object({ grant: z.literal('client_credentials'), shop: z.string().trim().min(1) }),
  z.object({ grant: z.literal('static'), shop: z.string().trim().min(1), accessToken: z.string().trim().min(10) }),
]);

// POST /api/admin/stores – connect a store without the OAuth redirect: a Dev Dashboard app on the
// organization's own store (client credentials) or a legacy custom app's token.
export const POST = withRoute({ auth: 'admin', body: bodySchema, maxBodyBytes: 16 * 1024 }, async ({ body, caller, db, config, now }) => {
  const actor = { type: 'admin' as const, id: caller.email };
  const r =
    body.grant === 'client_credentials'
      ? await connectWithClientCredentials(db, config, body.shop, now, actor)
      : await connectWithStaticToken(db, config, body.shop, body.accessToken, now, actor);
  const webhooks =
    'error' in r.webhooks
      ? `webhook registration failed (${r.webhooks.error})`
      : `${r.webhooks.created.length + r.webhooks.existing.length} webhooks registered`;
  return { ok: true, shop: r.shop, msg: `Connected ${r.shop}: ${webhooks}; the 60-day backfill has started.` };
});
