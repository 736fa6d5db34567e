import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { writeAudit } from '@/lib/audit';
import { installGorgiasIntegration } from '@/lib/gorgias-setup';
import { handle, HttpError } from '@/lib/http/responses';
import { gorgiasClientFromConfig } from '@/lib/integrations/gorgias/client';
import { shopsForGorgiasDomain } from '@/lib/shops';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/setup/gorgias-install – create the HTTP integration and install the widget template.
export const POST = handle(async (req: Request) => {
  const session = requireRole(req, 'admin');
  const config = getConfig();
  const client = gorgiasClientFromConfig(config);
  if (!client) throw new HttpError(409, 'gorgias_not_connected', 'Set GORGIAS_DOMAIN, GORGIAS_API_EMAIL and GORGIAS_API_KEY first, or paste the values by hand.');
  const result = await installGorgiasIntegration(client, config);
  const db = await getDb();
  const [shopId] = await shopsForGorgiasDomain(db, config.env.GORGIAS_DOMAIN ?? null);
  await writeAudit(db, {
    shopId: shopId ?? 'unknown',
    actor: { type: 'admin', id: session.email },
    action: 'setup.gorgias_installed',
    explanation: `${session.email} installed the Gorgias integration ${result.integrationId}${result.createdIntegration ? ' (created)' : ' (already existed)'} and widget ${result.widgetId}, reply macro ${result.macroId}${result.createdMacro ? ' (created)' : ' (already existed)'}.`,
    after: result,
  });
  return NextResponse.json({ ok: true, ...result, msg: `Installed: integration ${result.integrationId}, widget template ${result.widgetId}, macro “Concord: insert reply draft” ${result.macroId}.` });
});
