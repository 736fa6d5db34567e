import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { migrateDb, openDb, type DbHandle } from '@/lib/db/client';

// Every test file gets its own database: PGlite in memory by default, or, when DATABASE_URL is
// set, a fresh schema on that server (dropped afterwards), so files can run in parallel.
// `pgUrl` forces PostgreSQL for tests that need several connections (locks between workers).
export async function createTestDb(opts: { pgUrl?: string } = {}): Promise<DbHandle & { migrationsSchema: string }> {
  const url = opts.pgUrl ?? process.env.DATABASE_URL;
  if (!url) {
    const handle = await openDb({ driver: 'pglite' });
    await migrateDb(handle);
    return { ...handle, migrationsSchema: 'drizzle' };
  }
  const schemaName = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await openDb({ driver: 'pg', url, poolSize: 1 });
  await admin.db.execute(sql.raw(`create schema ${schemaName}`));
  await admin.close();
  const handle = await openDb({ driver: 'pg', url, searchPath: schemaName, poolSize: 5 });
  await migrateDb(handle, { migrationsSchema: schemaName });
  return {
    ...handle,
    migrationsSchema: schemaName,
    close: async () => {
      await handle.db.execute(sql.raw(`drop schema ${schemaName} cascade`));
      await handle.close();
    },
  };
}
