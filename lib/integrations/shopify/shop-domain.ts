import { z } from 'zod';

// A store is named by its myshopify domain everywhere in Concord (ids, webhooks, OAuth, URLs).
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(shop: string): boolean {
  return SHOP_DOMAIN.test(shop);
}

/** The zod form for request bodies and queries: `{ shop: shopDomain }`. */
export const shopDomain = z.string().regex(SHOP_DOMAIN, 'must be a myshopify domain, e.g. acme.myshopify.com');
