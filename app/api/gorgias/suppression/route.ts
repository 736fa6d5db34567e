import { withRoute } from '@/lib/http/with-route';
import { suppressionButtonBody, suppressTicketCustomer } from '@/lib/klaviyo-sync/suppress-ticket-customer';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/gorgias/suppression – suppress, release or clear the override for the ticket's customer.
export const POST = withRoute(
  { auth: 'gorgias-or-widget', body: suppressionButtonBody, maxBodyBytes: 16 * 1024 },
  async ({ body, caller, db, now }) => {
    const answer = await suppressTicketCustomer(db, body, caller, now);
    kickWorker();
    return answer;
  },
);
