import { AppError } from '@/lib/errors/app-error';
import { isShopDomain } from '@/lib/integrations/shopify/shop-domain';

/** A `[shop]` path segment: a myshopify domain, or a 400 that says so (never a query with junk in it). */
export function shopParam(raw: string): string {
  const shop = decodeURIComponent(raw).trim().toLowerCase();
  if (!isShopDomain(shop)) throw new AppError('invalid_shop', 'The store must be a myshopify domain, e.g. acme.myshopify.com.');
  return shop;
}

/** An `[id]` path segment: a positive integer, or a 400 that names what the id is of. */
export function idParam(raw: string, what: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0)
    throw new AppError('invalid_id', `The ${what} id must be a positive integer.`);
  return id;
}
