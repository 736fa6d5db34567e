import type { Fulfillment, Order, TrackingEvent } from '@/lib/domain/types';

export const NOW = new Date('2026-11-24T12:00:00Z');
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MIN = 60_000;
export const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow);

export function order(o: Partial<Order> = {}): Order {
  return {
    id: '1001',
    shopId: 'acme.myshopify.com',
    name: '#1001',
    orderNumber: 1001,
    email: 'sam@example.com',
    phone: null,
    customerId: '77',
    createdAt: at(10 * DAY),
    updatedAt: at(10 * DAY),
    processedAt: null,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    financialStatus: 'paid',
    fulfillmentStatus: null,
    currency: 'USD',
    totalPrice: '120.00',
    tags: [],
    note: null,
    lineItems: [{ id: 'li1', title: 'Trail Jacket', sku: 'TJ-M', quantity: 1, price: '120.00', productId: null, variantId: null }],
    shippingAddress: null,
    onHold: false,
    ...o,
  };
}

export function fulfillment(f: Partial<Fulfillment> = {}): Fulfillment {
  return {
    id: 'f1',
    orderId: '1001',
    name: '#1001.1',
    status: 'success',
    shipmentStatus: 'in_transit',
    trackingCompany: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    createdAt: at(3 * DAY),
    updatedAt: at(3 * DAY),
    estimatedDeliveryAt: null,
    deliveredAt: null,
    ...f,
  };
}

export function event(e: Partial<TrackingEvent> & { status: string; happenedAt: Date }): TrackingEvent {
  return {
    id: `e-${e.status}-${e.happenedAt.getTime()}`,
    fulfillmentId: 'f1',
    orderId: '1001',
    message: null,
    estimatedDeliveryAt: null,
    city: 'Dallas',
    province: null,
    country: null,
    ...e,
  };
}
