import { withRoute } from '@/lib/http/with-route';
import { idParam } from '@/lib/http/route-params';
import { teachDraft, unteachDraft } from '@/lib/drafts/teach-draft';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/review/:id/teach – keep the agent's edit of this draft as an example (lead+).
export const POST = withRoute({ auth: 'lead' }, async ({ params, caller, db, now }) => ({
  ok: true,
  ...(await teachDraft(db, idParam(params.id, 'draft'), { type: caller.role, id: caller.email }, now)),
}));

// DELETE /api/admin/review/:id/teach – undo: the draft is no longer an example (lead+).
export const DELETE = withRoute({ auth: 'lead' }, async ({ params, caller, db, now }) => ({
  ok: true,
  ...(await unteachDraft(db, idParam(params.id, 'draft'), { type: caller.role, id: caller.email }, now)),
}));
