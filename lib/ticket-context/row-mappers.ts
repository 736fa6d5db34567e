import type { customers, fulfillments, issues, orders, refunds, returns, trackingEvents } from '@/lib/db/schema';
import type { IssueKind, IssueRecord } from '@/lib/domain/issues';
import type { Address, Customer, Fulfillment, LineItem, Order, Refund, Return, TrackingEvent } from '@/lib/domain/types';

// Database rows -> domain objects. The only place that knows both shapes.

export function orderFromRow(r: typeof orders.$inferSelect): Order {
  return {
    id: r.shopifyOrderId,
    shopId: r.shopId,
    name: r.name,
    orderNumber: r.orderNumber,
    email: r.email,
    phone: r.phone,
    customerId: r.customerShopifyId,
    createdAt: r.shopifyCreatedAt,
    updatedAt: r.shopifyUpdatedAt,
    processedAt: r.processedAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    closedAt: r.closedAt,
    financialStatus: r.financialStatus,
    fulfillmentStatus: r.fulfillmentStatus,
    currency: r.currency,
    totalPrice: r.totalPrice,
    tags: r.tags,
    note: r.note,
    lineItems: (r.lineItems as LineItem[]) ?? [],
    shippingAddress: (r.shippingAddress as Address | null) ?? null,
    onHold: r.onHold,
  };
}

export function fulfillmentFromRow(r: typeof fulfillments.$inferSelect): Fulfillment {
  return {
    id: r.shopifyFulfillmentId,
    orderId: r.orderId,
    name: r.name,
    status: r.status,
    shipmentStatus: r.shipmentStatus,
    trackingCompany: r.trackingCompany,
    trackingNumber: r.trackingNumber,
    trackingUrl: r.trackingUrl,
    createdAt: r.shopifyCreatedAt,
    updatedAt: r.shopifyUpdatedAt,
    estimatedDeliveryAt: r.estimatedDeliveryAt,
    deliveredAt: r.deliveredAt,
    lineItemIds: r.lineItemIds ?? [],
    shipmentStatusAt: r.shipmentStatusAt ?? null,
    cachedHealthState: r.healthState ?? null,
  };
}

export function trackingEventFromRow(r: typeof trackingEvents.$inferSelect): TrackingEvent {
  return {
    id: r.shopifyEventId,
    fulfillmentId: r.fulfillmentId,
    orderId: r.orderId,
    status: r.status,
    message: r.message,
    happenedAt: r.happenedAt,
    estimatedDeliveryAt: r.estimatedDeliveryAt,
    city: r.city,
    province: r.province,
    country: r.country,
  };
}

export function refundFromRow(r: typeof refunds.$inferSelect): Refund {
  return {
    id: r.shopifyRefundId,
    orderId: r.orderId,
    createdAt: r.shopifyCreatedAt,
    amount: r.amount,
    currency: r.currency,
    note: r.note,
    lineItemIds: r.lineItemIds ?? [],
  };
}

export function returnFromRow(r: typeof returns.$inferSelect): Return {
  return {
    id: r.shopifyReturnId,
    orderId: r.orderId,
    name: r.name,
    status: r.status,
    createdAt: r.shopifyCreatedAt,
    updatedAt: r.shopifyUpdatedAt,
  };
}

export function customerFromRow(r: typeof customers.$inferSelect): Customer {
  return {
    id: r.shopifyCustomerId,
    shopId: r.shopId,
    email: r.email,
    emails: r.emails,
    phones: r.phones,
    firstName: r.firstName,
    lastName: r.lastName,
    tags: r.tags,
    ordersCount: r.ordersCount,
    totalSpent: r.totalSpent,
  };
}

export function issueRecordFromRow(r: typeof issues.$inferSelect): IssueRecord {
  return {
    key: r.key,
    kind: r.kind as IssueKind,
    status: r.status as 'open' | 'resolved',
    openedAt: r.openedAt,
    resolvedAt: r.resolvedAt,
    lastSignalAt: r.lastSignalAt,
    reason: r.reason,
    orderId: r.orderId,
    ticketId: r.ticketId,
    closedBy: (r.closedBy as IssueRecord['closedBy']) ?? null,
  };
}
