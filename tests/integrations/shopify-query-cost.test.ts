import { describe, expect, it } from 'vitest';
import * as Q from '@/lib/integrations/shopify/admin-queries';
import { queryCost, SHOPIFY_MAX_QUERY_COST } from '@/lib/integrations/shopify/query-cost';

// Every Admin API query Concord sends, priced by Shopify's published cost rules with the page
// sizes it is sent with (lib/integrations/shopify/query-cost.ts says where the rules come from).
describe('Admin API query cost', () => {
  it('prices by the published rules: scalars 0, objects 1, connections 2 + page x item', () => {
    expect(queryCost('query { shop { name myshopifyDomain } }')).toBe(1);
    expect(queryCost('query { orders(first: 10) { nodes { id name } } }')).toBe(2 + 10 * 1);
    expect(queryCost('query { orders(first: 10) { nodes { id customer { id } lineItems(first: 5) { nodes { id } } } } }')).toBe(
      2 + 10 * (1 + 1 + (2 + 5 * 1)),
    );
    expect(queryCost('query Q($n: Int!) { orders(first: $n) { edges { node { id } } pageInfo { hasNextPage } } }', { n: 3 })).toBe(
      2 + 3 * 1 + 1,
    );
    expect(() => queryCost('query Q($n: Int!) { orders(first: $n) { nodes { id } } }')).toThrow(/page size/);
  });

  it('the queries as they were cost far over the limit (the bug this guards against)', () => {
    const old = `query { orders(first: 10) { nodes { id totalPriceSet { shopMoney { amount } } shippingAddress { city } customer { id amountSpent { amount } }
      lineItems(first: 20) { nodes { id originalUnitPriceSet { shopMoney { amount } } product { id } variant { id } } }
      fulfillments(first: 10) { id trackingInfo(first: 1) { number } events(first: 20) { nodes { id } } }
      refunds(first: 10) { id totalRefundedSet { shopMoney { amount } } } returns(first: 5) { nodes { id } } } } }`;
    expect(queryCost(old)).toBe(4092);
  });

  const queries: [string, string, Record<string, unknown>][] = [
    ['customer recent orders', Q.CUSTOMER_RECENT_ORDERS, { q: 'email:"a@b.c"', first: Q.PAGE.orders }],
    ['orders updated since (reconcile, backfill)', Q.ORDERS_UPDATED_SINCE, { q: 'updated_at:>x', first: Q.PAGE.orders }],
    ['order state', Q.ORDER_STATE, { id: 'gid://shopify/Order/1' }],
    ['returnable fulfillments', Q.RETURNABLE_FULFILLMENTS, { orderId: 'gid://shopify/Order/1', first: Q.PAGE.returnableFulfillments }],
    ['shop name', Q.SHOP_NAME, {}],
  ];
  it.each(queries)('%s stays under the 1,000-point single-query limit', (_name, doc, vars) => {
    const cost = queryCost(doc, vars);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThan(SHOPIFY_MAX_QUERY_COST);
  });

  it('records what each costs now', () => {
    expect(queries.map(([name, doc, vars]) => [name, queryCost(doc, vars)])).toEqual([
      ['customer recent orders', 698],
      ['orders updated since (reconcile, backfill)', 698],
      ['order state', 9],
      ['returnable fulfillments', 218],
      ['shop name', 1],
    ]);
  });
});
