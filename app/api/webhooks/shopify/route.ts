import { withRoute } from '@/lib/http/with-route';
import { acceptShopifyWebhook } from '@/lib/ingest/accept-shopify-webhook';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/webhooks/shopify – verify, store in the inbox, acknowledge; projection runs after.
// The HMAC covers the raw bytes, so the body is read raw (2 MB at most).
export const POST = withRoute({ auth: 'shopify-hmac', body: 'raw' }, async ({ req, body, db, config, now }) => {
  const result = await acceptShopifyWebhook(db, body, req.headers, config.secrets.shopifyWebhook, now);
  if (result.stored && !result.ignored) kickWorker();
  return { ok: true, duplicate: !result.stored, ignored: result.ignored, event_id: result.eventId };
});
