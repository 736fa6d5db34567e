import type { Config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { eq } from 'drizzle-orm';
import { shopifyConnections } from '@/lib/db/schema';
import { buildSidebarJson, sidebarErrorJson } from '@/lib/domain/sidebar';
import { processNextInboxEvent } from '@/lib/inbox/process-inbox';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { receiveGorgiasEvent } from '@/lib/receive-gorgias-event';
import { loadWidgetData, type WidgetData } from '@/lib/widget-view';

/**
 * Gorgias sends a ticket event and shows whatever we answer in the sidebar. Store the event
 * first (nothing acknowledged is lost), project it inline (rules only: fast), then answer from
 * the read model. Slow work (drafts, a Shopify refresh) is queued for the worker.
 * A failure after storing still answers 200 with what we know: Gorgias disables an integration
 * after 100 failures in a row.
 */
export async function sidebarForTicketEvent(db: Db, config: Config, body: unknown, now: Date): Promise<Record<string, unknown>> {
  const received = await receiveGorgiasEvent(db, body); // throws 4xx for a bad payload
  if (received.inboxId !== null) {
    try {
      await processNextInboxEvent(db, () => now, received.inboxId);
    } catch (err) {
      console.error('[widget] inline projection failed; the worker retries it:', err);
    }
  }
  try {
    const data = await loadWidgetData(db, config, { ticketShopId: received.shopId, ticketId: received.ticketId, email: received.customerEmail }, now);
    await maybeRefresh(db, config, data, now);
    return buildSidebarJson(data.view, now);
  } catch (err) {
    console.error('[widget] could not build the sidebar:', err);
    return sidebarErrorJson('Concord stored this ticket event but could not read the customer’s data just now; it will show on the next event.', config.appUrl, now);
  }
}

export async function sidebarForEmail(db: Db, config: Config, input: { email: string | null; ticketId: string | null }, now: Date): Promise<Record<string, unknown>> {
  try {
    const data = await loadWidgetData(db, config, { ticketShopId: null, ticketId: input.ticketId, email: input.email }, now);
    await maybeRefresh(db, config, data, now);
    return buildSidebarJson(data.view, now);
  } catch (err) {
    console.error('[widget] could not build the sidebar:', err);
    return sidebarErrorJson('Concord could not read the customer’s data just now; try again on the next ticket event.', config.appUrl, now);
  }
}

async function hasShopifyConnection(db: Db, shopId: string): Promise<boolean> {
  const [row] = await db.select({ status: shopifyConnections.status }).from(shopifyConnections).where(eq(shopifyConnections.shopId, shopId)).limit(1);
  return row?.status === 'connected';
}

/** Stale or missing data starts a Shopify refresh (at most once an hour per customer). */
async function maybeRefresh(db: Db, config: Config, data: WidgetData, now: Date): Promise<void> {
  const email = data.customerEmails[0];
  // Without Shopify credentials there is nothing to refresh from (demo mode records nothing either).
  if (!email || !(data.view.stale || data.view.orders.length === 0)) return;
  if (!config.connections.shopify && !(await hasShopifyConnection(db, data.view.shop.id))) return;
  const hour = now.toISOString().slice(0, 13);
  const queued = await enqueueEffect(db, {
    shopId: data.view.shop.id,
    kind: 'shopify.refresh_customer',
    payload: { email },
    idempotencyKey: `refresh:${data.view.shop.id}:${email}:${hour}`,
  });
  if (queued) data.view.refreshing = true;
}
