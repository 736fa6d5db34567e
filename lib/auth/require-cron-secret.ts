import crypto from 'node:crypto';
import { getConfig } from '@/lib/runtime/config';
import { HttpError } from '@/lib/http/responses';

// Vercel Cron sends Authorization: Bearer <CRON_SECRET>; any other scheduler can do the same.
export function requireCronSecret(headers: Headers): void {
  const got = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1] ?? '';
  const a = crypto.createHash('sha256').update(got).digest();
  const b = crypto.createHash('sha256').update(getConfig().secrets.cron).digest();
  if (!got || !crypto.timingSafeEqual(a, b)) throw new HttpError(401, 'unauthorized', 'Send Authorization: Bearer <CRON_SECRET>.');
}
