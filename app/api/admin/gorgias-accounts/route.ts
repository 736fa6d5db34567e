import { withRoute } from '@/lib/http/with-route';
import { writeAudit } from '@/lib/audit/write-audit';
import { gorgiasAccountBody, gorgiasSubdomain, saveGorgiasAccount } from '@/lib/connections/save-accounts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/gorgias-accounts – add a helpdesk (REST API basic auth: email + API key), or replace its key.
export const POST = withRoute(
  { auth: 'admin', body: gorgiasAccountBody, maxBodyBytes: 16 * 1024 },
  async ({ body, caller, db, config }) => {
    const id = await saveGorgiasAccount(db, config, body);
    const domain = gorgiasSubdomain(body.domain);
    await writeAudit(db, {
      shopId: 'connections',
      actor: { type: 'admin', id: caller.email },
      action: 'connections.gorgias_account_saved',
      explanation: `${caller.email} saved the Gorgias account ${domain} (${body.apiEmail}).`,
    });
    return { ok: true, id, msg: `Saved Gorgias account ${domain}. Link stores to it below.` };
  },
);
