import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { handle } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { receiveShopifyWebhook } from '@/lib/ingest/receive-shopify-webhook';
import { kickWorker } from '@/lib/runtime/worker';
import { handleAppUninstalled } from '@/lib/connections/handle-app-webhooks';
import { readShopifyHeaders } from '@/lib/integrations/shopify/verify-webhook';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/webhooks/shopify – verify, store in the inbox, acknowledge; projection runs after.
export const POST = handle(async (req: Request) => {
  const raw = await readRawBody(req);
  const db = await getDb();
  const result = await receiveShopifyWebhook(db, raw, req.headers, getConfig().secrets.shopifyWebhook);
  // An uninstall stops every call for the shop now, not when the worker gets to the event.
  if (result.topic === 'app/uninstalled') {
    const h = readShopifyHeaders(req.headers);
    await handleAppUninstalled(db, h.shopDomain, h.triggeredAt, new Date());
  }
  if (result.stored && !result.ignored) kickWorker();
  return NextResponse.json({
    ok: true,
    duplicate: !result.stored,
    ignored: result.ignored,
    event_id: result.eventId,
  });
});
