import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';

export async function ensureShop(
  db: Db,
  shop: { id: string; name?: string; gorgiasDomain?: string | null; currency?: string },
): Promise<void> {
  const created = await db
    .insert(shops)
    .values({
      id: shop.id,
      name: shop.name ?? shop.id.replace(/\.myshopify\.com$/, ''),
      gorgiasDomain: shop.gorgiasDomain ?? null,
      currency: shop.currency ?? 'USD',
    })
    .onConflictDoNothing()
    .returning({ id: shops.id });
  if (created.length > 0) cache.clear();
}

// Read on every sidebar request and changed almost never: a short per-process cache.
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; ids: string[] }>();

/** After an admin links a shop to another helpdesk, this process sees it at once. */
export function clearShopsCache(): void {
  cache.clear();
}

/**
 * The stores a Gorgias account serves (a brand with several stores shares one helpdesk). An account
 * no store is linked to sees nothing: there is no fallback to "every store".
 */
export async function shopsForGorgiasDomain(db: Db, gorgiasDomain: string | null): Promise<string[]> {
  if (!gorgiasDomain) return [];
  const hit = cache.get(gorgiasDomain);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.ids;
  const rows = await db
    .select({ id: shops.id })
    .from(shops)
    .where(eq(shops.gorgiasDomain, gorgiasDomain))
    .orderBy(shops.createdAt, shops.id);
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) cache.set(gorgiasDomain, { at: Date.now(), ids });
  return ids;
}

/** The stores whose data a ticket of this store may show: those on the same helpdesk account. */
export async function shopsSharingHelpdesk(db: Db, shopId: string): Promise<string[]> {
  const [shop] = await db.select({ gorgiasDomain: shops.gorgiasDomain }).from(shops).where(eq(shops.id, shopId)).limit(1);
  if (!shop) return [];
  if (!shop.gorgiasDomain) return [shopId];
  const ids = await shopsForGorgiasDomain(db, shop.gorgiasDomain);
  return ids.includes(shopId) ? ids : [shopId, ...ids];
}
