import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { writeAudit } from '@/lib/audit/write-audit';
import { gorgiasSubdomain, saveGorgiasAccount } from '@/lib/connections/save-accounts';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  domain: z.string().trim().min(1).max(200).refine((d) => /^[a-z0-9][a-z0-9-]*$/.test(gorgiasSubdomain(d)), 'must be your Gorgias subdomain, e.g. acme or acme.gorgias.com'),
  apiEmail: z.string().trim().email(),
  apiKey: z.string().trim().min(8),
});

// POST /api/admin/gorgias-accounts – add a helpdesk (REST API basic auth: email + API key), or replace its key.
export const POST = handle(async (req: Request) => {
  const session = await requireRole(req, 'admin');
  const body = bodySchema.parse(await req.json().catch(() => ({})));
  const db = await getDb();
  const id = await saveGorgiasAccount(db, getConfig(), body);
  const domain = gorgiasSubdomain(body.domain);
  await writeAudit(db, { shopId: 'connections', actor: { type: 'admin', id: session.email }, action: 'connections.gorgias_account_saved', explanation: `${session.email} saved the Gorgias account ${domain} (${body.apiEmail}).` });
  return NextResponse.json({ ok: true, id, msg: `Saved Gorgias account ${domain}. Link stores to it below.` });
});
