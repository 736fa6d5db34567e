import { eq } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { gorgiasAccounts } from '@/lib/db/schema';
import { requireRole } from '@/lib/auth/require-role';
import { writeAudit } from '@/lib/audit/write-audit';
import { gorgiasSubdomain } from '@/lib/connections/save-accounts';
import { gorgiasClientForAccount } from '@/lib/connections/shop-clients';
import { installGorgiasIntegration } from '@/lib/connections/install-gorgias-integration';
import { handle, HttpError } from '@/lib/http/responses';
import { gorgiasClientFromConfig } from '@/lib/integrations/gorgias/client';
import { shopsForGorgiasDomain } from '@/lib/connections/shops';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/setup/gorgias-install?account=acme – create the HTTP integration and install the
// widget template in that Gorgias account (without ?account: the account from the environment).
export const POST = handle(async (req: Request) => {
  const session = await requireRole(req, 'admin');
  const config = getConfig();
  const db = await getDb();
  const account = new URL(req.url).searchParams.get('account');
  let client;
  let domain: string | null;
  if (account) {
    domain = gorgiasSubdomain(account);
    const [row] = await db.select().from(gorgiasAccounts).where(eq(gorgiasAccounts.domain, domain)).limit(1);
    if (!row) throw new HttpError(404, 'unknown_gorgias_account', `No Gorgias account ${domain}: add it on /admin/connections first.`);
    client = gorgiasClientForAccount(config, row);
  } else {
    client = gorgiasClientFromConfig(config);
    domain = config.env.GORGIAS_DOMAIN ? gorgiasSubdomain(config.env.GORGIAS_DOMAIN) : null;
    if (!client) throw new HttpError(409, 'gorgias_not_connected', 'Add a Gorgias account on /admin/connections (or set GORGIAS_DOMAIN, GORGIAS_API_EMAIL and GORGIAS_API_KEY), or paste the values by hand.');
  }
  const result = await installGorgiasIntegration(client, config);
  const [shopId] = await shopsForGorgiasDomain(db, domain);
  await writeAudit(db, {
    shopId: shopId ?? 'unknown',
    actor: { type: 'admin', id: session.email },
    action: 'setup.gorgias_installed',
    explanation: `${session.email} installed the Gorgias integration ${result.integrationId}${result.createdIntegration ? ' (created)' : ' (already existed)'}, widget ${result.widgetId} and reply macro ${result.macroId}${result.createdMacro ? ' (created)' : ' (already existed)'} in ${domain ?? 'the Gorgias account'}.`,
    after: result,
  });
  return NextResponse.json({ ok: true, ...result, msg: `Installed in ${domain ?? 'Gorgias'}: integration ${result.integrationId}, widget template ${result.widgetId}, macro “Concord: insert reply draft” ${result.macroId}.` });
});
