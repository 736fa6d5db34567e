import { withRoute } from '@/lib/http/with-route';
import { idParam } from '@/lib/http/route-params';
import { AppError } from '@/lib/errors/app-error';
import { replayDeadEffect } from '@/lib/outbox/run-outbox';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/outbox/:id/replay – run a dead-lettered effect again.
export const POST = withRoute({ auth: 'admin' }, async ({ params, caller, db }) => {
  const id = idParam(params.id, 'outbox');
  const ok = await replayDeadEffect(db, id, { type: 'admin', id: caller.email });
  if (!ok) throw new AppError('not_dead', `Outbox effect ${id} doesn't exist or isn't dead-lettered.`);
  kickWorker();
  return { ok: true, msg: `Effect ${id} queued again.` };
});
