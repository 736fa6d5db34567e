import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/audit/write-audit';
import { markShopifyDisconnected } from './shopify-connection-store';

/** An admin disconnects a store: no more Shopify calls for it; its effects wait for a reconnect. */
export async function disconnectShop(db: Db, shopId: string, admin: string, now: Date): Promise<boolean> {
  const changed = await markShopifyDisconnected(
    db,
    shopId,
    'disconnected',
    `Disconnected by ${admin} on ${now.toISOString().slice(0, 10)}.`,
    now,
  );
  if (changed) {
    await writeAudit(db, {
      shopId,
      actor: { type: 'admin', id: admin },
      action: 'shopify.disconnected',
      explanation: `${admin} disconnected ${shopId} from Shopify: Concord makes no more calls for it, and its Shopify effects wait until it is reconnected.`,
    });
  }
  return changed;
}
