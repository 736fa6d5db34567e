import { withRoute } from '@/lib/http/with-route';
import { AppError } from '@/lib/errors/app-error';
import { loadWidgetPageData } from '@/lib/ticket-context/load-widget-page';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/widget/:ticket – the live widget page's data (signed link in x-widget-token).
export const GET = withRoute({ auth: 'widget' }, async ({ params, caller, db, config, now }) => {
  const data = await loadWidgetPageData(db, config, caller, now);
  if (!data.ticket)
    throw new AppError('unknown_ticket', `Concord has no ticket ${params.ticket}. It appears once Gorgias sends the ticket's first event.`);
  return data;
});
