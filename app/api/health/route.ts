import { withRoute } from '@/lib/http/with-route';
import { isOperator } from '@/lib/auth/is-operator';
import { readHealth } from '@/lib/runtime/read-health';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/health – anyone (load balancers, uptime checks): whether the app is up and migrated.
// An admin session or `Authorization: Bearer <CRON_SECRET>` (monitoring) also gets the driver, the
// configured connections (never secrets) and the backlog.
export const GET = withRoute({ auth: 'public' }, async ({ req, config }) => readHealth(config, isOperator(req)));
