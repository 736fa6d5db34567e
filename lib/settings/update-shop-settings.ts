import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/audit/write-audit';
import { settingsProblems } from '@/lib/domain/settings-fields';
import { shopDomain } from '@/lib/integrations/shopify/shop-domain';
import { getSettings, saveSettings } from './settings-store';

export const settingsQuery = z.object({ shop: shopDomain });
export const settingsBody = z.object({ shop: shopDomain, settings: z.record(z.string(), z.unknown()) });

async function requireKnownShop(db: Db, shopId: string): Promise<void> {
  const [row] = await db.select({ id: shops.id }).from(shops).where(eq(shops.id, shopId)).limit(1);
  if (!row) throw new AppError('unknown_shop', `No store ${shopId} is connected.`);
}

/** A connected store's current settings and version. */
export async function loadShopSettings(db: Db, shopId: string) {
  await requireKnownShop(db, shopId);
  return getSettings(db, shopId);
}

/** Saves a new version after the form's own checks, again on the server: a cleared field is refused, never saved as 0 or "". */
export async function updateShopSettings(db: Db, shopId: string, settings: Record<string, unknown>, actor: Actor) {
  await requireKnownShop(db, shopId);
  const problems = settingsProblems(settings);
  if (problems.length) throw new AppError('invalid_settings', `Not saved. ${problems.map((p) => `${p.label}: ${p.message}`).join(' ')}`);
  const saved = await saveSettings(db, shopId, settings, actor);
  return { ok: true, msg: `Saved as version ${saved.version}.`, settings: saved };
}
