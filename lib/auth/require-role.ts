import crypto from 'node:crypto';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { HttpError } from '@/lib/http/responses';
import { liveSessionUser } from '@/lib/auth/users';
import { readCookie, readSessionToken, SESSION_COOKIE, type Role, type Session } from './session';

const RANK: Record<Role, number> = { lead: 1, admin: 2 };

/**
 * A signed, unexpired session is not enough: the user must still exist, still have the role, and
 * not have logged out since (the session version). One indexed read per signed-in request.
 */
async function currentSession(token: string | null | undefined): Promise<Session | null> {
  const session = readSessionToken(token, getConfig().secrets.session, new Date());
  if (!session) return null;
  const user = await liveSessionUser(await getDb(), session.userId, session.version);
  if (!user) return null;
  return { ...session, role: user.role, email: user.email };
}

/** For API routes: the session must exist, have the role, and (for mutations) carry the CSRF token. */
export async function requireRole(req: Request, role: Role): Promise<Session> {
  const session = await currentSession(readCookie(req.headers.get('cookie'), SESSION_COOKIE));
  if (!session) throw new HttpError(401, 'not_signed_in', 'Sign in at /login first.');
  if (RANK[session.role] < RANK[role]) throw new HttpError(403, 'forbidden', `This needs the ${role} role; you are signed in as ${session.role}.`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const sent = req.headers.get('x-csrf-token') ?? '';
    if (!sent || !sameSecret(sent, session.csrf)) throw new HttpError(403, 'csrf', 'Missing or wrong CSRF token: reload the page and try again.');
  }
  return session;
}

/** For pages: redirect to the login page, or show a 403 page for the wrong role. */
export async function pageSession(role: Role, from: string): Promise<Session> {
  const jar = await cookies();
  const session = await currentSession(jar.get(SESSION_COOKIE)?.value);
  if (!session) redirect(`/login?next=${encodeURIComponent(from)}`);
  if (RANK[session.role] < RANK[role]) redirect(`/login?forbidden=1&next=${encodeURIComponent(from)}`);
  return session;
}

/** The signed-in user, if any, for pages that show more to people who are signed in. */
export async function optionalPageSession(): Promise<Session | null> {
  const jar = await cookies();
  return currentSession(jar.get(SESSION_COOKIE)?.value);
}

/** Constant-time comparison of two secrets of any length (hashing first equalises the lengths). */
export function sameSecret(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}
