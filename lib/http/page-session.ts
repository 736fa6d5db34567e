import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentSession, hasRole } from '@/lib/auth/require-role';
import { SESSION_COOKIE, type Role, type Session } from '@/lib/auth/session';

// The Next-bound half of sessions: pages read the cookie jar and redirect. The checks themselves
// live in lib/auth/require-role.ts.

/** For pages: redirect to the login page, or show a 403 page for the wrong role. */
export async function pageSession(role: Role, from: string): Promise<Session> {
  const jar = await cookies();
  const session = await currentSession(jar.get(SESSION_COOKIE)?.value);
  if (!session) redirect(`/login?next=${encodeURIComponent(from)}`);
  if (!hasRole(session, role)) redirect(`/login?forbidden=1&next=${encodeURIComponent(from)}`);
  return session;
}
