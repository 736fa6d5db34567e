import { toMinorUnits } from './money';

// A customer's order count and spend. Shopify's order webhooks no longer carry the customer's
// orders_count / total_spent (tests/fixtures/shopify/published/orders_create.json), so the stored
// figures are zero until an Admin API refresh. Concord holds the orders itself: their count and net
// spend (totals less refunds, cancelled orders excluded) are a floor that is right from the first
// webhook; the Admin API figure (all history) wins when it is larger.

export interface CustomerTotals {
  ordersCount: number;
  totalSpent: string; // decimal string, shop currency
  source: 'orders_held' | 'shopify';
}

export function customerTotals(
  stored: { ordersCount: number; totalSpent: string },
  held: { count: number; spentMinor: number },
): CustomerTotals {
  const storedMinor = toMinorUnits(stored.totalSpent);
  const spentMinor = Math.max(storedMinor, held.spentMinor);
  return {
    ordersCount: Math.max(stored.ordersCount, held.count),
    totalSpent: (spentMinor / 100).toFixed(2),
    source: held.count > stored.ordersCount || held.spentMinor > storedMinor ? 'orders_held' : 'shopify',
  };
}
