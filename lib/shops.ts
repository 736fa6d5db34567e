import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';

export async function ensureShop(db: Db, shop: { id: string; name?: string; gorgiasDomain?: string | null; currency?: string }): Promise<void> {
  const created = await db
    .insert(shops)
    .values({ id: shop.id, name: shop.name ?? shop.id.replace(/\.myshopify\.com$/, ''), gorgiasDomain: shop.gorgiasDomain ?? null, currency: shop.currency ?? 'USD' })
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

/** The stores a Gorgias account serves; a brand with several stores shares one helpdesk. */
export async function shopsForGorgiasDomain(db: Db, gorgiasDomain: string | null): Promise<string[]> {
  const key = gorgiasDomain ?? '';
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.ids;
  const ids = await loadShopsForGorgiasDomain(db, gorgiasDomain);
  if (ids.length > 0) cache.set(key, { at: Date.now(), ids });
  return ids;
}

async function loadShopsForGorgiasDomain(db: Db, gorgiasDomain: string | null): Promise<string[]> {
  if (gorgiasDomain) {
    const rows = await db.select({ id: shops.id }).from(shops).where(eq(shops.gorgiasDomain, gorgiasDomain)).orderBy(shops.createdAt);
    if (rows.length > 0) return rows.map((r) => r.id);
  }
  const all = await db.select({ id: shops.id }).from(shops).orderBy(shops.createdAt);
  return all.map((r) => r.id);
}
