import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '@/lib/audit/write-audit';
import { linkShopAccounts } from './save-accounts';

/** PATCH /api/admin/stores/:shop: the Gorgias account (by domain) and Klaviyo account a store uses; '' unlinks. */
export const storeLinkBody = z.object({
  gorgiasDomain: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  klaviyoAccountId: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number), z.literal('').transform(() => null), z.null()])
    .optional(),
});

export async function linkStoreAccounts(db: Db, shop: string, link: z.output<typeof storeLinkBody>, adminEmail: string) {
  if (!(await linkShopAccounts(db, shop, link))) throw new AppError('unknown_shop', `No store ${shop}.`);
  await writeAudit(db, {
    shopId: shop,
    actor: { type: 'admin', id: adminEmail },
    action: 'connections.linked',
    explanation: `${adminEmail} linked ${shop}: ${JSON.stringify(link)}.`,
    after: link,
  });
  return { ok: true, msg: `Saved the links of ${shop}.` };
}
