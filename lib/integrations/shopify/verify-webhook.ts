import crypto from 'node:crypto';

// base64(HMAC-SHA256(raw body, app secret)) compared in constant time, on the raw bytes only:
// re-serialised JSON would not match. Same algorithm as @shopify/shopify-api's hmac-validator.
export function verifyShopifyHmac(raw: Buffer, hmacHeader: string | null, secret: string): boolean {
  if (!hmacHeader) return false;
  const digest = crypto.createHmac('sha256', secret).update(raw).digest();
  const received = Buffer.from(hmacHeader, 'base64');
  return received.length === digest.length && crypto.timingSafeEqual(digest, received);
}

export function signShopifyBody(raw: Buffer | string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(raw).digest('base64');
}

export interface ShopifyWebhookHeaders {
  topic: string;
  shopDomain: string;
  eventId: string | null;
  webhookId: string | null;
  triggeredAt: Date | null;
  apiVersion: string | null;
}

export function readShopifyHeaders(headers: Headers): ShopifyWebhookHeaders {
  const triggered = headers.get('x-shopify-triggered-at');
  const triggeredAt = triggered ? new Date(triggered) : null;
  return {
    topic: (headers.get('x-shopify-topic') ?? '').trim(),
    shopDomain: (headers.get('x-shopify-shop-domain') ?? '').trim().toLowerCase(),
    eventId: headers.get('x-shopify-event-id')?.trim() || null,
    webhookId: headers.get('x-shopify-webhook-id')?.trim() || null,
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
    apiVersion: headers.get('x-shopify-api-version'),
  };
}

export const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'fulfillments/create',
  'fulfillments/update',
  'fulfillment_events/create',
  'refunds/create',
  'returns/request',
  'returns/approve',
  'returns/decline',
  'returns/close',
  'returns/cancel',
  'returns/reopen',
  'customers/create',
  'customers/update',
  'customers/data_request',
  'customers/redact',
  'shop/redact',
  'app/uninstalled',
  'app/scopes_update',
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

// Privacy topics are subscribed in the app's configuration (Dev Dashboard or shopify.app.toml), never
// through the API: "shop-specific subscriptions by the GraphQL Admin API" cover non-compliance
// topics only (shopify.dev webhooks reference, "Creating subscriptions using GraphQL Admin API").
const COMPLIANCE_TOPICS = ['customers/data_request', 'customers/redact', 'shop/redact'] as const;
/** What Concord subscribes each shop to at install (webhookSubscriptionCreate). */
export const REGISTERED_TOPICS: readonly string[] = SHOPIFY_TOPICS.filter((t) => !(COMPLIANCE_TOPICS as readonly string[]).includes(t));

export function isShopifyTopic(topic: string): topic is ShopifyTopic {
  return (SHOPIFY_TOPICS as readonly string[]).includes(topic);
}
