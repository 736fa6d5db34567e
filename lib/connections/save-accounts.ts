import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { gorgiasAccounts, klaviyoAccounts, shops } from '@/lib/db/schema';
import { clearShopsCache } from '@/lib/connections/shops';
import { encryptSecret } from './encrypt-secret';
import { gorgiasKeyContext, klaviyoKeyContext } from './shop-clients';

/** acme, acme.gorgias.com, https://acme.gorgias.com/ → acme (the form shops.gorgias_domain and Gorgias events use). */
export function gorgiasSubdomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.gorgias\.com$/, '');
}

/** Adds a Gorgias account, or replaces its credentials. Returns its id. */
export async function saveGorgiasAccount(
  db: Db,
  config: Config,
  input: { domain: string; apiEmail: string; apiKey: string; fromEnv?: boolean },
): Promise<number> {
  const domain = gorgiasSubdomain(input.domain);
  const values = {
    domain,
    apiEmail: input.apiEmail.trim(),
    apiKeyEnc: encryptSecret(config.encryption, input.apiKey.trim(), gorgiasKeyContext(domain)),
    fromEnv: input.fromEnv ?? false,
  };
  const [row] = await db
    .insert(gorgiasAccounts)
    .values(values)
    .onConflictDoUpdate({ target: gorgiasAccounts.domain, set: values })
    .returning({ id: gorgiasAccounts.id });
  return row.id;
}

export async function saveKlaviyoAccount(
  db: Db,
  config: Config,
  input: { label: string; privateKey: string; fromEnv?: boolean },
): Promise<number> {
  const label = input.label.trim();
  const values = {
    label,
    privateKeyEnc: encryptSecret(config.encryption, input.privateKey.trim(), klaviyoKeyContext(label)),
    fromEnv: input.fromEnv ?? false,
  };
  const [row] = await db
    .insert(klaviyoAccounts)
    .values(values)
    .onConflictDoUpdate({ target: klaviyoAccounts.label, set: values })
    .returning({ id: klaviyoAccounts.id });
  return row.id;
}

/** Links a shop to a Gorgias account (by its domain) and/or a Klaviyo account; null unlinks. */
export async function linkShopAccounts(
  db: Db,
  shopId: string,
  link: { gorgiasDomain?: string | null; klaviyoAccountId?: number | null },
): Promise<boolean> {
  const set: Partial<typeof shops.$inferInsert> = {};
  if (link.gorgiasDomain !== undefined) set.gorgiasDomain = link.gorgiasDomain === null ? null : gorgiasSubdomain(link.gorgiasDomain);
  if (link.klaviyoAccountId !== undefined) set.klaviyoAccountId = link.klaviyoAccountId;
  if (Object.keys(set).length === 0) return true;
  const rows = await db.update(shops).set(set).where(eq(shops.id, shopId)).returning({ id: shops.id });
  clearShopsCache();
  return rows.length > 0;
}

/** What an admin enters to add a helpdesk (POST /api/admin/gorgias-accounts). */
export const gorgiasAccountBody = z.object({
  domain: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((d) => /^[a-z0-9][a-z0-9-]*$/.test(gorgiasSubdomain(d)), 'must be your Gorgias subdomain, e.g. acme or acme.gorgias.com'),
  apiEmail: z.string().trim().email(),
  apiKey: z.string().trim().min(8),
});
