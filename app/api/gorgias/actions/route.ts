import { withRoute } from '@/lib/http/with-route';
import { actionButtonBody, requestButtonAction } from '@/lib/actions/request-button-action';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/gorgias/actions – plan (confirm=false) or apply (confirm=true) a policy action. A confirmation
// that carries the plan_token of an older plan (the order changed since) is refused with 409.
export const POST = withRoute(
  { auth: 'gorgias-or-widget', body: actionButtonBody, maxBodyBytes: 64 * 1024 },
  async ({ body, caller, db, config, now }) => {
    const answer = await requestButtonAction(db, config, body, caller, now);
    if (answer.status === 'queued') kickWorker();
    return answer;
  },
);
