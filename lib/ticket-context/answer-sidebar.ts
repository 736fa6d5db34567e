import type { Config } from '@/lib/runtime/config';
import { logError } from '@/lib/runtime/describe-error';
import type { Db } from '@/lib/db/client';
import { buildSidebarJson, sidebarErrorJson } from '@/lib/domain/sidebar';
import { processNextInboxEvent } from '@/lib/ingest/process-inbox';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { receiveGorgiasEvent } from '@/lib/ingest/receive-gorgias-event';
import { loadWidgetData, UnknownAccountError, type WidgetData } from '@/lib/ticket-context/load-ticket-context';
import { shopsForGorgiasDomain } from '@/lib/connections/shops';
import { shopifyConnections, tickets } from '@/lib/db/schema';
import { and, eq, inArray } from 'drizzle-orm';

/**
 * Gorgias sends a ticket event and shows whatever we answer in the sidebar. Store the event
 * first (nothing acknowledged is lost), project it inline (rules only: fast), then answer from
 * the read model. Slow work (drafts, a Shopify refresh) is queued for the worker.
 * A failure after storing still answers 200 with what we know: Gorgias disables an integration
 * after 100 failures in a row.
 */
export async function sidebarForTicketEvent(db: Db, config: Config, body: unknown, now: Date): Promise<Record<string, unknown>> {
  const received = await receiveGorgiasEvent(db, body); // throws 4xx for a bad payload
  if (!received) return unknownAccountJson(config, body, now);
  if (received.inboxId !== null) {
    try {
      await processNextInboxEvent(db, () => now, received.inboxId);
    } catch (err) {
      logError('[widget] inline projection failed; the worker retries it:', err);
    }
  }
  try {
    const data = await loadWidgetData(
      db,
      config,
      { ticketShopId: received.shopId, ticketId: received.ticketId, email: received.customerEmail },
      now,
    );
    await maybeRefresh(db, config, data, now);
    return buildSidebarJson(data.view, now);
  } catch (err) {
    logError('[widget] could not build the sidebar:', err);
    return sidebarErrorJson(
      'Concord stored this ticket event but could not read the customer’s data just now; it will show on the next event.',
      config.appUrl,
      now,
    );
  }
}

export async function sidebarForEmail(
  db: Db,
  config: Config,
  input: { email: string | null; ticketId: string | null; account: string },
  now: Date,
): Promise<Record<string, unknown>> {
  try {
    const scope = await shopsForGorgiasDomain(db, input.account);
    if (scope.length === 0) return sidebarErrorJson(new UnknownAccountError(input.account).message, null, now);
    const ticketShopId = input.ticketId ? await ticketStore(db, scope, input.ticketId) : null;
    const data = await loadWidgetData(
      db,
      config,
      { ticketShopId, gorgiasDomain: input.account, ticketId: input.ticketId, email: input.email },
      now,
    );
    await maybeRefresh(db, config, data, now);
    return buildSidebarJson(data.view, now);
  } catch (err) {
    logError('[widget] could not build the sidebar:', err);
    return sidebarErrorJson('Concord could not read the customer’s data just now; try again on the next ticket event.', config.appUrl, now);
  }
}

async function hasShopifyConnection(db: Db, shopId: string): Promise<boolean> {
  const [row] = await db
    .select({ status: shopifyConnections.status })
    .from(shopifyConnections)
    .where(eq(shopifyConnections.shopId, shopId))
    .limit(1);
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

/** Gorgias must not count this as a failure (it disables integrations after 100), so: 200 and a notice. */
function unknownAccountJson(config: Config, body: unknown, now: Date): Record<string, unknown> {
  const account = (body as { ticket?: { account?: { domain?: unknown } } })?.ticket?.account?.domain;
  const message = new UnknownAccountError(typeof account === 'string' ? account.slice(0, 100) : null).message;
  return sidebarErrorJson(`${message} An admin links it on ${config.appUrl}/admin/setup.`, null, now);
}

async function ticketStore(db: Db, scope: string[], ticketId: string): Promise<string | null> {
  const [row] = await db
    .select({ shopId: tickets.shopId })
    .from(tickets)
    .where(and(inArray(tickets.shopId, scope), eq(tickets.gorgiasTicketId, ticketId)))
    .limit(1);
  return row?.shopId ?? null;
}
