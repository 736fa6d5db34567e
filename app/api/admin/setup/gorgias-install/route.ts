import { withRoute } from '@/lib/http/with-route';
import { installGorgiasForAccount } from '@/lib/connections/install-gorgias-for-account';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/setup/gorgias-install?account=acme – create the HTTP integration and install the
// widget template in that Gorgias account (without ?account: the account from the environment).
export const POST = withRoute({ auth: 'admin' }, async ({ query, caller, db, config }) =>
  installGorgiasForAccount(db, config, query.get('account'), caller.email),
);
