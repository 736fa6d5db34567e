import { createSessionToken, type Role } from '@/lib/auth/session';
import { TEST_SECRETS } from './app';

/** Headers of a signed-in lead or admin: the session cookie and, unless told not to, the CSRF token. */
export function sessionHeaders(role: Role, opts: { csrf?: boolean; json?: boolean } = {}): Record<string, string> {
  const user = role === 'admin' ? { id: 1, email: 'admin@concord.test', role } : { id: 2, email: 'lead@concord.test', role };
  const { token, session } = createSessionToken(user, TEST_SECRETS.SESSION_SECRET, new Date());
  return {
    cookie: `concord_session=${token}`,
    ...(opts.csrf === false ? {} : { 'x-csrf-token': session.csrf }),
    ...(opts.json ? { 'content-type': 'application/json' } : {}),
  };
}
