import type { Config } from '@/lib/runtime/config';
import { getDbHandle } from '@/lib/db';
import { migrationState } from '@/lib/db/client';
import { readBacklog } from '@/lib/ingest/read-backlog';

/**
 * Whether the app is up and migrated. Operators (an admin session, or monitoring holding the cron
 * secret) also get the driver, the configured connections (never secrets) and the backlog: inbox and
 * outbox depth, oldest waiting age, drain rate, backfills in progress.
 */
export async function readHealth(config: Config, operator: boolean) {
  const { db, driver, migrationsSchema } = await getDbHandle();
  const migrations = await migrationState(db, migrationsSchema);
  const ok = migrations.applied === migrations.available;
  if (!operator) return { ok, status: ok ? 'ok' : 'migrations pending' };
  return {
    ok,
    status: ok ? 'ok' : 'migrations pending',
    driver,
    migrations: { ...migrations, upToDate: ok },
    demoMode: config.demoMode,
    connections: config.connections,
    backlog: await readBacklog(db),
  };
}
