import { withRoute } from '@/lib/http/with-route';
import { AppError } from '@/lib/errors/app-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET|POST /api/bench/bare – constant JSON, the baseline the benchmarks compare against (it pays the
// wrapper's cost like every route). Only answers when the server was started by `npm run bench`.
export const GET = withRoute({ auth: 'public' }, async () => {
  if (process.env.CONCORD_BENCH_ROUTES !== '1') throw new AppError('not_found', 'Not found.');
  return { ok: true, source: 'bare' };
});
export const POST = GET;
