import { withRoute } from '@/lib/http/with-route';
import { sidebarForTicketEvent } from '@/lib/ticket-context/answer-sidebar';
import { sidebarForQuery } from '@/lib/ticket-context/answer-sidebar-query';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/gorgias/widget – Gorgias HTTP integration with body {{context}}: store the ticket
// event, classify, answer with the sidebar JSON.
export const POST = withRoute(
  { auth: 'gorgias-bearer', body: 'json', maxBodyBytes: 1024 * 1024, stripNul: true },
  async ({ body, db, config, now }) => {
    const json = await sidebarForTicketEvent(db, config, body, now);
    kickWorker();
    return json;
  },
);

// GET /api/gorgias/widget?email={{ticket.customer.email}}&ticket={{ticket.id}} – read only.
export const GET = withRoute({ auth: 'gorgias-bearer' }, async ({ query, db, config, now }) => sidebarForQuery(db, config, query, now));
