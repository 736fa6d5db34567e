import { describe, expect, it } from 'vitest';
import { customerTotals } from '@/lib/domain/customer-totals';

describe('customerTotals', () => {
  it('counts the orders Concord holds when the webhook carried no orders_count/total_spent', () => {
    expect(customerTotals({ ordersCount: 0, totalSpent: '0.00' }, { count: 3, spentMinor: 123_450 })).toEqual({
      ordersCount: 3,
      totalSpent: '1234.50',
      source: 'orders_held',
    });
  });
  it('keeps the Admin API figures (all history) when they are larger', () => {
    expect(customerTotals({ ordersCount: 12, totalSpent: '2400.00' }, { count: 3, spentMinor: 30_000 })).toEqual({
      ordersCount: 12,
      totalSpent: '2400.00',
      source: 'shopify',
    });
  });
});
