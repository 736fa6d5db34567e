import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';

export async function ensureShop(db: Db, shop: { id: string; name?: string; gorgiasDomain?: string | null; currency?: string }): Promise<void> {
  await db
    .insert(shops)
    .values({ id: shop.id, name: shop.name ?? shop.id.replace(/\.myshopify\.com$/, ''), gorgiasDomain: shop.gorgiasDomain ?? null, currency: shop.currency ?? 'USD' })
    .onConflictDoNothing();
}

/** The stores a Gorgias account serves; a brand with several stores shares one helpdesk. */
export async function shopsForGorgiasDomain(db: Db, gorgiasDomain: string | null): Promise<string[]> {
  if (gorgiasDomain) {
    const rows = await db.select({ id: shops.id }).from(shops).where(eq(shops.gorgiasDomain, gorgiasDomain)).orderBy(shops.createdAt);
    if (rows.length > 0) return rows.map((r) => r.id);
  }
  const all = await db.select({ id: shops.id }).from(shops).orderBy(shops.createdAt);
  return all.map((r) => r.id);
}
