import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDbHandle } from '@/lib/db';
import { migrationState } from '@/lib/db/client';
import { handle } from '@/lib/http/responses';
import { readBacklog } from '@/lib/ingest/read-backlog';
import { isOperator } from '@/lib/auth/is-operator';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/health – anyone (load balancers, uptime checks): whether the app is up and migrated.
// An admin session or `Authorization: Bearer <CRON_SECRET>` (monitoring) also gets the driver, the
// configured connections (never secrets) and the backlog: inbox and outbox depth, oldest waiting
// age, drain rate, backfills in progress.
export const GET = handle(async (req: Request) => {
  const config = getConfig();
  const { db, driver, migrationsSchema } = await getDbHandle();
  const migrations = await migrationState(db, migrationsSchema);
  const ok = migrations.applied === migrations.available;
  if (!isOperator(req)) return NextResponse.json({ ok, status: ok ? 'ok' : 'migrations pending' });
  return NextResponse.json({
    ok,
    status: ok ? 'ok' : 'migrations pending',
    driver,
    migrations: { ...migrations, upToDate: ok },
    demoMode: config.demoMode,
    connections: config.connections,
    backlog: await readBacklog(db),
  });
});
