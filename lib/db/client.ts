import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

// The one place that picks a database driver:
//   nothing set   -> PGlite (embedded Postgres) with files under the data directory
//   DATABASE_URL  -> node-postgres
//   POSTGRES_URL  -> @vercel/postgres (Vercel deploys)
// All three are Drizzle PgDatabase instances, so the rest of the code never knows which.

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Driver = 'pglite' | 'pg' | 'vercel-postgres';

export interface DbHandle {
  db: Db;
  driver: Driver;
  close(): Promise<void>;
  /** Where drizzle keeps its migrations table: 'drizzle' unless the handle lives in its own schema (tests). */
  migrationsSchema?: string;
}

export interface OpenDbOptions {
  driver: Driver;
  url?: string; // for pg / vercel-postgres
  dataDir?: string; // for pglite; omit for an in-memory database
  searchPath?: string; // pg only: an isolated schema (tests)
  poolSize?: number;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib/db/migrations');

export async function openDb(opts: OpenDbOptions): Promise<DbHandle> {
  if (opts.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const release = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
    try {
      const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
      await client.waitReady;
      const db = drizzle({ client, schema }) as unknown as Db;
      return {
        db,
        driver: 'pglite',
        close: async () => {
          await client.close();
          release();
        },
      };
    } catch (err) {
      release();
      throw err;
    }
  }
  if (opts.driver === 'pg') {
    const pg = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // Named statements (only the sidebar's one-round-trip read) are planned once and reused: left to
    // choose, PostgreSQL kept re-planning it, which cost more than running it. Every other query is an
    // unnamed statement, planned per call as before. JIT compilation is off: it pays off for long
    // analytical queries, and this app's are short (compiling took 150 ms where running took 1 ms).
    // SETs in pg-pool's onConnect hook (awaited before the client is handed out) rather than startup
    // options, which connection poolers may refuse.
    const pool = new pg.default.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 20,
      options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
      // @types/pg types the hook as returning void; pg-pool awaits the promise it returns.
      onConnect: (client) => client.query('set plan_cache_mode = force_generic_plan; set jit = off') as unknown as void,
    });
    // An idle client can error when the server restarts; without a listener that kills the process.
    pool.on('error', (err) => console.error('[db] idle client error:', err.message));
    const db = drizzle({ client: pool, schema }) as unknown as Db;
    return { db, driver: 'pg', close: () => pool.end() };
  }
  const { createPool } = await import('@vercel/postgres');
  const { drizzle } = await import('drizzle-orm/vercel-postgres');
  const pool = createPool({ connectionString: opts.url });
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return { db, driver: 'vercel-postgres', close: () => pool.end() };
}

export async function migrateDb(handle: DbHandle, opts: { migrationsSchema?: string } = {}): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: opts.migrationsSchema };
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, config);
  } else if (handle.driver === 'pg') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/vercel-postgres/migrator');
    await migrate(handle.db as never, config);
  }
}

/** How many migrations exist in the repo and how many the database has applied. */
export async function migrationState(db: Db, migrationsSchema = 'drizzle'): Promise<{ available: number; applied: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  const rows = await db.execute(sql`select count(*)::int as n from ${sql.identifier(migrationsSchema)}.__drizzle_migrations`);
  const applied = Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  return { available: journal.entries.length, applied };
}

// PGlite has no locking: two processes on one data directory silently lose writes. A pid file
// makes the second one fail loudly instead.
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  try {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database at ${dataDir} is already open in process ${holder}. ` +
          'Stop that process (only one Concord server may own the embedded database), or set DATABASE_URL to use PostgreSQL.',
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
