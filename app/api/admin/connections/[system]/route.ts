import { withRoute } from '@/lib/http/with-route';
import { AppError } from '@/lib/errors/app-error';
import { SYSTEMS, testConnection, type System } from '@/lib/connections/test-connection';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/connections/:system – the settings page's "Test" button.
export const POST = withRoute({ auth: 'admin' }, async ({ params, config }) => {
  const { system } = params;
  if (!(SYSTEMS as readonly string[]).includes(system))
    throw new AppError('unknown_system', `Unknown connection "${system}"; use one of ${SYSTEMS.join(', ')}.`);
  return testConnection(config, system as System);
});
