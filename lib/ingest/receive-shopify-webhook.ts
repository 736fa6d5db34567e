import { batcherPerDb } from '@/lib/db/batcher';
import type { Db } from '@/lib/db/client';
import { inboxEvents } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '@/lib/audit/write-audit';
import { shopifyPartition } from '@/lib/ingest/partition-key';
import { isShopDomain } from '@/lib/integrations/shopify/shop-domain';
import { isShopifyTopic, readShopifyHeaders, verifyShopifyHmac } from '@/lib/integrations/shopify/verify-webhook';

export interface ReceiveResult {
  stored: boolean; // false for a duplicate delivery
  eventId: string;
  topic: string;
  ignored: boolean; // a topic Concord does not project
}

// Shopify retries a failed delivery 8 times over 4 hours (shared/docs/shopify.md, confirmed in the
// "Updates to webhook retry mechanism" changelog). One more hour covers clock skew between Shopify
// and us and time spent queued on our side.
const STALE_DELIVERY_MS = 5 * 3600_000;

// The HMAC covers the body only; topic and shop domain are headers an attacker can change on a
// captured body. For the topics that erase data, the body must name the same shop as the header.
const PRIVACY_TOPICS = new Set(['customers/data_request', 'customers/redact', 'shop/redact']);

async function requireSameShopInBody(db: Db, topic: string, headerShop: string, body: Record<string, unknown>): Promise<void> {
  const bodyShop = typeof body.shop_domain === 'string' ? body.shop_domain.trim().toLowerCase() : null;
  if (bodyShop === headerShop) return;
  await writeAudit(db, {
    shopId: headerShop,
    actor: { type: 'system', id: 'shopify-webhook' },
    action: 'privacy.refused',
    explanation: `Refused a ${topic} delivery: the header names ${headerShop} but the signed body names ${bodyShop ?? 'no shop'}. Nothing was erased or stored.`,
    after: { topic, headerShop, bodyShop },
  });
  throw new AppError('shop_mismatch', `A ${topic} body must name the same shop_domain as X-Shopify-Shop-Domain; nothing was stored.`);
}

/**
 * Verifies a Shopify webhook and commits it to the inbox. Only after this returns may the route
 * answer 2xx: projection happens later, from the inbox, so an acknowledged event is never lost.
 */
export async function receiveShopifyWebhook(
  db: Db,
  raw: Buffer,
  headers: Headers,
  secret: string,
  now = new Date(),
): Promise<ReceiveResult> {
  if (!verifyShopifyHmac(raw, headers.get('x-shopify-hmac-sha256'), secret)) {
    throw new AppError(
      'invalid_signature',
      'X-Shopify-Hmac-Sha256 is missing or does not match the body. Check that SHOPIFY_API_SECRET is the app’s client secret.',
    );
  }
  const h = readShopifyHeaders(headers);
  if (!h.topic) throw new AppError('missing_topic', 'X-Shopify-Topic header is missing.');
  if (!isShopDomain(h.shopDomain)) throw new AppError('invalid_shop', 'X-Shopify-Shop-Domain must be a myshopify.com domain.');
  // Shopify's dedupe key is the event id; older deliveries may only carry the webhook id.
  const eventId = h.eventId ?? h.webhookId;
  if (!eventId) throw new AppError('missing_event_id', 'X-Shopify-Event-Id (or X-Shopify-Webhook-Id) header is missing.');
  const text = raw.toString('utf8');
  if (text.includes('\u0000')) throw new AppError('invalid_body', 'The body contains NUL bytes; nothing was stored.');
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    throw new AppError('invalid_json', 'The body is not a complete JSON object; nothing was stored.');
  }
  const ignored = !isShopifyTopic(h.topic);
  if (PRIVACY_TOPICS.has(h.topic)) await requireSameShopInBody(db, h.topic, h.shopDomain, parsed);
  // A delivery older than Shopify's retry horizon is not a retry Shopify would send: a replay. It is
  // kept for the record, never projected; reconciliation re-reads the state it was about.
  const stale = !ignored && h.triggeredAt !== null && now.getTime() - h.triggeredAt.getTime() > STALE_DELIVERY_MS;
  const stored = await inboxWriterFor(db)({
    source: 'shopify',
    shopId: h.shopDomain,
    topic: h.topic,
    eventId,
    webhookId: h.webhookId,
    triggeredAt: h.triggeredAt,
    apiVersion: h.apiVersion,
    body: text,
    // Due now by this process's wall clock, the one the projection's claim compares with: the
    // database's now() has microseconds, so an event it stamped could wait a whole poll.
    nextAttemptAt: new Date(),
    ...shopifyPartition(h.shopDomain, h.topic, parsed),
    // A topic we don't handle is kept for the record but never projected.
    ...(ignored ? { status: 'ignored', processedAt: new Date(), lastError: `topic ${h.topic} is not handled` } : {}),
    ...(stale
      ? {
          status: 'held',
          processedAt: new Date(),
          lastError: `held: triggered at ${h.triggeredAt!.toISOString()}, older than Shopify's retry horizon`,
        }
      : {}),
  });
  return { stored, eventId, topic: h.topic, ignored: ignored || stale };
}

// Deliveries that arrive together are committed together: one INSERT of many rows, one commit (one
// WAL flush) for all of them, and each delivery is answered only after that commit.
type InboxRow = typeof inboxEvents.$inferInsert;
const inboxWriterFor = batcherPerDb(insertInboxRows, { maxBatch: 64, maxInFlight: 4 });

/** For each row, whether it was stored (false: that event was already in the inbox). */
async function insertInboxRows(db: Db, rows: InboxRow[]): Promise<boolean[]> {
  const inserted = await db
    .insert(inboxEvents)
    .values(rows)
    .onConflictDoNothing()
    .returning({ source: inboxEvents.source, shopId: inboxEvents.shopId, topic: inboxEvents.topic, eventId: inboxEvents.eventId });
  // The inbox's unique key: (source, shop, topic, event id).
  const key = (r: { source: string; shopId: string; topic: string; eventId: string }) =>
    `${r.source}\n${r.shopId}\n${r.topic}\n${r.eventId}`;
  const fresh = new Set(inserted.map(key));
  // The first delivery of an event claims its row; a repeat in the same batch is a duplicate.
  return rows.map((r) => fresh.delete(key({ source: r.source, shopId: r.shopId, topic: r.topic, eventId: r.eventId })));
}
