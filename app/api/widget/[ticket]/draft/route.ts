import { withRoute } from '@/lib/http/with-route';
import { streamTicketDraft } from '@/lib/drafts/stream-ticket-draft';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/widget/:ticket/draft – redraft, streaming the text as it is written (plain text chunks).
export const POST = withRoute({ auth: 'widget' }, async ({ caller, db, config, now }) => {
  const stream = streamTicketDraft(db, config, caller, now);
  return new Response(stream, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
});
