import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { AppError } from '@/lib/errors/app-error';
import { revokeWidgetLinks } from '@/lib/auth/revoke-widget-links';
import { shopDomain } from '@/lib/integrations/shopify/shop-domain';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/widget-links/revoke – end every widget link of a store issued before now.
export const POST = withRoute(
  { auth: 'admin', body: z.object({ shop: shopDomain }), maxBodyBytes: 4 * 1024 },
  async ({ body: { shop }, caller, db, now }) => {
    const done = await revokeWidgetLinks(db, shop, { type: 'admin', id: caller.email }, now);
    if (!done) throw new AppError('unknown_shop', `Concord serves no store ${shop}.`);
    return {
      ok: true,
      msg: `Every widget link of ${shop} issued until now no longer works; Gorgias hands out new ones on the next ticket event.`,
    };
  },
);
