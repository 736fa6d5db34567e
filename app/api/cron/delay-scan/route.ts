import { withRoute } from '@/lib/http/with-route';
import { runDelayScan } from '@/lib/shopify-sync/run-delay-scan';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/cron/delay-scan – open delivery issues for shipments that went quiet (Vercel Cron uses GET).
export const GET = withRoute({ auth: 'cron' }, async ({ db, now }) => ({ ok: true, ...(await runDelayScan(db, now)) }));
export const POST = GET;
