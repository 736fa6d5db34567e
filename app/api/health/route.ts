import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { getDbHandle } from '@/lib/db';
import { migrationState } from '@/lib/db/client';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/health – driver, migration state, which connections are configured (never secrets).
export const GET = handle(async () => {
  const config = getConfig();
  const { db, driver } = await getDbHandle();
  const migrations = await migrationState(db);
  return NextResponse.json({
    ok: migrations.applied === migrations.available,
    driver,
    migrations: { ...migrations, upToDate: migrations.applied === migrations.available },
    demoMode: config.demoMode,
    connections: config.connections,
  });
});
