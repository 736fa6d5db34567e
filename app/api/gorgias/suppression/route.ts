import { NextResponse } from 'next/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { tickets } from '@/lib/db/schema';
import { handle, HttpError } from '@/lib/http/responses';
import { readJsonBody } from '@/lib/http/read-body';
import { gorgiasAccount } from '@/lib/integrations/gorgias/payloads';
import { setSuppression } from '@/lib/klaviyo-sync/set-suppression';
import { authenticateWidgetCaller } from '@/lib/auth/authenticate-widget-caller';
import { kickWorker } from '@/lib/runtime/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  ticket_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,20}$/, 'must be a Gorgias ticket id (digits)')),
  mode: z.enum(['suppress', 'release', 'clear']),
  reason: z.string().trim().max(500).default(''),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  account: gorgiasAccount.optional(),
  agent_email: z.string().trim().max(320).optional(),
});

// POST /api/gorgias/suppression – suppress, release or clear the override for the ticket's customer.
export const POST = handle(async (req: Request) => {
  const now = new Date();
  const body = bodySchema.parse(await readJsonBody(req, 16 * 1024));
  const db = await getDb();
  const caller = await authenticateWidgetCaller(db, req.headers, { ticketId: body.ticket_id, account: body.account ?? null, agentEmail: body.agent_email ?? null }, now);
  const [ticket] = await db.select().from(tickets).where(and(eq(tickets.shopId, caller.ticketShopId), eq(tickets.gorgiasTicketId, body.ticket_id))).limit(1);
  if (!ticket) throw new HttpError(404, 'unknown_ticket', `Concord has no ticket ${body.ticket_id}.`);
  const result = await setSuppression(
    db,
    {
      shopId: ticket.matchedShopId ?? ticket.shopId,
      email: ticket.customerEmail ?? '',
      mode: body.mode,
      reason: body.reason,
      expiresAt: body.expires_at ? new Date(body.expires_at) : null,
      actor: caller.actor,
    },
    now,
  );
  kickWorker();
  return NextResponse.json({ msg: result.msg, suppressed: result.state.suppressed, because: result.state.because });
});
