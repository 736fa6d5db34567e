import { withRoute } from '@/lib/http/with-route';
import { testGorgiasEndpoint } from '@/lib/connections/test-gorgias-endpoint';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/setup/gorgias-test – call our own widget endpoint at APP_URL exactly as Gorgias
// would (same URL, same Bearer secret, read-only GET set-up) and report what happened.
export const POST = withRoute({ auth: 'admin' }, async ({ config }) => testGorgiasEndpoint(config));
