// Which thing an inbox event is about, decided once at receipt from the payload already parsed there.
//
// Projection workers claim a *lane* (a hash of this key) under a PostgreSQL advisory lock, so two
// events about the same order are never applied at the same time, in one process or across
// instances, and a lane's events are applied in the order they arrived. Events about different
// orders land in different lanes and are applied in parallel.

/** Fixed: a pending event's lane is stored, so changing this only takes effect for new events. */
export const INBOX_LANES = 64;

export interface InboxPartition {
  partitionKey: string | null;
  lane: number;
  customerEmail: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
// Only plain values become keys: a signed body may still carry NUL or control characters, which
// PostgreSQL text can't hold (the raw body is stored as sent; these columns are not).
const plain = (v: string) => v.length <= 320 && !/[\u0000-\u001f]/.test(v);
const id = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '' && plain(v)) ? String(v) : null);
const email = (v: unknown): string | null => (typeof v === 'string' && v.includes('@') && plain(v) ? v.trim().toLowerCase() : null);

const ORDER_ID_OF: Record<string, (p: Json) => unknown> = {
  'orders/create': (p) => p.id,
  'orders/updated': (p) => p.id,
  'orders/cancelled': (p) => p.id,
  'fulfillments/create': (p) => p.order_id,
  'fulfillments/update': (p) => p.order_id,
  'fulfillment_events/create': (p) => p.order_id,
  'refunds/create': (p) => p.order_id,
  'returns/request': returnOrderId,
  'returns/approve': returnOrderId,
  'returns/decline': returnOrderId,
  'returns/close': returnOrderId,
  'returns/cancel': returnOrderId,
  'returns/reopen': returnOrderId,
};

function returnOrderId(p: Json): unknown {
  const order = obj(p.order);
  const gid = typeof order?.admin_graphql_api_id === 'string' ? order.admin_graphql_api_id.replace(/^gid:\/\/shopify\/Order\//, '') : null;
  return p.order_id ?? order?.id ?? gid;
}

/** `payload` is the body as JSON.parse gives it (ids beyond 2^53 round the same way every time). */
export function shopifyPartition(shopId: string, topic: string, payload: unknown): InboxPartition {
  const p = obj(payload) ?? {};
  const orderOf = ORDER_ID_OF[topic];
  let key: string | null = null;
  if (orderOf) {
    const orderId = id(orderOf(p));
    key = orderId ? `shopify:${shopId}:order:${orderId}` : null;
  } else if (topic === 'customers/create' || topic === 'customers/update') {
    const customerId = id(p.id);
    key = customerId ? `shopify:${shopId}:customer:${customerId}` : null;
  } else if (topic === 'customers/data_request' || topic === 'customers/redact' || topic === 'shop/redact') {
    key = `shopify:${shopId}:privacy`;
  }
  const customerEmail = email(p.email) ?? email(obj(p.customer)?.email) ?? null;
  return withLane(key, customerEmail);
}

export function gorgiasPartition(shopId: string, ticketId: string, customerEmail: string | null): InboxPartition {
  return withLane(`gorgias:${shopId}:ticket:${ticketId}`, customerEmail?.toLowerCase() ?? null);
}

function withLane(partitionKey: string | null, customerEmail: string | null): InboxPartition {
  return { partitionKey, lane: partitionKey === null ? 0 : laneOf(partitionKey), customerEmail };
}

/** FNV-1a: stable across processes and versions (PostgreSQL's hashtext is not promised to be). */
export function laneOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % INBOX_LANES;
}
