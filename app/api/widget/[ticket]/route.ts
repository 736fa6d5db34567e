import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { handle, HttpError } from '@/lib/http/responses';
import { checkWidgetGrant } from '@/lib/auth/widget-grant';
import { loadWidgetPageData } from '@/lib/ticket-context/load-widget-page';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/widget/:ticket – the live widget page's data (signed link in x-widget-token).
export const GET = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const { ticket } = await ctx.params;
  const now = new Date();
  const config = getConfig();
  const db = await getDb();
  const grant = await checkWidgetGrant(db, req.headers.get('x-widget-token'), ticket, config.secrets.session, now);
  if (!grant.ok) throw new HttpError(401, 'invalid_widget_link', grant.reason);
  const data = await loadWidgetPageData(db, config, grant.grant, now);
  if (!data.ticket) throw new HttpError(404, 'unknown_ticket', `Concord has no ticket ${ticket}. It appears once Gorgias sends the ticket's first event.`);
  return NextResponse.json(data);
});
