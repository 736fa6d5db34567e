import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { requireGorgiasBearer } from '@/lib/receive-gorgias-event';
import { sidebarForEmail, sidebarForTicketEvent } from '@/lib/open-widget';
import { kickWorker } from '@/lib/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/gorgias/widget – Gorgias HTTP integration with body {{context}}: store the ticket
// event, classify, answer with the sidebar JSON.
export const POST = handle(async (req: Request) => {
  const config = getConfig();
  requireGorgiasBearer(req.headers, config.secrets.gorgiasIntegration);
  const raw = await readRawBody(req, 1024 * 1024);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON. Set the integration body to {{context}}.');
  }
  const json = await sidebarForTicketEvent(await getDb(), config, body, new Date());
  kickWorker();
  return NextResponse.json(json);
});

const getQuery = z.object({
  email: z.string().trim().max(320).optional(),
  ticket: z.string().trim().regex(/^\d{1,20}$/, 'ticket must be a Gorgias ticket id (digits)').optional(),
});

// GET /api/gorgias/widget?email={{ticket.customer.email}}&ticket={{ticket.id}} – read only.
export const GET = handle(async (req: Request) => {
  const config = getConfig();
  requireGorgiasBearer(req.headers, config.secrets.gorgiasIntegration);
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const q = getQuery.parse(params);
  if (!q.email && !q.ticket) throw new HttpError(400, 'missing_query', 'Pass ?email={{ticket.customer.email}}&ticket={{ticket.id}}.');
  return NextResponse.json(await sidebarForEmail(await getDb(), config, { email: q.email ?? null, ticketId: q.ticket ?? null }, new Date()));
});
