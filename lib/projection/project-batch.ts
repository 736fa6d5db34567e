import type { Db } from '@/lib/db/client';
import type { InboxEvent } from '@/lib/ingest/inbox-event';
import { isOrderEvent, parseShopifyEvent, type ShopifyEvent } from '@/lib/integrations/shopify/webhook-events';
import { ensureShop } from '@/lib/connections/shops';
import { projectGorgiasEvent } from './project-gorgias-event';
import { refreshOrdersConsequences } from './refresh-order-consequences';
import { upsertCustomers } from '@/lib/db/queries/customers';
import { upsertFulfillments } from '@/lib/db/queries/fulfillments';
import { upsertOrders } from '@/lib/db/queries/orders';
import { insertRefunds } from '@/lib/db/queries/refunds';
import { projectShopifyEvent } from './project-shopify-event';

/** One event, exactly as it has always been applied. */
export async function projectInboxEvent(tx: Db, event: InboxEvent, now: Date): Promise<void> {
  if (event.source === 'shopify') await projectShopifyEvent(tx, parseShopifyEvent(event), now);
  else if (event.source === 'gorgias') await projectGorgiasEvent(tx, event, now);
}

type OrderEvent = Extract<ShopifyEvent, { type: 'order.upserted' | 'order.cancelled' }>;
type Parsed = { kind: 'order'; event: OrderEvent } | { kind: 'shopify'; event: ShopifyEvent } | { kind: 'other'; event: InboxEvent };

/**
 * Applies events (oldest first) in the caller's transaction. Each Shopify delivery is parsed once, here,
 * into a ShopifyEvent. A run of order events, by far the commonest kind and a flash sale's or bulk
 * edit's flood, is applied with a few statements for the whole run instead of a dozen per event: one
 * upsert per table, one read of the orders' bundles and one write of their shipments' health. The
 * result is what applying them one at a time gives: an order that appears k times is written in k
 * rounds, each followed by its consequences (so every issue opened or resolved in between is still
 * audited and sent), and customers, which nothing in a round reads, are written in arrival order. Any
 * other event is applied on its own, in its place.
 */
export async function projectInboxEvents(tx: Db, events: InboxEvent[], now: Date): Promise<void> {
  const parsed: Parsed[] = events.map((e) => {
    if (e.source !== 'shopify') return { kind: 'other', event: e };
    const event = parseShopifyEvent(e);
    return isOrderEvent(event) ? { kind: 'order', event } : { kind: 'shopify', event };
  });
  let i = 0;
  while (i < parsed.length) {
    const p = parsed[i];
    if (p.kind !== 'order') {
      if (p.kind === 'shopify') await projectShopifyEvent(tx, p.event, now);
      else await projectInboxEvent(tx, p.event, now);
      i++;
      continue;
    }
    const run: OrderEvent[] = [];
    for (let q = parsed[i]; q?.kind === 'order'; q = parsed[++i]) run.push(q.event);
    await projectOrderEvents(tx, run, now);
  }
}

async function projectOrderEvents(tx: Db, events: OrderEvent[], now: Date): Promise<void> {
  if (events.length === 1) return projectShopifyEvent(tx, events[0], now);
  for (const shopId of new Set(events.map((e) => e.shopId))) await ensureShop(tx, { id: shopId });
  const customerList = events.flatMap((p) => (p.customer ? [p.customer] : []));
  for (const round of rounds(customerList, (c) => `${c.customer.shopId}\n${c.customer.id}`)) await upsertCustomers(tx, round);
  for (const round of rounds(events, (p) => `${p.order.shopId}\n${p.order.id}`)) {
    await upsertOrders(
      tx,
      round.map((p) => p.order),
    );
    const fulfillmentsOfRound = round.flatMap((p) => p.fulfillments.map((f) => ({ shopId: p.shopId, f })));
    for (const r of rounds(fulfillmentsOfRound, (x) => `${x.shopId}\n${x.f.id}`)) await upsertFulfillments(tx, r);
    await insertRefunds(
      tx,
      round.flatMap((p) => p.refunds.map((r) => ({ shopId: p.shopId, r }))),
    );
    const ordersByShop = new Map<string, string[]>();
    for (const { order } of round) (ordersByShop.get(order.shopId) ?? ordersByShop.set(order.shopId, []).get(order.shopId)!).push(order.id);
    for (const [shopId, ids] of ordersByShop) await refreshOrdersConsequences(tx, shopId, ids, now, { cause: 'orders' });
  }
}

/**
 * Splits a list into statements that each touch a row at most once (an upsert can't update one row
 * twice): the k-th occurrence of each key goes into round k, so repeats apply in arrival order,
 * exactly as one at a time would. Within a round, rows are sorted by key so that two transactions
 * writing the same rows (a customer shared by two orders in different lanes) lock them in the same
 * order rather than deadlock.
 */
export function rounds<T>(items: T[], key: (item: T) => string): T[][] {
  const seen = new Map<string, number>();
  const out: { key: string; item: T }[][] = [];
  for (const item of items) {
    const k = key(item);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push({ key: k, item });
  }
  return out.map((round) => round.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.item));
}
