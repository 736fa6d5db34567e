import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { handle, HttpError } from '@/lib/http/responses';
import { replayDeadEffect } from '@/lib/outbox/run-outbox';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/outbox/:id/replay – run a dead-lettered effect again.
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const session = await requireRole(req, 'admin');
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'invalid_id', 'The outbox id must be a positive integer.');
  const ok = await replayDeadEffect(await getDb(), id, { type: 'admin', id: session.email });
  if (!ok) throw new HttpError(404, 'not_dead', `Outbox effect ${id} doesn't exist or isn't dead-lettered.`);
  kickWorker();
  return NextResponse.json({ ok: true, msg: `Effect ${id} queued again.` });
});
