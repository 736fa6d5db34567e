import { z } from 'zod';
import { normalizePhone } from '@/lib/domain/contact';
import type { Customer, Fulfillment, Order, Refund, TrackingEvent } from '@/lib/domain/types';
import { parseShopifyJson } from './json';
import {
  customerSchema,
  fulfillmentSchema,
  mapCustomer,
  mapFulfillment,
  mapOrder,
  mapRefund,
  mapReturn,
  mapTrackingEvent,
  orderSchema,
  refundSchema,
  returnSchema,
  trackingEventSchema,
  type ReturnPayload,
} from './webhook-payloads';

// The vendor edge for Shopify webhooks: a stored delivery becomes one domain event, parsed once (one
// JSON parse, one zod parse per payload). Projection sees only ShopifyEvent, never a wire format.
//
// To add a topic: add it to SHOPIFY_TOPICS (verify-webhook.ts), give it a case below that returns a
// member of ShopifyEvent (a new member if no existing one fits), give that member a case in
// lib/projection/project-shopify-event.ts, add its partition key in lib/ingest/partition-key.ts, and put
// Shopify's published sample in tests/fixtures/shopify/published/ (the contract test requires one).

/** A stored Shopify delivery: what the inbox row holds. */
export interface ShopifyDelivery {
  topic: string;
  shopId: string;
  body: string;
  triggeredAt: Date | null;
  receivedAt: Date;
}

/** A customer as an order or customers/* payload describes it, with its own updated_at (null when not sent). */
export interface CustomerUpsert {
  customer: Customer;
  updatedAt: Date | null;
}

export type OrderTopic = 'orders/create' | 'orders/updated' | 'orders/cancelled';
export type ReturnTopic = 'returns/request' | 'returns/approve' | 'returns/decline' | 'returns/close' | 'returns/cancel' | 'returns/reopen';

export type ShopifyEvent =
  | {
      type: 'order.upserted' | 'order.cancelled';
      topic: OrderTopic;
      shopId: string;
      order: Order;
      /** The embedded customer, with the order's contact points added. */
      customer: CustomerUpsert | null;
      fulfillments: Fulfillment[];
      refunds: Refund[];
    }
  | { type: 'fulfillment.upserted'; topic: 'fulfillments/create' | 'fulfillments/update'; shopId: string; fulfillment: Fulfillment }
  | { type: 'tracking_event.created'; topic: 'fulfillment_events/create'; shopId: string; trackingEvent: TrackingEvent }
  | { type: 'refund.created'; topic: 'refunds/create'; shopId: string; refund: Refund }
  /** `orderId` is null when the payload names no order (the 2025-01 returns/decline): look it up. */
  | { type: 'return.changed'; topic: ReturnTopic; shopId: string; return: ReturnPayload }
  | { type: 'customer.upserted'; topic: 'customers/create' | 'customers/update'; shopId: string; customer: CustomerUpsert }
  | {
      type: 'privacy.data_requested' | 'privacy.customer_redacted';
      topic: 'customers/data_request' | 'customers/redact';
      shopId: string;
      request: PrivacyRequest;
    }
  | { type: 'privacy.shop_redacted'; topic: 'shop/redact'; shopId: string }
  | { type: 'app.uninstalled'; topic: 'app/uninstalled'; shopId: string; triggeredAt: Date | null }
  | { type: 'app.scopes_updated'; topic: 'app/scopes_update'; shopId: string; scopes: string | null };

export interface PrivacyRequest {
  customerId: string | null;
  email: string | null;
  orderIds: string[];
}

// orders/* embed the customer, the fulfillments and the refunds: one schema parses them all.
export const orderEventSchema = orderSchema.extend({
  customer: customerSchema.nullish(),
  fulfillments: z.array(fulfillmentSchema).nullish(),
  refunds: z.array(refundSchema).nullish(),
});

// Tolerant on purpose: a privacy request is honoured with whatever it names.
const privacySchema = z
  .looseObject({ customer: z.unknown().optional(), orders_to_redact: z.unknown().optional(), orders_requested: z.unknown().optional() })
  .transform((p): PrivacyRequest => {
    const c = (p.customer && typeof p.customer === 'object' ? p.customer : {}) as { id?: unknown; email?: unknown };
    const list = Array.isArray(p.orders_to_redact) ? p.orders_to_redact : Array.isArray(p.orders_requested) ? p.orders_requested : [];
    return {
      customerId: c.id !== undefined && c.id !== null ? String(c.id) : null,
      email: typeof c.email === 'string' ? c.email.toLowerCase() : null,
      orderIds: list.map(String),
    };
  });

// Payload fields per the changelog "New webhook topic app/scopes_update" (2024-10) and the webhook
// reference: previous and current scope lists (exact shape unconfirmed in a published sample; both
// an array and a comma-separated string are accepted). A body that doesn't fit changes nothing.
const scopesSchema = z.looseObject({ current: z.union([z.array(z.string()), z.string()]).optional() });

const RETURN_STATUS_BY_TOPIC: Record<ReturnTopic, string> = {
  'returns/request': 'requested',
  'returns/approve': 'open',
  'returns/decline': 'declined',
  'returns/close': 'closed',
  'returns/cancel': 'cancelled',
  'returns/reopen': 'open',
};

/** The order's email and phone join its customer's contact points (so a ticket from either matches). */
function withContact(customer: Customer, email: string | null, phone: string | null): Customer {
  const emails = new Set(customer.emails);
  if (email) emails.add(email.toLowerCase());
  const phones = new Set(customer.phones);
  const normalized = normalizePhone(phone);
  if (normalized) phones.add(normalized);
  return { ...customer, emails: [...emails], phones: [...phones] };
}

/**
 * The one parse of a stored delivery. Throws (and the inbox counts a failed attempt) when the body
 * is not what the topic promises, or the topic has no projection.
 */
export function parseShopifyEvent(d: ShopifyDelivery): ShopifyEvent {
  const payload = parseShopifyJson(d.body);
  const { shopId } = d;
  // Payloads that carry no time of their own are dated by the delivery.
  const deliveredAt = d.triggeredAt ?? d.receivedAt;
  const topic = d.topic;
  switch (topic) {
    case 'orders/create':
    case 'orders/updated':
    case 'orders/cancelled': {
      const o = orderEventSchema.parse(payload);
      const order = mapOrder(o, shopId);
      return {
        type: topic === 'orders/cancelled' ? 'order.cancelled' : 'order.upserted',
        topic,
        shopId,
        order,
        // The embedded customer's own updated_at (when Shopify sends it) orders it against customers/update,
        // which may be applied before or after it (another partition, lib/ingest/partition-key.ts).
        customer: o.customer
          ? { customer: withContact(mapCustomer(o.customer, shopId), order.email, order.phone), updatedAt: o.customer.updated_at }
          : null,
        fulfillments: (o.fulfillments ?? []).map((f) => mapFulfillment(f, o.id, deliveredAt)),
        refunds: (o.refunds ?? []).map((r) => mapRefund(r, o.id)),
      };
    }
    case 'fulfillments/create':
    case 'fulfillments/update':
      return {
        type: 'fulfillment.upserted',
        topic,
        shopId,
        fulfillment: mapFulfillment(fulfillmentSchema.parse(payload), undefined, deliveredAt),
      };
    case 'fulfillment_events/create':
      return { type: 'tracking_event.created', topic, shopId, trackingEvent: mapTrackingEvent(trackingEventSchema.parse(payload)) };
    case 'refunds/create':
      return { type: 'refund.created', topic, shopId, refund: mapRefund(refundSchema.parse(payload)) };
    case 'returns/request':
    case 'returns/approve':
    case 'returns/decline':
    case 'returns/close':
    case 'returns/cancel':
    case 'returns/reopen': {
      const r = mapReturn(returnSchema.parse(payload), deliveredAt);
      return { type: 'return.changed', topic, shopId, return: { ...r, status: r.status || RETURN_STATUS_BY_TOPIC[topic] } };
    }
    case 'customers/create':
    case 'customers/update': {
      const c = customerSchema.parse(payload);
      return {
        type: 'customer.upserted',
        topic,
        shopId,
        customer: { customer: mapCustomer(c, shopId), updatedAt: c.updated_at ?? deliveredAt },
      };
    }
    case 'customers/data_request':
    case 'customers/redact': {
      const request = privacySchema.parse(payload);
      return { type: topic === 'customers/redact' ? 'privacy.customer_redacted' : 'privacy.data_requested', topic, shopId, request };
    }
    case 'shop/redact':
      return { type: 'privacy.shop_redacted', topic, shopId };
    case 'app/uninstalled':
      return { type: 'app.uninstalled', topic, shopId, triggeredAt: d.triggeredAt };
    case 'app/scopes_update': {
      const parsed = scopesSchema.safeParse(payload);
      const current = parsed.success ? parsed.data.current : undefined;
      return {
        type: 'app.scopes_updated',
        topic,
        shopId,
        scopes: current === undefined ? null : Array.isArray(current) ? current.join(',') : current,
      };
    }
    default:
      throw new Error(`topic ${topic} has no projection`);
  }
}

/** Orders topics are applied in batches (lib/projection/project-batch.ts). */
export const isOrderEvent = (e: ShopifyEvent): e is Extract<ShopifyEvent, { type: 'order.upserted' | 'order.cancelled' }> =>
  e.type === 'order.upserted' || e.type === 'order.cancelled';
