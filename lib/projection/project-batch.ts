import type { Db } from '@/lib/db/client';
import type { Customer, Fulfillment, Order, Refund } from '@/lib/domain/types';
import type { InboxEvent } from '@/lib/ingest/process-inbox';
import { parseShopifyJson } from '@/lib/integrations/shopify/json';
import { orderFulfillments, orderRefunds, toCustomer, toOrder } from '@/lib/integrations/shopify/webhook-payloads';
import { ensureShop } from '@/lib/connections/shops';
import { projectGorgiasEvent } from './project-gorgias-event';
import { refreshOrdersConsequences } from './refresh-order-consequences';
import { insertRefunds, payloadUpdatedAt, projectShopifyEvent, upsertCustomers, upsertFulfillments, upsertOrders, withContact } from './project-shopify-event';

/** One event, exactly as it has always been applied. */
export async function projectInboxEvent(tx: Db, event: InboxEvent, now: Date): Promise<void> {
  if (event.source === 'shopify') await projectShopifyEvent(tx, event, now);
  else if (event.source === 'gorgias') await projectGorgiasEvent(tx, event, now);
}

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled']);
const isOrderEvent = (e: InboxEvent) => e.source === 'shopify' && ORDER_TOPICS.has(e.topic);

/**
 * Applies events (oldest first) in the caller's transaction. A run of order webhooks, by far the
 * commonest kind and a flash sale's or bulk edit's flood, is applied with a few statements for the
 * whole run instead of a dozen per event: one upsert per table, one read of the orders' bundles and
 * one write of their shipments' health. The result is what applying them one at a time gives: an
 * order that appears k times is written in k rounds, each followed by its consequences (so every
 * issue opened or resolved in between is still audited and sent), and customers, which nothing in
 * a round reads, are written in arrival order. Any other event is applied on its own, in its place.
 */
export async function projectInboxEvents(tx: Db, events: InboxEvent[], now: Date): Promise<void> {
  let i = 0;
  while (i < events.length) {
    if (!isOrderEvent(events[i])) {
      await projectInboxEvent(tx, events[i], now);
      i++;
      continue;
    }
    let j = i;
    while (j < events.length && isOrderEvent(events[j])) j++;
    await projectOrderEvents(tx, events.slice(i, j), now);
    i = j;
  }
}

interface ParsedOrderEvent {
  order: Order;
  customer: { customer: Customer; updatedAt: Date | null } | null;
  fulfillments: { shopId: string; f: Fulfillment }[];
  refunds: { shopId: string; r: Refund }[];
}

async function projectOrderEvents(tx: Db, events: InboxEvent[], now: Date): Promise<void> {
  if (events.length === 1) return projectShopifyEvent(tx, events[0], now);
  const parsed: ParsedOrderEvent[] = events.map((event) => {
    const payload = parseShopifyJson(event.body) as Record<string, unknown>;
    const order = toOrder(payload as never, event.shopId);
    const customerPayload = payload.customer;
    const customer =
      customerPayload && typeof customerPayload === 'object'
        ? { customer: withContact(toCustomer(customerPayload as never, event.shopId), order.email, order.phone, order.updatedAt), updatedAt: payloadUpdatedAt(customerPayload as Record<string, unknown>) }
        : null;
    return {
      order,
      customer,
      fulfillments: orderFulfillments(payload as never).map((f) => ({ shopId: event.shopId, f })),
      refunds: orderRefunds(payload as never).map((r) => ({ shopId: event.shopId, r })),
    };
  });
  for (const shopId of new Set(events.map((e) => e.shopId))) await ensureShop(tx, { id: shopId });
  const customerList = parsed.flatMap((p) => (p.customer ? [p.customer] : []));
  for (const round of rounds(customerList, (c) => `${c.customer.shopId}\n${c.customer.id}`)) await upsertCustomers(tx, round);
  for (const round of rounds(parsed, (p) => `${p.order.shopId}\n${p.order.id}`)) {
    await upsertOrders(tx, round.map((p) => p.order));
    for (const r of rounds(round.flatMap((p) => p.fulfillments), (x) => `${x.shopId}\n${x.f.id}`)) await upsertFulfillments(tx, r);
    await insertRefunds(tx, round.flatMap((p) => p.refunds));
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
