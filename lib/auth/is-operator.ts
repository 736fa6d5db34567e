import crypto from 'node:crypto';
import { getConfig } from '@/lib/runtime/config';
import { readCookie, readSessionToken, SESSION_COOKIE } from './session';

/** An admin's session, or monitoring holding the cron secret (`Authorization: Bearer <CRON_SECRET>`). */
export function isOperator(req: Request): boolean {
  const config = getConfig();
  const session = readSessionToken(readCookie(req.headers.get('cookie'), SESSION_COOKIE), config.secrets.session, new Date());
  if (session?.role === 'admin') return true;
  const got = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!got) return false;
  const a = crypto.createHash('sha256').update(got).digest();
  const b = crypto.createHash('sha256').update(config.secrets.cron).digest();
  return crypto.timingSafeEqual(a, b);
}
