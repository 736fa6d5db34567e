import { NextResponse } from 'next/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET|POST /api/bench/bare – constant JSON, the baseline the benchmarks compare against.
// Only answers when the server was started by `npm run bench` (CONCORD_BENCH_ROUTES=1).
const enabled = () => process.env.CONCORD_BENCH_ROUTES === '1';
const BODY = { ok: true, source: 'bare' };

export async function GET() {
  return enabled() ? NextResponse.json(BODY) : NextResponse.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
}
export const POST = GET;
