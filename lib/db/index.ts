import 'server-only';
import path from 'node:path';
import { getConfig } from '@/lib/runtime/config';
import { migrateDb, openDb, type Db, type DbHandle } from './client';

// The app's database: opened once per process (a globalThis singleton survives hot reload, which
// matters for PGlite: a second instance on the same directory would lose writes), migrated on open.

const globalForDb = globalThis as unknown as { __concordDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__concordDb ??= (async () => {
    const config = getConfig();
    const handle = await openDb({
      driver: config.storage,
      url: config.env.DATABASE_URL ?? config.env.POSTGRES_URL,
      dataDir: config.storage === 'pglite' ? path.join(config.dataDir, 'pglite') : undefined,
    });
    await migrateDb(handle);
    return handle;
  })();
  return globalForDb.__concordDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export type { Db };

/** Tests point the app at their own database. */
export function setDbHandleForTests(handle: DbHandle | null): void {
  globalForDb.__concordDb = handle ? Promise.resolve(handle) : undefined;
}
