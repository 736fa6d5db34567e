import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { dummyPasswordHash, hashPassword, verifyPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/session';

export const DEMO_USERS = [
  { email: 'admin@concord.demo', role: 'admin' as const, name: 'Demo Admin' },
  { email: 'lead@concord.demo', role: 'lead' as const, name: 'Demo Lead' },
];
export const DEMO_PASSWORD = 'concord-demo';

/** Creates the user if the email is new; never overwrites an existing user's password. */
export async function ensureUser(db: Db, u: { email: string; password: string; role: Role; name?: string }): Promise<boolean> {
  if (u.password.length < 8) throw new Error('Passwords need at least 8 characters.');
  const rows = await db
    .insert(users)
    .values({ email: u.email.trim().toLowerCase(), role: u.role, name: u.name ?? null, passwordHash: await hashPassword(u.password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return rows.length > 0;
}

export interface SignedInUser {
  id: number;
  email: string;
  role: Role;
  sessionVersion: number;
}

const isDemoAccount = (email: string) => DEMO_USERS.some((u) => u.email === email);

/**
 * Checks an email and password. Exactly one scrypt whether or not the account exists, so timing
 * doesn't tell which emails are registered. Demo accounts only sign in while demo mode is on.
 */
export async function authenticate(db: Db, email: string, password: string, opts: { demoMode: boolean }): Promise<SignedInUser | null> {
  const normalized = email.trim().toLowerCase();
  const [u] = await db.select().from(users).where(eq(users.email, normalized)).limit(1);
  const ok = await verifyPassword(password, u?.passwordHash ?? (await dummyPasswordHash()));
  if (!u || !ok) return null;
  if (!opts.demoMode && isDemoAccount(u.email)) return null;
  return { id: u.id, email: u.email, role: u.role as Role, sessionVersion: u.sessionVersion };
}

/** Logging out ends every session of this user, on every instance. */
export async function endSessions(db: Db, userId: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** The user behind a session, if the session is still current (not logged out, role unchanged). */
export async function liveSessionUser(db: Db, userId: number, version: number): Promise<{ role: Role; email: string } | null> {
  const [u] = await db
    .select({ role: users.role, email: users.email, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!u || u.sessionVersion !== version) return null;
  return { role: u.role as Role, email: u.email };
}

/** Outside demo mode the demo accounts (whose password is published) must not exist. */
export async function removeDemoUsers(db: Db): Promise<number> {
  const rows = await db
    .delete(users)
    .where(
      inArray(
        users.email,
        DEMO_USERS.map((u) => u.email),
      ),
    )
    .returning({ id: users.id });
  return rows.length;
}
