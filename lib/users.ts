import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
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
    .values({ email: u.email.trim().toLowerCase(), role: u.role, name: u.name ?? null, passwordHash: hashPassword(u.password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function authenticate(db: Db, email: string, password: string): Promise<{ id: number; email: string; role: Role } | null> {
  const [u] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  // Same work whether or not the user exists, so timing doesn't tell which emails are registered.
  const ok = verifyPassword(password, u?.passwordHash ?? hashPassword('timing-equaliser'));
  return u && ok ? { id: u.id, email: u.email, role: u.role as Role } : null;
}
