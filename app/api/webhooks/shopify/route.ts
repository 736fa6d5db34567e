import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { handle } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { receiveShopifyWebhook } from '@/lib/receive-shopify-webhook';
import { kickWorker } from '@/lib/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/webhooks/shopify – verify, store in the inbox, acknowledge; projection runs after.
export const POST = handle(async (req: Request) => {
  const raw = await readRawBody(req);
  const result = await receiveShopifyWebhook(await getDb(), raw, req.headers, getConfig().secrets.shopifyWebhook);
  if (result.stored && !result.ignored) kickWorker();
  return NextResponse.json({
    ok: true,
    duplicate: !result.stored,
    ignored: result.ignored,
    event_id: result.eventId,
  });
});
