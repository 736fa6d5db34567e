import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { authenticate, endSessions, type SignedInUser } from '@/lib/auth/users';
import { admitLoginAttempt, recordLoginResult } from './login-throttle';
import { createSessionToken, type Session } from './session';

/** Throttled sign-in: 429 with Retry-After past the limits, one scrypt per admitted attempt. */
export async function signIn(
  db: Db,
  config: Config,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<{ token: string; session: Session }> {
  const email = input.email.trim().toLowerCase();
  const admitted = await admitLoginAttempt(db, input.ip, email, now);
  if (!admitted.ok) {
    throw new AppError(
      'too_many_attempts',
      `Sign-in paused: ${admitted.why}. Try again in ${Math.ceil(admitted.retryAfterSeconds / 60)} min.`,
      {
        'retry-after': String(admitted.retryAfterSeconds),
      },
    );
  }
  const user: SignedInUser | null = await authenticate(db, email, input.password, { demoMode: config.demoMode });
  await recordLoginResult(db, email, user !== null, now);
  if (!user) throw new AppError('bad_credentials', 'Wrong email or password.');
  return createSessionToken(user, config.secrets.session, now);
}

export async function signOut(db: Db, session: Session | null): Promise<void> {
  if (session) await endSessions(db, session.userId);
}

/**
 * The address a request came from, for throttling. Next's route handlers don't expose the socket,
 * so this trusts the proxy in front: the last X-Forwarded-For hop is the one our proxy added (earlier
 * hops are whatever the client sent). Without a proxy every caller shares one bucket.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return (last ?? headers.get('x-real-ip') ?? 'unknown').slice(0, 64);
}

/**
 * Where to go after signing in: only a path on this app. Anything that resolves to another origin
 * (`//evil`, `/\evil`, `https://evil`, encoded variants) falls back to /admin.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/admin'): string {
  if (!next || next.length > 2000 || !next.startsWith('/')) return fallback;
  try {
    const base = 'http://concord.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** Login CSRF: a sign-in must come from a page of this app (its own origin or APP_URL). */
export function isSameOriginPost(headers: Headers, requestUrl: string, appUrl: string): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true; // same-origin form posts from older browsers; fetch always sends it
  let host: string;
  try {
    host = new URL(origin).host; // "null" (sandboxed frames, file://) throws: not ours
  } catch {
    return false;
  }
  const own = [safeHost(requestUrl), safeHost(appUrl), headers.get('host')].filter(Boolean);
  return own.includes(host);
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
