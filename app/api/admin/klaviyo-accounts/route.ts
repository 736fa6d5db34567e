import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { writeAudit } from '@/lib/audit/write-audit';
import { saveKlaviyoAccount } from '@/lib/connections/save-accounts';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ label: z.string().trim().min(1).max(100), privateKey: z.string().trim().regex(/^pk_\w{10,}$/, 'must be a Klaviyo private API key (pk_…)') });

// POST /api/admin/klaviyo-accounts – add a Klaviyo account (private API key), or replace its key.
export const POST = handle(async (req: Request) => {
  const session = await requireRole(req, 'admin');
  const body = bodySchema.parse(await req.json().catch(() => ({})));
  const db = await getDb();
  const id = await saveKlaviyoAccount(db, getConfig(), body);
  await writeAudit(db, { shopId: 'connections', actor: { type: 'admin', id: session.email }, action: 'connections.klaviyo_account_saved', explanation: `${session.email} saved the Klaviyo account “${body.label}”.` });
  return NextResponse.json({ ok: true, id, msg: `Saved Klaviyo account “${body.label}”. Link stores to it below.` });
});
