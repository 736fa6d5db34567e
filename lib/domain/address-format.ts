import type { Address } from './types';

/** One line, as an agent and a customer read it: "12 Oak St, Apt 4, Springfield, IL, 62704, US". */
export function formatAddress(a: Partial<Address>): string {
  return [a.name, a.address1, a.address2, a.city, a.provinceCode ?? a.province, a.zip, a.countryCode ?? a.country]
    .filter(Boolean)
    .join(', ');
}
