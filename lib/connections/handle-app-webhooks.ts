import { and, eq, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { shopifyConnections } from '@/lib/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';

// The two app-lifecycle topics Concord subscribes every shop to.

/**
 * app/uninstalled: the shop removed the app, so its tokens are dead. Runs as soon as the delivery is
 * verified (before projection), so no further call goes out for the shop. A late redelivery of an old
 * uninstall doesn't undo a later reinstall: only a connection installed before the event is touched.
 */
export async function handleAppUninstalled(db: Db, shopId: string, triggeredAt: Date | null, now: Date): Promise<boolean> {
  const at = triggeredAt ?? now;
  const rows = await db
    .update(shopifyConnections)
    .set({
      status: 'uninstalled',
      statusReason: `The app was uninstalled from ${shopId} (${at.toISOString()}).`,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      updatedAt: now,
    })
    .where(and(eq(shopifyConnections.shopId, shopId), lt(shopifyConnections.installedAt, at), ne(shopifyConnections.status, 'uninstalled')))
    .returning({ shopId: shopifyConnections.shopId });
  if (rows.length > 0) {
    await writeAudit(db, {
      shopId,
      actor: { type: 'system' },
      action: 'shopify.uninstalled',
      explanation: `${shopId} uninstalled the app: Concord stopped calling its Shopify and its Shopify effects wait. Install the app again from /admin/connections to resume.`,
    });
  }
  return rows.length > 0;
}

// Payload fields per the changelog "New webhook topic app/scopes_update" (2024-10) and the webhook
// reference: previous and current scope lists (exact shape unconfirmed in a published sample; both
// an array and a comma-separated string are accepted).
const scopesPayload = z.looseObject({ current: z.union([z.array(z.string()), z.string()]).optional() });

/** app/scopes_update: keep the granted scopes the admin page shows in step with Shopify. */
export async function handleScopesUpdate(db: Db, shopId: string, payload: unknown, now: Date): Promise<void> {
  const parsed = scopesPayload.safeParse(payload);
  if (!parsed.success || parsed.data.current === undefined) return;
  const current = Array.isArray(parsed.data.current) ? parsed.data.current.join(',') : parsed.data.current;
  await db.update(shopifyConnections).set({ scopes: current, updatedAt: now }).where(eq(shopifyConnections.shopId, shopId));
}
