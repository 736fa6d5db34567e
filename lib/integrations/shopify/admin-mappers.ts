import { z } from 'zod';
import { normalizePhones } from '@/lib/domain/contact';
import type { Customer, Fulfillment, Order, Refund, Return, TrackingEvent } from '@/lib/domain/types';

// Admin GraphQL nodes -> the same domain objects the webhooks produce, in the webhook vocabulary
// (lowercase statuses, null for unfulfilled) so the read model has one language. One zod parse per
// order node (the fields of ORDER_FIELDS in admin-queries.ts); open like the webhook schemas: unknown
// fields pass, optional ones may be missing, enum values are kept as they come.

const str = z.string().nullish();
const gid = z.string().nullish();
// Decimal is a string in GraphQL; a number is tolerated and read as its string.
const amount = z.union([z.string(), z.number().transform(String)]).nullish();
const moneyBag = z.looseObject({ shopMoney: z.looseObject({ amount, currencyCode: str }).nullish() }).nullish();
// A list Shopify always sends as [String!]: anything else reads as no tags, as it always has.
const tags = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? (v as string[]) : []));
const nodes = <T extends z.ZodType>(item: T) => z.looseObject({ nodes: z.array(item).nullish() }).nullish();
const enumValue = z.union([z.string(), z.number()]).nullish();

const adminEventSchema = z.looseObject({
  id: gid,
  status: enumValue,
  happenedAt: z.string(),
  message: str,
  estimatedDeliveryAt: str,
  city: str,
  province: str,
  country: str,
});
const adminFulfillmentSchema = z.looseObject({
  id: gid,
  name: str,
  status: enumValue,
  createdAt: z.string(),
  updatedAt: str,
  deliveredAt: str,
  estimatedDeliveryAt: str,
  trackingInfo: z.array(z.looseObject({ company: str, number: str, url: str })).nullish(),
  events: nodes(adminEventSchema),
});
export const adminOrderNodeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: str,
  phone: str,
  createdAt: z.string(),
  updatedAt: str,
  processedAt: str,
  cancelledAt: str,
  cancelReason: enumValue,
  closedAt: str,
  tags,
  note: str,
  displayFinancialStatus: enumValue,
  displayFulfillmentStatus: str,
  totalPriceSet: moneyBag,
  shippingAddress: z
    .looseObject({
      name: str,
      address1: str,
      address2: str,
      city: str,
      province: str,
      provinceCode: str,
      zip: str,
      country: str,
      countryCodeV2: str,
      phone: str,
    })
    .nullish(),
  customer: z
    .looseObject({
      id: gid,
      email: str,
      phone: str,
      firstName: str,
      lastName: str,
      tags,
      numberOfOrders: z.union([z.string(), z.number()]).nullish(),
      amountSpent: z.looseObject({ amount }).nullish(),
    })
    .nullish(),
  lineItems: nodes(
    z.looseObject({
      id: gid,
      name: z.string(),
      sku: str,
      quantity: z.number().nullish(),
      originalUnitPriceSet: moneyBag,
      product: z.looseObject({ id: gid }).nullish(),
      variant: z.looseObject({ id: gid }).nullish(),
    }),
  ),
  fulfillments: z.array(adminFulfillmentSchema).nullish(),
  refunds: z.array(z.looseObject({ id: gid, createdAt: z.string(), note: str, totalRefundedSet: moneyBag })).nullish(),
  returns: nodes(z.looseObject({ id: gid, name: str, status: enumValue })),
});

const gidToId = (gid: string | null | undefined): string | null =>
  gid ? gid.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, '').replace(/\?.*$/, '') : null;
const d = (v: string | null | undefined) => (v ? new Date(v) : null);

const FULFILLMENT_STATUS: Record<string, string | null> = {
  UNFULFILLED: null,
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  PARTIAL: 'partial',
  RESTOCKED: 'restocked',
  ON_HOLD: 'on_hold',
  SCHEDULED: null,
  IN_PROGRESS: 'partial',
  OPEN: null,
  PENDING_FULFILLMENT: null,
  REQUEST_DECLINED: null,
};

export interface AdminOrder {
  order: Order;
  fulfillments: Fulfillment[];
  events: TrackingEvent[];
  refunds: Refund[];
  returns: Return[];
  customer: Customer | null;
}

export function mapAdminOrder(node: unknown, shopId: string): AdminOrder {
  const n = adminOrderNodeSchema.parse(node);
  const id = gidToId(n.id)!;
  const dfs = n.displayFulfillmentStatus ?? null;
  const currency = n.totalPriceSet?.shopMoney?.currencyCode ?? 'USD';
  const order: Order = {
    id,
    shopId,
    name: n.name,
    orderNumber: Number(String(n.name ?? '').replace(/\D/g, '')) || null,
    email: n.email?.toLowerCase() ?? null,
    phone: n.phone ?? null,
    customerId: gidToId(n.customer?.id),
    createdAt: new Date(n.createdAt),
    updatedAt: new Date(n.updatedAt ?? n.createdAt),
    processedAt: d(n.processedAt),
    cancelledAt: d(n.cancelledAt),
    cancelReason: n.cancelReason ? String(n.cancelReason).toLowerCase() : null,
    closedAt: d(n.closedAt),
    financialStatus: n.displayFinancialStatus ? String(n.displayFinancialStatus).toLowerCase() : null,
    fulfillmentStatus: dfs ? (dfs in FULFILLMENT_STATUS ? FULFILLMENT_STATUS[dfs] : dfs.toLowerCase()) : null,
    currency,
    totalPrice: n.totalPriceSet?.shopMoney?.amount ?? '0.00',
    tags: Array.isArray(n.tags) ? n.tags : [],
    note: n.note ?? null,
    lineItems: (n.lineItems?.nodes ?? []).map((li) => ({
      id: gidToId(li.id)!,
      title: li.name,
      sku: li.sku ?? null,
      quantity: li.quantity ?? 1,
      price: li.originalUnitPriceSet?.shopMoney?.amount ?? '0.00',
      productId: gidToId(li.product?.id),
      variantId: gidToId(li.variant?.id),
    })),
    shippingAddress: n.shippingAddress
      ? {
          name: n.shippingAddress.name ?? null,
          address1: n.shippingAddress.address1 ?? null,
          address2: n.shippingAddress.address2 ?? null,
          city: n.shippingAddress.city ?? null,
          province: n.shippingAddress.province ?? null,
          provinceCode: n.shippingAddress.provinceCode ?? null,
          zip: n.shippingAddress.zip ?? null,
          country: n.shippingAddress.country ?? null,
          countryCode: n.shippingAddress.countryCodeV2 ?? null,
          phone: n.shippingAddress.phone ?? null,
        }
      : null,
    onHold: dfs === 'ON_HOLD',
  };
  const fulfillments: Fulfillment[] = [];
  const events: TrackingEvent[] = [];
  for (const f of n.fulfillments ?? []) {
    const fid = gidToId(f.id)!;
    const evs = f.events?.nodes ?? [];
    const lastStatus = evs.length ? String(evs[evs.length - 1].status).toLowerCase() : null;
    fulfillments.push({
      id: fid,
      orderId: id,
      name: f.name ?? null,
      status: String(f.status ?? 'SUCCESS').toLowerCase(),
      shipmentStatus: f.deliveredAt ? 'delivered' : lastStatus,
      trackingCompany: f.trackingInfo?.[0]?.company ?? null,
      trackingNumber: f.trackingInfo?.[0]?.number ?? null,
      trackingUrl: f.trackingInfo?.[0]?.url ?? null,
      createdAt: new Date(f.createdAt),
      updatedAt: new Date(f.updatedAt ?? f.createdAt),
      estimatedDeliveryAt: d(f.estimatedDeliveryAt),
      deliveredAt: d(f.deliveredAt),
    });
    for (const e of evs) {
      events.push({
        id: gidToId(e.id)!,
        fulfillmentId: fid,
        orderId: id,
        status: String(e.status).toLowerCase(),
        message: e.message ?? null,
        happenedAt: new Date(e.happenedAt),
        estimatedDeliveryAt: d(e.estimatedDeliveryAt),
        city: e.city ?? null,
        province: e.province ?? null,
        country: e.country ?? null,
      });
    }
  }
  const refunds: Refund[] = (n.refunds ?? []).map((r) => ({
    id: gidToId(r.id)!,
    orderId: id,
    createdAt: new Date(r.createdAt),
    amount: r.totalRefundedSet?.shopMoney?.amount ?? '0.00',
    currency: r.totalRefundedSet?.shopMoney?.currencyCode ?? currency,
    note: r.note ?? null,
  }));
  const returns: Return[] = (n.returns?.nodes ?? []).map((r) => ({
    id: gidToId(r.id)!,
    orderId: id,
    name: r.name ?? null,
    status: String(r.status ?? '').toLowerCase(),
    createdAt: order.updatedAt,
    updatedAt: order.updatedAt,
  }));
  const c = n.customer;
  const customer: Customer | null = c
    ? {
        id: gidToId(c.id)!,
        shopId,
        email: c.email?.toLowerCase() ?? null,
        emails: c.email ? [c.email.toLowerCase()] : [],
        phones: normalizePhones([c.phone]),
        firstName: c.firstName ?? null,
        lastName: c.lastName ?? null,
        tags: Array.isArray(c.tags) ? c.tags : [],
        ordersCount: Number(c.numberOfOrders ?? 0),
        totalSpent: c.amountSpent?.amount ?? '0.00',
      }
    : null;
  return { order, fulfillments, events, refunds, returns, customer };
}
