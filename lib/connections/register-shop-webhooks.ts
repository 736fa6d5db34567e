import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shopifyConnections } from '@/lib/db/schema';
import { REGISTERED_TOPICS } from '@/lib/integrations/shopify/verify-webhook';
import { registerWebhookSubscriptions, type RegisterResult } from '@/lib/integrations/shopify/webhook-subscriptions';
import { ConnectionUnavailableError } from './connection-unavailable';
import { shopifyClientForShop } from './shop-clients';
import type { TokenDeps } from './refresh-shopify-token';

const webhookUri = (config: Config) => `${config.appUrl}/api/webhooks/shopify`;

/** Subscribes the shop to every topic Concord handles; re-running repairs missing subscriptions. */
export async function registerShopWebhooks(db: Db, config: Config, shopId: string, deps: TokenDeps = {}): Promise<RegisterResult> {
  const client = await shopifyClientForShop(db, config, shopId, deps);
  if (!client) throw new ConnectionUnavailableError('shopify', shopId, `Shopify is not connected for ${shopId}.`);
  const result = await registerWebhookSubscriptions(client, webhookUri(config), REGISTERED_TOPICS);
  const now = deps.now?.() ?? new Date();
  await db
    .update(shopifyConnections)
    .set({ webhooksRegisteredAt: now, webhookTopics: [...result.existing, ...result.created].sort(), updatedAt: now })
    .where(eq(shopifyConnections.shopId, shopId));
  return result;
}
