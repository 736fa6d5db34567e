import type { Db } from '@/lib/db/client';
import { handleAppUninstalled } from '@/lib/connections/handle-app-webhooks';
import { readShopifyHeaders } from '@/lib/integrations/shopify/verify-webhook';
import { receiveShopifyWebhook, type ReceiveResult } from './receive-shopify-webhook';

/** Stores a verified delivery in the inbox; an uninstall also stops every call for the shop now, not when the worker gets to it. */
export async function acceptShopifyWebhook(db: Db, raw: Buffer, headers: Headers, secret: string, now: Date): Promise<ReceiveResult> {
  const result = await receiveShopifyWebhook(db, raw, headers, secret);
  if (result.topic === 'app/uninstalled') {
    const h = readShopifyHeaders(headers);
    await handleAppUninstalled(db, h.shopDomain, h.triggeredAt, now);
  }
  return result;
}
