import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { ConnectionUnavailableError } from './connection-unavailable';
import { registerShopWebhooks } from './register-shop-webhooks';

/** An admin's "Register webhooks": create any missing subscription (idempotent) and say what happened. */
export async function registerStoreWebhooks(db: Db, config: Config, shop: string) {
  try {
    const r = await registerShopWebhooks(db, config, shop);
    const failed = r.failed.length ? `, ${r.failed.length} failed: ${r.failed.map((f) => `${f.topic} (${f.message})`).join('; ')}` : '';
    return { ok: r.failed.length === 0, ...r, msg: `${r.created.length} created, ${r.existing.length} already there${failed}.` };
  } catch (err) {
    if (err instanceof ConnectionUnavailableError) throw new AppError('not_connected', err.message);
    throw err;
  }
}
