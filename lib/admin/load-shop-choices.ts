import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';

/** The connected stores for a page's store switcher, oldest first (the first is the default). */
export async function loadShopChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: shops.id, name: shops.name }).from(shops).orderBy(shops.createdAt, shops.id);
}

/** The store a per-store page shows: the one asked for if it exists, else the first. */
export function pickShop(choices: { id: string }[], asked: string | undefined): string | null {
  return choices.find((s) => s.id === asked)?.id ?? choices[0]?.id ?? null;
}
