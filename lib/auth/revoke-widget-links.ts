import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';

/** Every widget link of the store issued before now stops working; Gorgias hands out new ones on the next ticket event. */
export async function revokeWidgetLinks(db: Db, shopId: string, actor: Actor, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx.update(shops).set({ widgetLinksRevokedBefore: now }).where(eq(shops.id, shopId)).returning({ id: shops.id });
    if (updated.length === 0) return false;
    await writeAudit(tx, {
      shopId,
      actor,
      action: 'widget_links.revoked',
      explanation: `${actor.id ?? actor.type} revoked every widget link of ${shopId} issued before ${now.toISOString()}.`,
      after: { revokedBefore: now.toISOString() },
    });
    return true;
  });
}
