import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db';
import { requireCronSecret } from '@/lib/auth/require-cron-secret';
import { runDelayScan } from '@/lib/shopify-sync/run-delay-scan';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/delay-scan – open delivery issues for shipments that went quiet (Vercel Cron uses GET).
export const GET = handle(async (req: Request) => {
  requireCronSecret(req.headers);
  const result = await runDelayScan(await getDb(), new Date());
  return NextResponse.json({ ok: true, ...result });
});
export const POST = GET;
