import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { handle, HttpError } from '@/lib/http/responses';
import { readJsonBody } from '@/lib/http/read-body';
import { requireGorgiasBearer } from '@/lib/ingest/receive-gorgias-event';
import { parseGorgiasWidgetQuery } from '@/lib/integrations/gorgias/payloads';
import { sidebarForEmail, sidebarForTicketEvent } from '@/lib/ticket-context/answer-sidebar';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/gorgias/widget – Gorgias HTTP integration with body {{context}}: store the ticket
// event, classify, answer with the sidebar JSON.
export const POST = handle(async (req: Request) => {
  const config = getConfig();
  requireGorgiasBearer(req.headers, config.secrets.gorgiasIntegration);
  const body = await readJsonBody(req, 1024 * 1024, { stripNul: true });
  const json = await sidebarForTicketEvent(await getDb(), config, body, new Date());
  kickWorker();
  return NextResponse.json(json);
});

// GET /api/gorgias/widget?email={{ticket.customer.email}}&ticket={{ticket.id}} – read only.
export const GET = handle(async (req: Request) => {
  const config = getConfig();
  requireGorgiasBearer(req.headers, config.secrets.gorgiasIntegration);
  const parsed = parseGorgiasWidgetQuery(new URL(req.url).searchParams);
  if (!parsed.ok) throw new HttpError(400, 'invalid_query', parsed.error);
  const { email, ticketId, account } = parsed.query;
  if (!email && !ticketId) throw new HttpError(400, 'missing_query', 'Pass ?email={{ticket.customer.email}}&ticket={{ticket.id}}.');
  if (!account) throw new HttpError(400, 'missing_account', 'Add &account={{ticket.account.domain}} so Concord knows which helpdesk is asking.');
  return NextResponse.json(await sidebarForEmail(await getDb(), config, { email, ticketId, account }, new Date()));
});
