import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { ExternalApiError } from '@/lib/integrations/http';
import * as Q from '@/lib/integrations/shopify/admin-queries';

const BASE = 'http://shopify.test';
const URL_ = `${BASE}/admin/api/2026-10/graphql.json`;
const cost = (available: number) => ({
  cost: {
    requestedQueryCost: 120,
    actualQueryCost: 100,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  },
});
const orderNode = {
  id: 'gid://shopify/Order/5940139491001',
  name: '#1001',
  email: 'Jane@Example.com',
  phone: null,
  createdAt: '2026-11-10T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
  processedAt: '2026-11-10T10:00:00Z',
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  tags: ['vip'],
  note: null,
  displayFinancialStatus: 'PARTIALLY_REFUNDED',
  displayFulfillmentStatus: 'FULFILLED',
  totalPriceSet: { shopMoney: { amount: '199.00', currencyCode: 'USD' } },
  shippingAddress: {
    name: 'Jane Doe',
    address1: '1 Main St',
    address2: null,
    city: 'Austin',
    province: 'Texas',
    provinceCode: 'TX',
    zip: '78701',
    country: 'United States',
    countryCodeV2: 'US',
    phone: null,
  },
  customer: {
    id: 'gid://shopify/Customer/77',
    email: 'jane@example.com',
    phone: '+15550100',
    firstName: 'Jane',
    lastName: 'Doe',
    tags: ['vip'],
    numberOfOrders: '4',
    amountSpent: { amount: '820.00', currencyCode: 'USD' },
  },
  lineItems: {
    nodes: [
      {
        id: 'gid://shopify/LineItem/1',
        name: 'Trail Jacket',
        sku: 'TJ-M',
        quantity: 1,
        originalUnitPriceSet: { shopMoney: { amount: '199.00' } },
        product: { id: 'gid://shopify/Product/9' },
        variant: null,
      },
    ],
  },
  fulfillments: [
    {
      id: 'gid://shopify/Fulfillment/4451',
      name: '#1001.1',
      status: 'SUCCESS',
      displayStatus: 'IN_TRANSIT',
      createdAt: '2026-11-11T10:00:00Z',
      updatedAt: '2026-11-12T10:00:00Z',
      inTransitAt: '2026-11-12T10:00:00Z',
      deliveredAt: null,
      estimatedDeliveryAt: '2026-11-15T10:00:00Z',
      trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }],
      events: {
        nodes: [
          {
            id: 'gid://shopify/FulfillmentEvent/1',
            status: 'IN_TRANSIT',
            happenedAt: '2026-11-12T10:00:00Z',
            message: 'Departed',
            estimatedDeliveryAt: null,
            city: 'Dallas',
            province: null,
            country: null,
          },
        ],
      },
    },
  ],
  refunds: [
    {
      id: 'gid://shopify/Refund/3',
      createdAt: '2026-11-20T10:00:00Z',
      note: 'goodwill',
      totalRefundedSet: { shopMoney: { amount: '20.00', currencyCode: 'USD' } },
    },
  ],
  returns: { nodes: [{ id: 'gid://shopify/Return/8', name: '#1001-R1', status: 'OPEN' }] },
};

const requests: { headers: Record<string, string>; body: { query: string; variables: Record<string, unknown> } }[] = [];
let answers: (() => Response)[] = [];
const server = setupServer(
  http.post(URL_, async ({ request }) => {
    requests.push({ headers: Object.fromEntries(request.headers), body: (await request.json()) as never });
    const next = answers.shift();
    return next ? next() : HttpResponse.json({ data: { orders: { nodes: [orderNode] } }, extensions: cost(1900) });
  }),
);

function client() {
  const waits: number[] = [];
  const c = new ShopifyAdminClient({
    shopDomain: 'acme.myshopify.com',
    accessToken: 'shpat_test',
    apiVersion: '2026-10',
    baseUrl: BASE,
    sleep: async (ms) => void waits.push(ms),
    timeoutMs: 500,
  });
  return { c, waits };
}

describe('Shopify Admin GraphQL client', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
    answers = [];
  });
  afterAll(() => server.close());

  it('calls the pinned version with the access token and maps an order field by field', async () => {
    const { c } = client();
    const [r] = await c.customerRecentOrders('jane@example.com');
    expect(requests[0].headers['x-shopify-access-token']).toBe('shpat_test');
    // Ten orders are asked for in pages of five (a page of ten would cost over 1,000 points).
    expect(requests[0].body.variables).toMatchObject({ q: 'email:"jane@example.com"', first: 5 });
    expect(r.order).toMatchObject({
      id: '5940139491001',
      name: '#1001',
      orderNumber: 1001,
      email: 'jane@example.com',
      financialStatus: 'partially_refunded',
      fulfillmentStatus: 'fulfilled',
      totalPrice: '199.00',
      currency: 'USD',
      tags: ['vip'],
      customerId: '77',
    });
    expect(r.order.shippingAddress).toMatchObject({ city: 'Austin', countryCode: 'US' });
    expect(r.fulfillments[0]).toMatchObject({
      id: '4451',
      orderId: '5940139491001',
      status: 'success',
      shipmentStatus: 'in_transit',
      trackingCompany: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(r.events[0]).toMatchObject({ id: '1', fulfillmentId: '4451', status: 'in_transit', city: 'Dallas' });
    expect(r.refunds[0]).toMatchObject({ id: '3', amount: '20.00', note: 'goodwill' });
    expect(r.returns[0]).toMatchObject({ id: '8', status: 'open' });
    expect(r.customer).toMatchObject({ id: '77', ordersCount: 4, totalSpent: '820.00', tags: ['vip'] });
    expect(c.lastThrottleStatus).toEqual({ maximumAvailable: 2000, currentlyAvailable: 1900, restoreRate: 100 });
  });

  it('waits for the bucket and retries a THROTTLED answer (HTTP 200)', async () => {
    answers = [
      () =>
        HttpResponse.json({
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
          extensions: {
            cost: {
              requestedQueryCost: 120,
              actualQueryCost: null,
              throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 20, restoreRate: 100 },
            },
          },
        }),
    ];
    const { c, waits } = client();
    const res = await c.customerRecentOrders('jane@example.com');
    expect(res).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(waits[0]).toBe(1000); // (120 - 20) / 100 points per second
  });

  it('honours Retry-After on a 429 and gives up with a retryable error after the retries', async () => {
    answers = Array.from({ length: 5 }, () => () => new HttpResponse('Too many', { status: 429, headers: { 'Retry-After': '2' } }));
    const { c, waits } = client();
    const err = await c.shopName().catch((e) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect(err).toMatchObject({ status: 429, retryable: true });
    expect(waits).toEqual([2000, 2000, 2000]);
  });

  it('turns a 5xx into a retryable error and GraphQL errors into a permanent one', async () => {
    answers = [() => new HttpResponse('oops', { status: 502 })];
    await expect(client().c.shopName()).rejects.toMatchObject({ retryable: true, status: 502 });
    answers = [() => HttpResponse.json({ errors: [{ message: "Field 'nope' doesn't exist" }] })];
    await expect(client().c.shopName()).rejects.toMatchObject({ retryable: false });
  });

  it('paginates orders updated since a date', async () => {
    answers = [
      () =>
        HttpResponse.json({
          data: { orders: { nodes: [orderNode], pageInfo: { hasNextPage: true, endCursor: 'c1' } } },
          extensions: cost(1800),
        }),
      () =>
        HttpResponse.json({ data: { orders: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } }, extensions: cost(1800) }),
    ];
    const { c } = client();
    const first = await c.ordersUpdatedSince(new Date('2026-11-01T00:00:00Z'));
    expect(first.nextCursor).toBe('c1');
    expect(requests[0].body.variables).toMatchObject({ q: "updated_at:>'2026-11-01T00:00:00.000Z'", after: null });
    const second = await c.ordersUpdatedSince(new Date('2026-11-01T00:00:00Z'), 'c1');
    expect(second).toEqual({ orders: [], nextCursor: null });
    expect(requests[1].body.variables.after).toBe('c1');
  });

  it('surfaces mutation userErrors instead of throwing, and adds tags without replacing them', async () => {
    answers = [
      () =>
        HttpResponse.json({
          data: {
            orderCancel: {
              job: null,
              orderCancelUserErrors: [{ field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' }],
            },
          },
        }),
    ];
    const { c } = client();
    const res = await c.cancelOrder({
      orderId: '5940139491001',
      reason: 'customer',
      refund: true,
      restock: true,
      notifyCustomer: true,
      staffNote: null,
    });
    expect(res).toMatchObject({ ok: false, userErrors: [{ message: 'Order has already been cancelled' }] });
    expect(requests[0].body.variables).toMatchObject({
      orderId: 'gid://shopify/Order/5940139491001',
      reason: 'CUSTOMER',
      refund: true,
      restock: true,
    });
    answers = [() => HttpResponse.json({ data: { tagsAdd: { userErrors: [] } } })];
    expect(await c.addTags('5940139491001', ['concord/exchange'])).toMatchObject({ ok: true });
    expect(requests[1].body.query).toContain('tagsAdd');
    expect(requests[1].body.query).not.toContain('orderUpdate');
  });

  it('a cost error (MAX_COST_EXCEEDED) is retried with a smaller page, not given up', async () => {
    // The answer Shopify gives a query over the single-query limit (HTTP 200, errors[].extensions).
    const tooCostly = () =>
      HttpResponse.json({
        errors: [
          {
            message: 'Query cost is 1392, which exceeds the single query max cost limit (1000).',
            extensions: { code: 'MAX_COST_EXCEEDED', cost: 1392, maxCost: 1000 },
          },
        ],
      });
    answers = [tooCostly, tooCostly];
    const { c } = client();
    const page = await c.ordersUpdatedSince(new Date('2026-11-01T00:00:00Z'));
    expect(page.orders).toHaveLength(1);
    expect(requests.map((r) => r.body.variables.first)).toEqual([5, 2, 1]);
  });

  it('a query still too costly at one item per page is a permanent error', async () => {
    const tooCostly = () =>
      HttpResponse.json({
        errors: [
          {
            message: 'Query cost is 1392, which exceeds the single query max cost limit (1000).',
            extensions: { code: 'MAX_COST_EXCEEDED', cost: 1392, maxCost: 1000 },
          },
        ],
      });
    answers = [tooCostly, tooCostly, tooCostly, tooCostly];
    const { c } = client();
    const err = await c.ordersUpdatedSince(new Date('2026-11-01T00:00:00Z')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect((err as ExternalApiError).retryable).toBe(false);
    expect(requests.map((r) => r.body.variables.first)).toEqual([5, 2, 1]);
  });

  it('reads fulfillment events newest first, so the latest scan is in the page', () => {
    expect(Q.CUSTOMER_RECENT_ORDERS).toMatch(/events\(first: \d+, sortKey: HAPPENED_AT, reverse: true\)/);
  });
});
