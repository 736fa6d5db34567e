import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { writeAudit } from '@/lib/audit/write-audit';
import { saveKlaviyoAccount } from '@/lib/connections/save-accounts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  label: z.string().trim().min(1).max(100),
  privateKey: z
    .string()
    .trim()
    .regex(/^pk_\w{10,}$/, 'must be a Klaviyo private API key (pk_…)'),
});

// POST /api/admin/klaviyo-accounts – add a Klaviyo account (private API key), or replace its key.
export const POST = withRoute({ auth: 'admin', body: bodySchema, maxBodyBytes: 16 * 1024 }, async ({ body, caller, db, config }) => {
  const id = await saveKlaviyoAccount(db, config, body);
  await writeAudit(db, {
    shopId: 'connections',
    actor: { type: 'admin', id: caller.email },
    action: 'connections.klaviyo_account_saved',
    explanation: `${caller.email} saved the Klaviyo account “${body.label}”.`,
  });
  return { ok: true, id, msg: `Saved Klaviyo account “${body.label}”. Link stores to it below.` };
});
