import { getConfig } from '@/lib/runtime/config';
import { AppError } from '@/lib/errors/app-error';
import { bearerToken, sameSecret } from './same-secret';

// Vercel Cron sends Authorization: Bearer <CRON_SECRET>; any other scheduler can do the same.
export function requireCronSecret(headers: Headers): void {
  const got = bearerToken(headers.get('authorization')) ?? '';
  if (!got || !sameSecret(got, getConfig().secrets.cron)) throw new AppError('unauthorized', 'Send Authorization: Bearer <CRON_SECRET>.');
}
