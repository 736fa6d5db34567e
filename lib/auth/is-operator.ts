import { getConfig } from '@/lib/runtime/config';
import { bearerToken, sameSecret } from './same-secret';
import { readCookie, readSessionToken, SESSION_COOKIE } from './session';

/** An admin's session, or monitoring holding the cron secret (`Authorization: Bearer <CRON_SECRET>`). */
export function isOperator(req: Request): boolean {
  const config = getConfig();
  const session = readSessionToken(readCookie(req.headers.get('cookie'), SESSION_COOKIE), config.secrets.session, new Date());
  if (session?.role === 'admin') return true;
  const got = bearerToken(req.headers.get('authorization'));
  if (!got) return false;
  return sameSecret(got, config.secrets.cron);
}
