import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { handle, HttpError } from '@/lib/http/responses';
import { teachDraft, unteachDraft } from '@/lib/drafts/teach-draft';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function draftId(ctx: { params: Promise<{ id: string }> }): Promise<number> {
  const raw = (await ctx.params).id;
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'invalid_id', 'The draft id must be a positive integer.');
  return id;
}

// POST /api/admin/review/:id/teach – keep the agent's edit of this draft as an example (lead+).
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const session = await requireRole(req, 'lead');
  const outcome = await teachDraft(await getDb(), await draftId(ctx), { type: session.role, id: session.email }, new Date());
  return NextResponse.json({ ok: true, ...outcome });
});

// DELETE /api/admin/review/:id/teach – undo: the draft is no longer an example (lead+).
export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const session = await requireRole(req, 'lead');
  const outcome = await unteachDraft(await getDb(), await draftId(ctx), { type: session.role, id: session.email }, new Date());
  return NextResponse.json({ ok: true, ...outcome });
});
