import { NextResponse } from 'next/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { tickets } from '@/lib/db/schema';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { setSuppression } from '@/lib/set-suppression';
import { shopsForGorgiasDomain } from '@/lib/shops';
import { authenticateWidgetCaller } from '@/lib/widget-auth';
import { kickWorker } from '@/lib/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  ticket_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,20}$/, 'must be a Gorgias ticket id (digits)')),
  mode: z.enum(['suppress', 'release', 'clear']),
  reason: z.string().trim().max(500).default(''),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  agent_email: z.string().trim().max(320).optional(),
});

// POST /api/gorgias/suppression – suppress, release or clear the override for the ticket's customer.
export const POST = handle(async (req: Request) => {
  const now = new Date();
  let json: unknown;
  try {
    json = JSON.parse((await readRawBody(req, 16 * 1024)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const body = bodySchema.parse(json);
  const caller = authenticateWidgetCaller(req.headers, body.ticket_id, body.agent_email ?? null, now);
  const db = await getDb();
  const ticketShopId = caller.shopId ?? (await shopsForGorgiasDomain(db, null))[0];
  const [ticket] = ticketShopId
    ? await db.select().from(tickets).where(and(eq(tickets.shopId, ticketShopId), eq(tickets.gorgiasTicketId, body.ticket_id))).limit(1)
    : [];
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
