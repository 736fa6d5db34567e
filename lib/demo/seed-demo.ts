import { and, eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { appMeta, inboxEvents } from '@/lib/db/schema';
import { signShopifyBody } from '@/lib/integrations/shopify/verify-webhook';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { receiveGorgiasEvent } from '@/lib/ingest/receive-gorgias-event';
import { receiveShopifyWebhook } from '@/lib/ingest/receive-shopify-webhook';
import { buildDemoEvents, DEMO_SHOP, DEMO_SHOWCASE_TICKET_ID } from './demo-events';
import { buildExtraStoreEvents, ensureDemoStores } from './demo-stores';

const SEEDED_KEY = 'demo_seeded';

export interface SeedResult {
  fed: number;
  duplicates: number;
  seededAt: string;
  showcaseTicketId: string | null;
}

/**
 * Seeds the demo brand by feeding its bundled event stream through the real ingestion code:
 * Shopify webhooks are signed with the webhook secret and verified like real ones, Gorgias ticket
 * events go through the same receiver as the HTTP integration. A second start finds the marker and
 * feeds nothing; even without it, the inbox's dedupe would ignore every repeated event.
 *
 * Before each public agent reply, the ticket so far is projected and drafted (templates, as the
 * agent would have seen it), so the reply lands next to a draft: the leads' review page then shows
 * real draft-vs-sent diffs from the first start.
 */
export async function seedDemo(db: Db, config: Config, now: Date): Promise<SeedResult> {
  const [marker] = await db.select().from(appMeta).where(eq(appMeta.key, SEEDED_KEY));
  if (marker) {
    const v = marker.value as { seededAt: string; showcaseTicketId: string | null };
    return { fed: 0, duplicates: 0, seededAt: v.seededAt, showcaseTicketId: v.showcaseTicketId };
  }
  const events = buildDemoEvents(now, { shopDomain: DEMO_SHOP.domain, shopName: DEMO_SHOP.name, gorgiasDomain: DEMO_SHOP.gorgiasDomain });
  let fed = 0;
  let duplicates = 0;
  for (const e of events) {
    if (e.source === 'shopify') {
      if (await deliverShopifyEvent(db, config, DEMO_SHOP.domain, e)) fed++;
      else duplicates++;
    } else {
      const m = e.body.message;
      if (m?.from_agent === true && m.public !== false && !(await alreadyReceived(db, e.eventId)))
        await draftBeforeReply(db, config, String(e.body.ticket.id), now);
      const r = await receiveGorgiasEvent(db, e.body, { eventId: e.eventId });
      if (!r) throw new Error(`demo ticket ${e.body.ticket.id} names a Gorgias account no demo store is linked to`);
      if (r.inboxId !== null) fed++;
      else duplicates++;
    }
  }
  // The two other stores of the demo (lib/demo/demo-stores.ts), through the same ingestion.
  await ensureDemoStores(db);
  for (const store of buildExtraStoreEvents(now)) {
    for (const e of store.events) {
      if (e.source !== 'shopify') continue;
      if (await deliverShopifyEvent(db, config, store.shopDomain, e)) fed++;
      else duplicates++;
    }
  }
  const seededAt = now.toISOString();
  const showcaseTicketId = DEMO_SHOWCASE_TICKET_ID;
  await db
    .insert(appMeta)
    .values({ key: SEEDED_KEY, value: { seededAt, showcaseTicketId, events: events.length } })
    .onConflictDoNothing();
  return { fed, duplicates, seededAt, showcaseTicketId };
}

async function draftBeforeReply(db: Db, config: Config, ticketId: string, now: Date): Promise<void> {
  await drainInbox(db, 10_000, () => now);
  try {
    await generateTicketDraft(
      db,
      { openai: null, model: 'template', config },
      { shopId: DEMO_SHOP.domain, ticketShopId: DEMO_SHOP.domain, ticketId, messageId: null, now, allowAutoReply: false },
    );
  } catch (err) {
    // The demo still seeds without this pair; the review page just has one diff fewer.
    console.error(`[demo] could not draft ticket ${ticketId} before its reply:`, (err as Error).message);
  }
}

async function alreadyReceived(db: Db, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: inboxEvents.id })
    .from(inboxEvents)
    .where(and(eq(inboxEvents.source, 'gorgias'), eq(inboxEvents.eventId, eventId)))
    .limit(1);
  return row !== undefined;
}

/**
 * One demo Shopify event through the real verified ingestion, signed like Shopify signs it. The demo
 * replays history: each delivery arrives at the moment it was triggered, as it would have. True when stored.
 */
async function deliverShopifyEvent(
  db: Db,
  config: Config,
  shopDomain: string,
  e: { topic: string; eventId: string; triggeredAt: string; body: unknown },
): Promise<boolean> {
  const raw = Buffer.from(JSON.stringify(e.body));
  const headers = new Headers({
    'x-shopify-topic': e.topic,
    'x-shopify-shop-domain': shopDomain,
    'x-shopify-event-id': e.eventId,
    'x-shopify-webhook-id': `demo-${e.eventId}`,
    'x-shopify-triggered-at': e.triggeredAt,
    'x-shopify-api-version': '2026-10',
    'x-shopify-hmac-sha256': signShopifyBody(raw, config.secrets.shopifyWebhook),
  });
  return (await receiveShopifyWebhook(db, raw, headers, config.secrets.shopifyWebhook, new Date(e.triggeredAt))).stored;
}
