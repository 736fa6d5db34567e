import crypto from 'node:crypto';
import { signToken, verifyToken } from './signed-token';

// Leads and admins sign in; their session is a signed, httpOnly cookie. Each session carries its
// own CSRF token, which the pages send back in the x-csrf-token header on every mutating request:
// a cross-site form can ride the cookie but can't read or forge the token.

export const SESSION_COOKIE = 'concord_session';
const SESSION_TTL_MS = 12 * 3600_000;
export type Role = 'lead' | 'admin';

export interface Session {
  userId: number;
  email: string;
  role: Role;
  csrf: string;
  expiresAt: number;
  version: number; // the user's session version when it was issued (logout bumps it)
}

export function createSessionToken(
  user: { id: number; email: string; role: Role; sessionVersion?: number },
  secret: string,
  now: Date,
): { token: string; session: Session } {
  const session: Session = {
    userId: user.id,
    email: user.email,
    role: user.role,
    csrf: crypto.randomBytes(18).toString('base64url'),
    expiresAt: now.getTime() + SESSION_TTL_MS,
    version: user.sessionVersion ?? 0,
  };
  return { token: signToken({ k: 'session', ...session }, secret), session };
}

export function readSessionToken(token: string | undefined | null, secret: string, now: Date): Session | null {
  if (!token) return null;
  const p = verifyToken(token, secret);
  if (!p || p.k !== 'session' || typeof p.expiresAt !== 'number' || p.expiresAt < now.getTime()) return null;
  if (
    (p.role !== 'lead' && p.role !== 'admin') ||
    typeof p.userId !== 'number' ||
    typeof p.csrf !== 'string' ||
    typeof p.email !== 'string'
  )
    return null;
  return {
    userId: p.userId,
    email: p.email,
    role: p.role,
    csrf: p.csrf,
    expiresAt: p.expiresAt,
    version: typeof p.version === 'number' ? p.version : 0,
  };
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}
