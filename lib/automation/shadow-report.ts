import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { actions, messages } from '@/lib/db/schema';

// Before an admin switches an intent live: what the automation would have done in shadow mode, per
// intent (how many, which tickets, the exact calls), and what a person later did on the same tickets
// (their actions and whether they replied), so the two can be compared.

export interface ShadowItem {
  ticketId: string;
  actionId: number;
  at: Date;
  wouldHave: string;
  calls: string[];
  personLater: { kind: string; actor: string; status: string; overridden: boolean; at: Date }[];
  personReplied: boolean;
}

export interface ShadowIntentRow {
  intent: string;
  count: number;
  personDidTheSame: number; // a person later did the same kind of action on the ticket
  items: ShadowItem[];
}

export async function shadowReport(
  db: Db,
  shopId: string,
  opts: { since?: Date; limitPerIntent?: number } = {},
): Promise<ShadowIntentRow[]> {
  const rows = await db
    .select()
    .from(actions)
    .where(
      and(
        eq(actions.shopId, shopId),
        eq(actions.actorId, 'automation'),
        eq(actions.status, 'shadow'),
        ...(opts.since ? [gt(actions.createdAt, opts.since)] : []),
      ),
    )
    .orderBy(asc(actions.createdAt));
  const ticketIds = [...new Set(rows.map((r) => r.ticketId).filter((t): t is string => t !== null))];
  const later = ticketIds.length
    ? await db
        .select()
        .from(actions)
        .where(and(eq(actions.shopId, shopId), inArray(actions.ticketId, ticketIds), ne(actions.actorType, 'system')))
        .orderBy(asc(actions.createdAt))
    : [];
  const replies = ticketIds.length
    ? await db
        .select({ ticketId: messages.ticketId, at: messages.gorgiasCreatedAt })
        .from(messages)
        .where(and(inArray(messages.ticketId, ticketIds), eq(messages.fromAgent, true), eq(messages.internalNote, false)))
    : [];
  const byIntent = new Map<string, ShadowIntentRow>();
  for (const r of rows) {
    const params = r.params as { intent?: string; summary?: string; calls?: { kind: string }[] };
    const intent = params.intent ?? 'other';
    const row = byIntent.get(intent) ?? { intent, count: 0, personDidTheSame: 0, items: [] };
    const personLater = later
      .filter((a) => a.ticketId === r.ticketId && a.createdAt >= r.createdAt)
      .map((a) => ({ kind: a.kind, actor: a.actorId ?? a.actorType, status: a.status, overridden: a.overridden, at: a.createdAt }));
    row.count++;
    if (personLater.some((p) => p.kind === r.kind)) row.personDidTheSame++;
    if (row.items.length < (opts.limitPerIntent ?? 50)) {
      row.items.push({
        ticketId: r.ticketId ?? '',
        actionId: r.id,
        at: r.createdAt,
        wouldHave: params.summary ?? r.kind.replace(/_/g, ' '),
        calls: (params.calls ?? []).map((c) => c.kind),
        personLater,
        personReplied: replies.some((m) => m.ticketId === r.ticketId && m.at !== null && m.at >= r.createdAt),
      });
    }
    byIntent.set(intent, row);
  }
  return [...byIntent.values()].sort((a, b) => b.count - a.count);
}
