import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { issues } from '@/lib/db/schema';
import type { IssueKind, IssueRecord } from '@/lib/domain/issues';
import type { IssueRowWrite, StoredIssue } from '@/lib/domain/plan';

// The issues table: a customer's open and resolved problems, unique on (shop, key).

function storedIssueFromRow(r: typeof issues.$inferSelect): StoredIssue {
  return {
    key: r.key,
    kind: r.kind as IssueKind,
    status: r.status as 'open' | 'resolved',
    openedAt: r.openedAt,
    resolvedAt: r.resolvedAt,
    lastSignalAt: r.lastSignalAt,
    reason: r.reason,
    orderId: r.orderId,
    ticketId: r.ticketId,
    closedBy: (r.closedBy as IssueRecord['closedBy']) ?? null,
    customerEmail: r.customerEmail,
    customerShopifyId: r.customerShopifyId,
  };
}

/** The stored issues with these keys, in one statement (none when there are no keys). */
export async function findIssuesByKeys(db: Db, shopId: string, keys: string[]): Promise<Map<string, StoredIssue>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select()
    .from(issues)
    .where(and(eq(issues.shopId, shopId), inArray(issues.key, unique)));
  return new Map(rows.map((r) => [r.key, storedIssueFromRow(r)]));
}

/** Open issues about these orders, by order, in one statement. */
export async function findOpenIssuesOfOrders(
  db: Db,
  shopId: string,
  orderIds: string[],
): Promise<Map<string, { key: string; kind: string }[]>> {
  const out = new Map<string, { key: string; kind: string }[]>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .select({ key: issues.key, kind: issues.kind, orderId: issues.orderId })
    .from(issues)
    .where(and(eq(issues.shopId, shopId), inArray(issues.orderId, orderIds), eq(issues.status, 'open')));
  for (const r of rows) (out.get(r.orderId!) ?? out.set(r.orderId!, []).get(r.orderId!)!).push({ key: r.key, kind: r.kind });
  return out;
}

/** One statement per write, in order (a later write may touch a row an earlier one inserted). */
export async function writeIssueRows(db: Db, writes: IssueRowWrite[]): Promise<void> {
  for (const w of writes) {
    if (w.op === 'insert') await db.insert(issues).values({ shopId: w.shopId, key: w.key, ...w.values });
    else
      await db
        .update(issues)
        .set(w.values)
        .where(and(eq(issues.shopId, w.shopId), eq(issues.key, w.key)));
  }
}
