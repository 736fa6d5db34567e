import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireCronSecret } from '@/lib/auth/require-cron-secret';
import { handle } from '@/lib/http/responses';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/drain – on serverless deploys (no long-running worker): project the inbox and run due effects.
export const GET = handle(async (req: Request) => {
  requireCronSecret(req.headers);
  const db = await getDb();
  const started = Date.now();
  const projected = await drainInbox(db, 2_000);
  const deps = outboxDepsFromConfig(getConfig());
  const totals = { claimed: 0, done: 0, recorded: 0, shadow: 0, retried: 0, dead: 0 };
  while (Date.now() - started < 20_000) {
    const s = await runOutboxOnce(db, deps, 25);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
    if (s.claimed === 0) break;
  }
  return NextResponse.json({ ok: true, projected, outbox: totals });
});
export const POST = GET;
