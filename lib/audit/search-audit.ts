import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { auditLog, orders } from '@/lib/db/schema';
import { toCsv } from '@/lib/domain/csv';
import { ACTOR_TYPES, AUDIT_ACTIONS } from './audit-actions';

// The audit log, searchable: by customer, order, ticket, actor, action, words in the explanation,
// store and date. Newest first. The page and the CSV export take the same query string.

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .transform((s) => s || undefined)
    .optional();
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real date')
  .optional()
  .or(z.literal('').transform(() => undefined));

const auditFiltersSchema = z.object({
  email: text(320),
  order: text(40),
  ticket: text(40),
  actor: text(320),
  action: text(100),
  q: text(200),
  shop: text(255),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const AUDIT_PAGE_SIZE = 50;
const AUDIT_CSV_LIMIT = 20_000;

/**
 * Reads filters from a query string (first value of each known key). A bad value is dropped and
 * reported, so the page can still show what the other filters find; the CSV export refuses it.
 */
export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): {
  filters: AuditFilters;
  errors: string[];
} {
  const get = (k: string) => (params instanceof URLSearchParams ? (params.get(k) ?? undefined) : [params[k]].flat()[0]);
  const shape = auditFiltersSchema.shape;
  const out: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const r = shape[key].safeParse(get(key));
    if (r.success) out[key] = r.data;
    else errors.push(`${key}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { filters: auditFiltersSchema.parse(out), errors };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function whereFor(db: Db, f: AuditFilters): Promise<SQL | undefined> {
  const conds: (SQL | undefined)[] = [];
  if (f.email) conds.push(eq(auditLog.customerEmail, f.email.toLowerCase()));
  if (f.ticket) conds.push(eq(auditLog.ticketId, f.ticket.replace(/^#/, '')));
  if (f.order) {
    // An order is searchable by its Shopify id or by the number customers and agents quote ("#1043").
    const number = /^#?(\d{1,9})$/.exec(f.order)?.[1];
    const ids = number
      ? (
          await db
            .select({ id: orders.shopifyOrderId })
            .from(orders)
            .where(or(eq(orders.orderNumber, Number(number)), eq(orders.name, `#${number}`)))
            .limit(50)
        ).map((o) => o.id)
      : [];
    conds.push(ids.length ? or(eq(auditLog.orderId, f.order), inArray(auditLog.orderId, ids)) : eq(auditLog.orderId, f.order));
  }
  if (f.actor) {
    const a = f.actor.toLowerCase();
    conds.push(
      (ACTOR_TYPES as readonly string[]).includes(a)
        ? eq(auditLog.actorType, a)
        : sql`lower(${auditLog.actorId}) like ${`%${likeEscape(a)}%`} escape '\\'`,
    );
  }
  // "suppression" finds suppression.suppress, suppression.release...; "draft.taught" finds exactly that.
  if (f.action) conds.push(or(eq(auditLog.action, f.action), sql`${auditLog.action} like ${`${likeEscape(f.action)}.%`} escape '\\'`));
  if (f.q) conds.push(sql`${auditLog.explanation} ilike ${`%${likeEscape(f.q)}%`} escape '\\'`);
  if (f.shop) conds.push(eq(auditLog.shopId, f.shop));
  if (f.from) conds.push(sql`${auditLog.at} >= ${`${f.from}T00:00:00Z`}::timestamptz`);
  if (f.to) conds.push(sql`${auditLog.at} < (${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day')`);
  return conds.length ? and(...conds) : undefined;
}

export type AuditRow = typeof auditLog.$inferSelect;

export async function searchAudit(
  db: Db,
  f: AuditFilters,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; page: number; hasNext: boolean }> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(await whereFor(db, f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize + 1)
    .offset((f.page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), page: f.page, hasNext: rows.length > pageSize };
}

/** The action filter's choices: every action the log records (lib/audit/audit-actions.ts), sorted. */
export function auditActions(): string[] {
  return [...AUDIT_ACTIONS].sort();
}

const CSV_HEADER = [
  'id',
  'at',
  'shop',
  'actor_type',
  'actor',
  'action',
  'subject_type',
  'subject_id',
  'customer_email',
  'order_id',
  'ticket_id',
  'explanation',
  'before',
  'after',
];

/** Every matching entry (up to AUDIT_CSV_LIMIT), newest first, as CSV. */
export async function exportAuditCsv(db: Db, f: AuditFilters): Promise<{ csv: string; rows: number; capped: boolean }> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(await whereFor(db, f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_CSV_LIMIT + 1);
  const shown = rows.slice(0, AUDIT_CSV_LIMIT);
  const csv = toCsv(
    CSV_HEADER,
    shown.map((r) => [
      r.id,
      r.at,
      r.shopId,
      r.actorType,
      r.actorId,
      r.action,
      r.subjectType,
      r.subjectId,
      r.customerEmail,
      r.orderId,
      r.ticketId,
      r.explanation,
      r.before,
      r.after,
    ]),
  );
  return { csv, rows: shown.length, capped: rows.length > AUDIT_CSV_LIMIT };
}
