import type { Settings } from './settings';
import type { Customer } from './types';
import { toMinorUnits } from './money';

export function isVip(customer: Pick<Customer, 'tags' | 'totalSpent'>, settings: Settings): boolean {
  const tags = new Set(customer.tags.map((t) => t.toLowerCase()));
  if (settings.vip.tags.some((t) => tags.has(t.toLowerCase()))) return true;
  return toMinorUnits(customer.totalSpent) >= toMinorUnits(settings.vip.minTotalSpent);
}
