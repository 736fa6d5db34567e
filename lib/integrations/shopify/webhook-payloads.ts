import { normalizePhones } from '@/lib/domain/contact';
import { z } from 'zod';
import type { Address, Customer, Fulfillment, LineItem, Order, Refund, Return, TrackingEvent } from '@/lib/domain/types';

// Shopify webhook bodies (REST shape) -> domain objects. Schemas are open: unknown fields pass,
// missing optional fields are tolerated, and status values are kept as they come (never an enum
// that a new Shopify value could break). Ids may arrive as numbers, big-number strings (see
// json.ts) or GraphQL gids; they always leave as plain digit strings.

const id = z.union([z.string(), z.number()]).transform((v) => String(v).replace(/^gid:\/\/shopify\/[A-Za-z]+\//, ''));
const optId = id.nullish().transform((v) => v ?? null);
const str = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const date = z
  .string()
  .nullish()
  .transform((v) => {
    if (!v) return null;
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  });
const money = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? '0.00' : typeof v === 'number' ? v.toFixed(2) : v));
const num = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : Number(v)));
const tagList = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((t) => t.trim()).filter(Boolean));

const addressSchema = z
  .looseObject({
    name: str,
    first_name: str,
    last_name: str,
    address1: str,
    address2: str,
    city: str,
    province: str,
    province_code: str,
    zip: str,
    country: str,
    country_code: str,
    phone: str,
  })
  .nullish();

const lineItemSchema = z.looseObject({
  id: id,
  title: z.string().nullish(),
  name: z.string().nullish(),
  sku: str,
  quantity: num,
  price: money,
  product_id: optId,
  variant_id: optId,
});

export const customerSchema = z.looseObject({
  id: id,
  email: str,
  phone: str,
  first_name: str,
  last_name: str,
  tags: tagList,
  orders_count: num,
  total_spent: money,
  updated_at: date,
  addresses: z.array(z.looseObject({ phone: str })).nullish(),
  default_address: z.looseObject({ phone: str }).nullish(),
});

export const fulfillmentSchema = z.looseObject({
  id: id,
  order_id: optId,
  name: str,
  status: str,
  shipment_status: str,
  tracking_company: str,
  tracking_number: str,
  tracking_numbers: z.array(z.string()).nullish(),
  tracking_url: str,
  tracking_urls: z.array(z.string()).nullish(),
  created_at: date,
  updated_at: date,
  estimated_delivery_at: date,
  delivered_at: date,
  line_items: z.array(z.looseObject({ id: id })).nullish(),
});

export const refundSchema = z.looseObject({
  id: id,
  order_id: optId,
  created_at: date,
  processed_at: date,
  note: str,
  transactions: z.array(z.looseObject({ kind: str, status: str, amount: money, currency: str })).nullish(),
  refund_line_items: z.array(z.looseObject({ line_item_id: optId, line_item: z.looseObject({ id: optId }).nullish() })).nullish(),
});

export const orderSchema = z.looseObject({
  id: id,
  name: z.string().nullish(),
  order_number: num,
  email: str,
  contact_email: str,
  phone: str,
  customer: z.looseObject({ id: optId }).nullish(),
  created_at: date,
  updated_at: date,
  processed_at: date,
  cancelled_at: date,
  cancel_reason: str,
  closed_at: date,
  financial_status: str,
  fulfillment_status: str,
  currency: str,
  total_price: money,
  tags: tagList,
  note: str,
  line_items: z.array(lineItemSchema).nullish(),
  shipping_address: addressSchema,
  fulfillments: z.array(z.looseObject({})).nullish(),
  refunds: z.array(z.looseObject({})).nullish(),
});

export const trackingEventSchema = z.looseObject({
  id: id,
  fulfillment_id: id,
  order_id: id,
  status: z.string(),
  message: str,
  happened_at: date,
  created_at: date,
  estimated_delivery_at: date,
  city: str,
  province: str,
  country: str,
});

// Shopify's published returns/* samples (tests/fixtures/shopify/published) carry no created_at or
// updated_at, and name the order as order_id (cancel, close, reopen), order.id (request, approve,
// 2026-07 decline) or not at all (2025-01 decline). Dates are kept in case a version adds them.
export const returnSchema = z.looseObject({
  id: id,
  name: str,
  status: str,
  order_id: optId,
  order: z.looseObject({ id: optId, admin_graphql_api_id: str }).nullish(),
  created_at: date,
  updated_at: date,
});

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`Shopify payload is missing ${what}`);
  return value;
}

function toAddress(a: z.infer<typeof addressSchema>): Address | null {
  if (!a) return null;
  return {
    name: a.name ?? ([a.first_name, a.last_name].filter(Boolean).join(' ') || null),
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.province_code,
    zip: a.zip,
    country: a.country,
    countryCode: a.country_code,
    phone: a.phone,
  };
}

// An order is "on hold" at the warehouse when Shopify says so (fulfillment_status on_hold, from
// fulfillment holds) or when the merchant tagged it (on-hold / hold), the common manual practice.
const HOLD_TAGS = new Set(['on-hold', 'on hold', 'hold', 'fulfillment-hold']);

export function toOrder(payload: unknown, shopId: string): Order {
  return mapOrder(orderSchema.parse(payload), shopId);
}

/** An order already parsed by orderSchema (or a schema that extends it). */
export function mapOrder(o: z.infer<typeof orderSchema>, shopId: string): Order {
  const createdAt = required(o.created_at, 'created_at');
  return {
    id: o.id,
    shopId,
    name: o.name ?? `#${o.order_number ?? o.id}`,
    orderNumber: o.order_number,
    email: (o.email ?? o.contact_email)?.toLowerCase() ?? null,
    phone: o.phone,
    customerId: o.customer?.id ?? null,
    createdAt,
    updatedAt: o.updated_at ?? createdAt,
    processedAt: o.processed_at,
    cancelledAt: o.cancelled_at,
    cancelReason: o.cancel_reason,
    closedAt: o.closed_at,
    financialStatus: o.financial_status,
    fulfillmentStatus: o.fulfillment_status,
    currency: o.currency ?? 'USD',
    totalPrice: o.total_price,
    tags: o.tags,
    note: o.note,
    lineItems: (o.line_items ?? []).map((li): LineItem => ({
      id: li.id,
      title: li.title ?? li.name ?? 'Item',
      sku: li.sku,
      quantity: li.quantity ?? 1,
      price: li.price,
      productId: li.product_id,
      variantId: li.variant_id,
    })),
    shippingAddress: toAddress(o.shipping_address),
    onHold: o.fulfillment_status === 'on_hold' || o.tags.some((t) => HOLD_TAGS.has(t.toLowerCase())),
  };
}

/**
 * `deliveredAt` is when Shopify sent the delivery (X-Shopify-Triggered-At, else when we received
 * it): the only honest time when the payload carries none. Never the epoch.
 */
export function toFulfillment(payload: unknown, orderIdFallback?: string, deliveredAt?: Date): Fulfillment {
  return mapFulfillment(fulfillmentSchema.parse(payload), orderIdFallback, deliveredAt);
}

export function mapFulfillment(f: z.infer<typeof fulfillmentSchema>, orderIdFallback?: string, deliveredAt?: Date): Fulfillment {
  const createdAt = required(f.created_at ?? f.updated_at ?? deliveredAt ?? null, 'created_at (and no delivery time was given)');
  return {
    id: f.id,
    orderId: required(f.order_id ?? orderIdFallback ?? null, 'order_id'),
    name: f.name,
    status: f.status ?? 'success',
    shipmentStatus: f.shipment_status,
    trackingCompany: f.tracking_company,
    trackingNumber: f.tracking_number ?? f.tracking_numbers?.[0] ?? null,
    trackingUrl: f.tracking_url ?? f.tracking_urls?.[0] ?? null,
    createdAt,
    updatedAt: f.updated_at ?? createdAt,
    estimatedDeliveryAt: f.estimated_delivery_at,
    deliveredAt: f.delivered_at,
    lineItemIds: (f.line_items ?? []).map((li) => li.id),
    // A status is reported as of the payload's updated_at; projection keeps the time it changed.
    shipmentStatusAt: f.shipment_status ? (f.updated_at ?? createdAt) : null,
  };
}

export function toTrackingEvent(payload: unknown): TrackingEvent {
  return mapTrackingEvent(trackingEventSchema.parse(payload));
}

export function mapTrackingEvent(e: z.infer<typeof trackingEventSchema>): TrackingEvent {
  return {
    id: e.id,
    fulfillmentId: e.fulfillment_id,
    orderId: e.order_id,
    status: e.status.toLowerCase(),
    message: e.message,
    happenedAt: required(e.happened_at ?? e.created_at, 'happened_at'),
    estimatedDeliveryAt: e.estimated_delivery_at,
    city: e.city,
    province: e.province,
    country: e.country,
  };
}

/** Refund amount = the successful refund transactions (all transactions when none is marked). */
export function toRefund(payload: unknown, orderIdFallback?: string): Refund {
  return mapRefund(refundSchema.parse(payload), orderIdFallback);
}

export function mapRefund(r: z.infer<typeof refundSchema>, orderIdFallback?: string): Refund {
  const txs = r.transactions ?? [];
  const refunds = txs.filter((t) => (t.kind ?? 'refund') === 'refund' && (t.status ?? 'success') === 'success');
  const cents = (refunds.length ? refunds : txs).reduce((sum, t) => sum + Math.round(Number(t.amount) * 100), 0);
  return {
    id: r.id,
    orderId: required(r.order_id ?? orderIdFallback ?? null, 'order_id'),
    createdAt: required(r.created_at ?? r.processed_at, 'created_at'),
    amount: (cents / 100).toFixed(2),
    currency: txs[0]?.currency ?? null,
    note: r.note,
    lineItemIds: (r.refund_line_items ?? [])
      .map((li) => li.line_item_id ?? li.line_item?.id ?? null)
      .filter((v): v is string => v !== null),
  };
}

/** A return as a delivery describes it; orderId is null when the payload names no order (look it up). */
export type ReturnPayload = Omit<Return, 'orderId'> & { orderId: string | null };

/**
 * `deliveredAt`: the delivery's X-Shopify-Triggered-At (else when it was received), because the
 * payloads carry no time of their own. Shopify spells the status "canceled"; Concord "cancelled".
 */
export function toReturn(payload: unknown, deliveredAt: Date): ReturnPayload {
  return mapReturn(returnSchema.parse(payload), deliveredAt);
}

export function mapReturn(r: z.infer<typeof returnSchema>, deliveredAt: Date): ReturnPayload {
  const orderId =
    r.order_id ??
    r.order?.id ??
    (r.order?.admin_graphql_api_id ? r.order.admin_graphql_api_id.replace(/^gid:\/\/shopify\/Order\//, '') : null);
  const updatedAt = r.updated_at ?? deliveredAt;
  const status = (r.status ?? '').toLowerCase();
  return {
    id: r.id,
    orderId,
    name: r.name,
    status: status === 'canceled' ? 'cancelled' : status,
    createdAt: r.created_at ?? updatedAt,
    updatedAt,
  };
}

export function toCustomer(payload: unknown, shopId: string): Customer {
  return mapCustomer(customerSchema.parse(payload), shopId);
}

export function mapCustomer(c: z.infer<typeof customerSchema>, shopId: string): Customer {
  const phones = normalizePhones([c.phone, c.default_address?.phone, ...(c.addresses ?? []).map((a) => a.phone)]);
  const email = c.email?.toLowerCase() ?? null;
  return {
    id: c.id,
    shopId,
    email,
    emails: email ? [email] : [],
    phones: [...new Set(phones)],
    firstName: c.first_name,
    lastName: c.last_name,
    tags: c.tags,
    ordersCount: c.orders_count ?? 0,
    totalSpent: c.total_spent,
  };
}

/** orders/* payloads embed the order's fulfillments and refunds. */
export function orderFulfillments(payload: unknown, deliveredAt?: Date): Fulfillment[] {
  const o = orderSchema.parse(payload);
  return (o.fulfillments ?? []).map((f) => toFulfillment(f, o.id, deliveredAt));
}

export function orderRefunds(payload: unknown): Refund[] {
  const o = orderSchema.parse(payload);
  return (o.refunds ?? []).map((r) => toRefund(r, o.id));
}
