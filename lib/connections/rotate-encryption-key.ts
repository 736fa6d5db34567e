import { and, eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { gorgiasAccounts, klaviyoAccounts, shopifyConnections } from '@/lib/db/schema';
import { decryptSecret, encryptSecret, sealedWithCurrentKey } from './encrypt-secret';
import { gorgiasKeyContext, klaviyoKeyContext } from './shop-clients';
import { accessTokenContext, refreshTokenContext } from './shopify-connection-store';

/**
 * Key rotation, step 2: re-seal every stored secret under CONCORD_ENCRYPTION_KEY. Step 1 is setting
 * the new key and moving the old one to CONCORD_ENCRYPTION_PREVIOUS_KEYS (both keep working
 * meanwhile); step 3, once this reports nothing left, is removing the old key. Each value is
 * rewritten only if it changed nothing else since it was read (compare-and-set on the ciphertext).
 */
export async function rotateEncryptionKey(db: Db, config: Config): Promise<{ resealed: number; alreadyCurrent: number }> {
  const keys = config.encryption;
  let resealed = 0;
  let alreadyCurrent = 0;
  const reseal = (sealed: string, context: string) => encryptSecret(keys, decryptSecret(keys, sealed, context), context);
  for (const row of await db.select().from(shopifyConnections)) {
    const set: Partial<typeof shopifyConnections.$inferInsert> = {};
    if (row.accessTokenEnc && !sealedWithCurrentKey(keys, row.accessTokenEnc))
      set.accessTokenEnc = reseal(row.accessTokenEnc, accessTokenContext(row.shopId));
    if (row.refreshTokenEnc && !sealedWithCurrentKey(keys, row.refreshTokenEnc))
      set.refreshTokenEnc = reseal(row.refreshTokenEnc, refreshTokenContext(row.shopId));
    if (Object.keys(set).length === 0) {
      alreadyCurrent++;
      continue;
    }
    // A refresh that ran meanwhile already wrote current-key values: leave its row alone.
    const done = await db
      .update(shopifyConnections)
      .set(set)
      .where(and(eq(shopifyConnections.shopId, row.shopId), eq(shopifyConnections.tokenVersion, row.tokenVersion)))
      .returning({ shopId: shopifyConnections.shopId });
    if (done.length > 0) resealed++;
  }
  for (const row of await db.select().from(gorgiasAccounts)) {
    if (sealedWithCurrentKey(keys, row.apiKeyEnc)) alreadyCurrent++;
    else {
      await db
        .update(gorgiasAccounts)
        .set({ apiKeyEnc: reseal(row.apiKeyEnc, gorgiasKeyContext(row.domain)) })
        .where(eq(gorgiasAccounts.id, row.id));
      resealed++;
    }
  }
  for (const row of await db.select().from(klaviyoAccounts)) {
    if (sealedWithCurrentKey(keys, row.privateKeyEnc)) alreadyCurrent++;
    else {
      await db
        .update(klaviyoAccounts)
        .set({ privateKeyEnc: reseal(row.privateKeyEnc, klaviyoKeyContext(row.label)) })
        .where(eq(klaviyoAccounts.id, row.id));
      resealed++;
    }
  }
  return { resealed, alreadyCurrent };
}
