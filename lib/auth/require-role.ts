import crypto from 'node:crypto';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { HttpError } from '@/lib/http/responses';
import { readCookie, readSessionToken, SESSION_COOKIE, type Role, type Session } from './session';

const RANK: Record<Role, number> = { lead: 1, admin: 2 };

/** For API routes: the session must exist, have the role, and (for mutations) carry the CSRF token. */
export function requireRole(req: Request, role: Role): Session {
  const session = readSessionToken(readCookie(req.headers.get('cookie'), SESSION_COOKIE), getConfig().secrets.session, new Date());
  if (!session) throw new HttpError(401, 'not_signed_in', 'Sign in at /login first.');
  if (RANK[session.role] < RANK[role]) throw new HttpError(403, 'forbidden', `This needs the ${role} role; you are signed in as ${session.role}.`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const sent = req.headers.get('x-csrf-token') ?? '';
    const a = crypto.createHash('sha256').update(sent).digest();
    const b = crypto.createHash('sha256').update(session.csrf).digest();
    if (!sent || !crypto.timingSafeEqual(a, b)) throw new HttpError(403, 'csrf', 'Missing or wrong CSRF token: reload the page and try again.');
  }
  return session;
}

/** For pages: redirect to the login page, or show a 403 page for the wrong role. */
export async function pageSession(role: Role, from: string): Promise<Session> {
  const jar = await cookies();
  const session = readSessionToken(jar.get(SESSION_COOKIE)?.value, getConfig().secrets.session, new Date());
  if (!session) redirect(`/login?next=${encodeURIComponent(from)}`);
  if (RANK[session.role] < RANK[role]) redirect(`/login?forbidden=1&next=${encodeURIComponent(from)}`);
  return session;
}
