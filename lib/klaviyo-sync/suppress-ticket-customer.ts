import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { tickets } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { WidgetCaller } from '@/lib/auth/authenticate-widget-caller';
import { gorgiasAccount } from '@/lib/integrations/gorgias/payloads';
import { setSuppression } from './set-suppression';

/** The body a Gorgias button or the widget page sends to POST /api/gorgias/suppression. */
export const suppressionButtonBody = z.object({
  ticket_id: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^\d{1,20}$/, 'must be a Gorgias ticket id (digits)')),
  mode: z.enum(['suppress', 'release', 'clear']),
  reason: z.string().trim().max(500).default(''),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  account: gorgiasAccount.optional(),
  agent_email: z.string().trim().max(320).optional(),
});
export type SuppressionButtonBody = z.output<typeof suppressionButtonBody>;

/** Suppress, release or clear the override for the customer of the caller's ticket (in the store the ticket matched). */
export async function suppressTicketCustomer(db: Db, body: SuppressionButtonBody, caller: WidgetCaller, now: Date) {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, caller.ticketShopId), eq(tickets.gorgiasTicketId, body.ticket_id)))
    .limit(1);
  if (!ticket) throw new AppError('unknown_ticket', `Concord has no ticket ${body.ticket_id}.`);
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
  return { msg: result.msg, suppressed: result.state.suppressed, because: result.state.because };
}
