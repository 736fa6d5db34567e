import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors/app-error';
import { liveSessionUser } from '@/lib/auth/users';
import { sameSecret } from './same-secret';
import { readCookie, readSessionToken, SESSION_COOKIE, type Role, type Session } from './session';

const RANK: Record<Role, number> = { lead: 1, admin: 2 };

/** Whether a session's role is at least `role` (an admin may do what a lead may). */
export function hasRole(session: Session, role: Role): boolean {
  return RANK[session.role] >= RANK[role];
}

/**
 * A signed, unexpired session is not enough: the user must still exist, still have the role, and
 * not have logged out since (the session version). One indexed read per signed-in request.
 */
export async function currentSession(token: string | null | undefined): Promise<Session | null> {
  const session = readSessionToken(token, getConfig().secrets.session, new Date());
  if (!session) return null;
  const user = await liveSessionUser(await getDb(), session.userId, session.version);
  if (!user) return null;
  return { ...session, role: user.role, email: user.email };
}

/** For API routes: the session must exist, have the role, and (for mutations) carry the CSRF token. */
export async function requireRole(req: Request, role: Role): Promise<Session> {
  const session = await currentSession(readCookie(req.headers.get('cookie'), SESSION_COOKIE));
  if (!session) throw new AppError('not_signed_in', 'Sign in at /login first.');
  if (!hasRole(session, role)) throw new AppError('forbidden', `This needs the ${role} role; you are signed in as ${session.role}.`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const sent = req.headers.get('x-csrf-token') ?? '';
    if (!sent || !sameSecret(sent, session.csrf)) throw new AppError('csrf', 'Missing or wrong CSRF token: reload the page and try again.');
  }
  return session;
}
