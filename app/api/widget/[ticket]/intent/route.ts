import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { INTENTS } from '@/lib/domain/types';
import { correctIntent } from '@/lib/intents/correct-intent';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ intent: z.enum(INTENTS) });

// POST /api/widget/:ticket/intent – correct the ticket's intent in one click (kept for training).
export const POST = withRoute({ auth: 'widget', body: bodySchema, maxBodyBytes: 4 * 1024 }, async ({ body, caller, db }) => {
  const actor = { type: 'agent' as const, id: caller.agent ?? 'agent (widget link)' };
  return { ok: true, ...(await correctIntent(db, { shopId: caller.shopId, ticketId: caller.ticketId, intent: body.intent, actor })) };
});
