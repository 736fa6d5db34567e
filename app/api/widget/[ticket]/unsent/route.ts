import { withRoute } from '@/lib/http/with-route';
import { dropUnsentReply, keepUnsentReply, readUnsentReply, unsentBody } from '@/lib/drafts/keep-unsent-reply';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/widget/:ticket/unsent – the agent's saved, unsent reply text (or null).
export const GET = withRoute({ auth: 'widget' }, async ({ caller, db }) => readUnsentReply(db, caller));

// PUT /api/widget/:ticket/unsent – save the text as typed and check it like a draft (the live check).
export const PUT = withRoute({ auth: 'widget', body: unsentBody, maxBodyBytes: 64 * 1024 }, async ({ body, caller, db, config, now }) =>
  keepUnsentReply(db, config, caller, body, now),
);

// DELETE /api/widget/:ticket/unsent – drop the saved text (the agent took the new draft).
export const DELETE = withRoute({ auth: 'widget' }, async ({ caller, db }) => dropUnsentReply(db, caller));
