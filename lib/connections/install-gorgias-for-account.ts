import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { gorgiasAccounts } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '@/lib/audit/write-audit';
import { gorgiasClientFromConfig } from '@/lib/integrations/gorgias/client';
import { gorgiasSubdomain } from './save-accounts';
import { gorgiasClientForAccount } from './shop-clients';
import { installGorgiasIntegration } from './install-gorgias-integration';
import { shopsForGorgiasDomain } from './shops';

/**
 * Creates the HTTP integration and installs the widget template and reply macro in one Gorgias
 * account (a saved account by domain, or without one the account from the environment). Audited.
 */
export async function installGorgiasForAccount(db: Db, config: Config, account: string | null, adminEmail: string) {
  let client;
  let domain: string | null;
  if (account) {
    domain = gorgiasSubdomain(account);
    const [row] = await db.select().from(gorgiasAccounts).where(eq(gorgiasAccounts.domain, domain)).limit(1);
    if (!row) throw new AppError('unknown_gorgias_account', `No Gorgias account ${domain}: add it on /admin/connections first.`);
    client = gorgiasClientForAccount(config, row);
  } else {
    client = gorgiasClientFromConfig(config);
    domain = config.env.GORGIAS_DOMAIN ? gorgiasSubdomain(config.env.GORGIAS_DOMAIN) : null;
    if (!client)
      throw new AppError(
        'gorgias_not_connected',
        'Add a Gorgias account on /admin/connections (or set GORGIAS_DOMAIN, GORGIAS_API_EMAIL and GORGIAS_API_KEY), or paste the values by hand.',
      );
  }
  const result = await installGorgiasIntegration(client, config);
  const [shopId] = await shopsForGorgiasDomain(db, domain);
  await writeAudit(db, {
    shopId: shopId ?? 'unknown',
    actor: { type: 'admin', id: adminEmail },
    action: 'setup.gorgias_installed',
    explanation: `${adminEmail} installed the Gorgias integration ${result.integrationId}${result.createdIntegration ? ' (created)' : ' (already existed)'}, widget ${result.widgetId} and reply macro ${result.macroId}${result.createdMacro ? ' (created)' : ' (already existed)'} in ${domain ?? 'the Gorgias account'}.`,
    after: result,
  });
  return {
    ok: true,
    ...result,
    msg: `Installed in ${domain ?? 'Gorgias'}: integration ${result.integrationId}, widget template ${result.widgetId}, macro “Concord: insert reply draft” ${result.macroId}.`,
  };
}
