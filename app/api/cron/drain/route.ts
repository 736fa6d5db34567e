import { withRoute } from '@/lib/http/with-route';
import { drainForCron } from '@/lib/runtime/drain-for-cron';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/drain – on serverless deploys (no long-running worker): project the inbox and run due effects.
export const GET = withRoute({ auth: 'cron' }, async ({ db, config }) => drainForCron(db, config));
export const POST = GET;
