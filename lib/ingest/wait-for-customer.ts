import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rowsOf, textArray } from '@/lib/db/rows';

/** Inbox events about these customer emails received but not applied to the read model yet. */
async function unappliedEventsFor(db: Db, emails: string[]): Promise<number> {
  const list = [...new Set(emails.filter(Boolean).map((e) => e.toLowerCase()))];
  if (list.length === 0) return 0;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from inbox_events where status = 'pending' and customer_email = any(${textArray(list)})`,
    ),
  );
  return Number(row?.n ?? 0);
}

/**
 * Before an automated decision about a customer: wait (at most `timeoutMs`) until every event about
 * them that has been received is applied, so the decision reads the current state. Returns how many
 * are still unapplied when it gives up (0: up to date); the caller then leaves the decision to a person.
 */
export async function waitForCustomerEvents(db: Db, emails: string[], opts: { timeoutMs: number; pollMs?: number }): Promise<number> {
  const until = Date.now() + (Number.isFinite(opts.timeoutMs) ? opts.timeoutMs : 0);
  for (;;) {
    const n = await unappliedEventsFor(db, emails);
    if (n === 0 || Date.now() >= until) return n;
    await new Promise((r) => setTimeout(r, Math.min(opts.pollMs ?? 100, Math.max(1, until - Date.now()))));
  }
}
