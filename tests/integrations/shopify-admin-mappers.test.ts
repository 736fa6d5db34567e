import { describe, expect, it } from 'vitest';
import { adminOrderNodeSchema, mapAdminOrder } from '@/lib/integrations/shopify/admin-mappers';

// An order node in the shape ORDER_FIELDS asks for (lib/integrations/shopify/admin-queries.ts).
const node = {
  id: 'gid://shopify/Order/820982911946154508',
  name: '#1001',
  email: 'Rita@Example.com',
  phone: null,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-03T10:00:00Z',
  processedAt: '2026-11-01T10:00:00Z',
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  tags: ['vip'],
  note: null,
  displayFinancialStatus: 'PAID',
  displayFulfillmentStatus: 'FULFILLED',
  totalPriceSet: { shopMoney: { amount: '59.00', currencyCode: 'EUR' } },
  shippingAddress: {
    name: 'Rita',
    address1: '1 Main St',
    address2: null,
    city: 'Lyon',
    province: null,
    provinceCode: null,
    zip: '69001',
    country: 'France',
    countryCodeV2: 'FR',
    phone: null,
  },
  customer: {
    id: 'gid://shopify/Customer/7',
    email: 'rita@example.com',
    phone: '+33 6 12 34 56 78',
    firstName: 'Rita',
    lastName: 'B',
    tags: [],
    numberOfOrders: '3',
    amountSpent: { amount: '120.00', currencyCode: 'EUR' },
  },
  lineItems: {
    nodes: [
      {
        id: 'gid://shopify/LineItem/1',
        name: 'Jacket',
        sku: 'J-1',
        quantity: 1,
        originalUnitPriceSet: { shopMoney: { amount: '59.00' } },
        product: { id: 'gid://shopify/Product/2' },
        variant: null,
      },
    ],
  },
  fulfillments: [
    {
      id: 'gid://shopify/Fulfillment/3',
      name: '#1001-F1',
      status: 'SUCCESS',
      displayStatus: 'IN_TRANSIT',
      createdAt: '2026-11-02T10:00:00Z',
      updatedAt: '2026-11-03T10:00:00Z',
      inTransitAt: null,
      deliveredAt: null,
      estimatedDeliveryAt: '2026-11-06T10:00:00Z',
      trackingInfo: [{ company: 'UPS', number: '1Z999', url: 'https://ups.example/1Z999' }],
      events: {
        nodes: [
          {
            id: 'gid://shopify/FulfillmentEvent/4',
            status: 'IN_TRANSIT',
            happenedAt: '2026-11-03T09:00:00Z',
            message: null,
            estimatedDeliveryAt: null,
            city: 'Paris',
            province: null,
            country: 'FR',
          },
        ],
      },
    },
  ],
  refunds: [
    {
      id: 'gid://shopify/Refund/5',
      createdAt: '2026-11-04T10:00:00Z',
      note: null,
      totalRefundedSet: { shopMoney: { amount: '10.00', currencyCode: 'EUR' } },
    },
  ],
  returns: { nodes: [{ id: 'gid://shopify/Return/6', name: '#1001-R1', status: 'OPEN' }] },
};

describe('Admin API order node: one schema parse, then the webhook vocabulary', () => {
  it('maps an order node with its customer, parcels, scans, refunds and returns', () => {
    const a = mapAdminOrder(node, 'acme.myshopify.com');
    expect(a.order).toMatchObject({
      id: '820982911946154508',
      name: '#1001',
      orderNumber: 1001,
      email: 'rita@example.com',
      fulfillmentStatus: 'fulfilled',
      financialStatus: 'paid',
      currency: 'EUR',
      totalPrice: '59.00',
      tags: ['vip'],
    });
    expect(a.order.lineItems).toEqual([
      { id: '1', title: 'Jacket', sku: 'J-1', quantity: 1, price: '59.00', productId: '2', variantId: null },
    ]);
    expect(a.fulfillments[0]).toMatchObject({
      id: '3',
      orderId: '820982911946154508',
      status: 'success',
      shipmentStatus: 'in_transit',
      trackingCompany: 'UPS',
      trackingNumber: '1Z999',
    });
    expect(a.events[0]).toMatchObject({ id: '4', fulfillmentId: '3', status: 'in_transit', city: 'Paris' });
    expect(a.refunds[0]).toMatchObject({ id: '5', amount: '10.00', currency: 'EUR' });
    expect(a.returns[0]).toMatchObject({ id: '6', status: 'open' });
    expect(a.customer).toMatchObject({ id: '7', email: 'rita@example.com', ordersCount: 3, totalSpent: '120.00' });
  });

  it('refuses a node that is not an order (no id, no createdAt) instead of writing an Invalid Date', () => {
    expect(adminOrderNodeSchema.safeParse({ ...node, id: undefined }).success).toBe(false);
    expect(() => mapAdminOrder({ ...node, createdAt: null }, 'acme.myshopify.com')).toThrow();
    expect(() => mapAdminOrder({ ...node, fulfillments: [{ id: 'gid://shopify/Fulfillment/9' }] }, 'acme.myshopify.com')).toThrow();
  });

  it('tolerates what Shopify may leave out: no customer, no address, no lists', () => {
    const a = mapAdminOrder({ id: node.id, name: '#1002', createdAt: node.createdAt }, 'acme.myshopify.com');
    expect(a.order).toMatchObject({ name: '#1002', currency: 'USD', totalPrice: '0.00', tags: [], shippingAddress: null });
    expect([a.customer, a.fulfillments, a.refunds, a.returns]).toEqual([null, [], [], []]);
  });
});
