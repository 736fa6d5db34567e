import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { loginThrottle } from '@/lib/db/schema';

// Fixed windows kept in the database, so every instance counts the same attempts. Per address: all
// attempts (a guesser spreading over many accounts); per account: failures (a guesser spreading over
// many addresses). A success clears the account's failures.
const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_ATTEMPTS_PER_IP = 30;
export const MAX_FAILURES_PER_ACCOUNT = 10;

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; why: string };

/** Counts one attempt from this address and says whether it may go ahead. */
export async function admitLoginAttempt(db: Db, ip: string, email: string, now: Date): Promise<ThrottleVerdict> {
  const ipRow = await bump(db, `ip:${ip}`, now, 'attempts');
  if (ipRow.attempts > MAX_ATTEMPTS_PER_IP) return blocked(ipRow.windowStart, now, 'too many sign-in attempts from this address');
  const [account] = await db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, `account:${email}`));
  if (account && inWindow(account.windowStart, now) && account.failures >= MAX_FAILURES_PER_ACCOUNT) {
    return blocked(account.windowStart, now, 'too many failed sign-ins for this account');
  }
  return { ok: true };
}

export async function recordLoginResult(db: Db, email: string, success: boolean, now: Date): Promise<void> {
  if (success) await db.delete(loginThrottle).where(eq(loginThrottle.key, `account:${email}`));
  else await bump(db, `account:${email}`, now, 'failures');
}

const inWindow = (start: Date, now: Date) => now.getTime() - start.getTime() < THROTTLE_WINDOW_MS;

function blocked(windowStart: Date, now: Date, why: string): ThrottleVerdict {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + THROTTLE_WINDOW_MS - now.getTime()) / 1000)), why };
}

/** One atomic upsert: a fresh window when the old one is over, else one more in the current one. */
async function bump(db: Db, key: string, now: Date, column: 'attempts' | 'failures') {
  const expired = sql`${loginThrottle.windowStart} <= ${new Date(now.getTime() - THROTTLE_WINDOW_MS)}`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, windowStart: now, attempts: column === 'attempts' ? 1 : 0, failures: column === 'failures' ? 1 : 0 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        windowStart: sql`case when ${expired} then ${now} else ${loginThrottle.windowStart} end`,
        attempts:
          column === 'attempts'
            ? sql`case when ${expired} then 1 else ${loginThrottle.attempts} + 1 end`
            : sql`case when ${expired} then 0 else ${loginThrottle.attempts} end`,
        failures:
          column === 'failures'
            ? sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`
            : sql`case when ${expired} then 0 else ${loginThrottle.failures} end`,
      },
    })
    .returning();
  return row;
}
