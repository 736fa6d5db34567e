import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { inboxEvents, orders, shops } from '@/lib/db/schema';
import type { ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import { writeAudit } from '@/lib/audit/write-audit';
import { applyAdminOrders } from '@/lib/shopify-sync/refresh-customer';

export interface ReconcileResult {
  since: string;
  checked: number;
  missing: number; // in Shopify, not in the read model (a lost orders/create)
  behind: number; // the read model holds an older version (a lost orders/updated)
  pages: number;
  heldSettled?: number; // deliveries held as too old, settled by this run's read of Shopify
}

export interface BackfillProgress {
  shopId: string;
  since: string;
  startedAt: string;
  pages: number;
  checked: number;
  repaired: number;
}

// Progress of the backfills and reconciliations running in this process, for /admin and /api/health.
// On globalThis: Next bundles the start-up code and each route separately, each with its own copy of
// this module, and the health route must see what start-up's backfill writes.
const running = ((globalThis as { __concordBackfills?: Map<string, BackfillProgress> }).__concordBackfills ??= new Map());
export const backfillsInProgress = (): BackfillProgress[] => [...running.values()].map((p) => ({ ...p }));

/**
 * Webhooks can be lost. Compare the orders Shopify changed since the last run with the read
 * model and repair any drift through the normal upserts. The first run is the backfill.
 */
export async function reconcileShop(
  db: Db,
  shopify: ShopifyAdminClient,
  shopId: string,
  now: Date,
  opts: { maxPages?: number; backfillDays?: number; onPage?: (progress: ReconcileResult) => Promise<void> } = {},
): Promise<ReconcileResult> {
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopId)).limit(1);
  const since = shop?.reconciledAt ?? new Date(now.getTime() - (opts.backfillDays ?? 60) * 86_400_000);
  // Overlap the window a little: an order updated while the last run was paging isn't missed.
  const from = new Date(since.getTime() - 10 * 60_000);
  const result: ReconcileResult = { since: from.toISOString(), checked: 0, missing: 0, behind: 0, pages: 0 };
  let cursor: string | undefined;
  const progress: BackfillProgress = {
    shopId,
    since: from.toISOString(),
    startedAt: new Date().toISOString(),
    pages: 0,
    checked: 0,
    repaired: 0,
  };
  running.set(shopId, progress);
  try {
    do {
      const page = await shopify.ordersUpdatedSince(from, cursor);
      result.pages++;
      result.checked += page.orders.length;
      const ids = page.orders.map((o) => o.order.id);
      const stored = ids.length
        ? await db
            .select({ id: orders.shopifyOrderId, updatedAt: orders.shopifyUpdatedAt })
            .from(orders)
            .where(and(eq(orders.shopId, shopId), inArray(orders.shopifyOrderId, ids)))
        : [];
      const byId = new Map(stored.map((s) => [s.id, s.updatedAt]));
      const drifted = page.orders.filter((o) => {
        const have = byId.get(o.order.id);
        if (!have) result.missing++;
        else if (have < o.order.updatedAt) result.behind++;
        else return false;
        return true;
      });
      await applyAdminOrders(db, shopId, drifted, now, 'reconciliation');
      Object.assign(progress, { pages: result.pages, checked: result.checked, repaired: result.missing + result.behind });
      await opts.onPage?.({ ...result });
      cursor = page.nextCursor ?? undefined;
    } while (cursor && result.pages < (opts.maxPages ?? 50));
  } finally {
    running.delete(shopId);
  }
  await db
    .update(shops)
    .set({ reconciledAt: now, ...(shop?.backfilledAt ? {} : { backfilledAt: now }) })
    .where(eq(shops.id, shopId));
  // Deliveries held as too old (possible replays) are never applied; this run read the state they
  // were about straight from Shopify, which settles them.
  const settled = await db
    .update(inboxEvents)
    .set({
      status: 'superseded',
      lastError: `held as too old; Shopify's current state was read by reconciliation at ${now.toISOString()} instead`,
    })
    .where(
      and(
        eq(inboxEvents.shopId, shopId),
        eq(inboxEvents.source, 'shopify'),
        eq(inboxEvents.status, 'held'),
        lt(inboxEvents.receivedAt, now),
      ),
    )
    .returning({ id: inboxEvents.id });
  result.heldSettled = settled.length;
  await writeAudit(db, {
    shopId,
    actor: { type: 'system' },
    action: 'shopify.reconciled',
    explanation: `Compared ${result.checked} orders changed in Shopify since ${from.toISOString()} with the read model: ${result.missing} missing and ${result.behind} out of date were repaired.${settled.length ? ` ${settled.length} held (too old) deliveries were settled by this read instead of being applied.` : ''}`,
    after: result,
  });
  return result;
}
