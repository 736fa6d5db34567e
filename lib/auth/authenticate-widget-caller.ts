import { and, eq, inArray } from 'drizzle-orm';
import { getConfig } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { tickets } from '@/lib/db/schema';
import { checkWidgetGrant } from '@/lib/auth/widget-grant';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/audit/write-audit';
import { verifyGorgiasBearer } from '@/lib/ingest/receive-gorgias-event';
import { shopsForGorgiasDomain } from '@/lib/connections/shops';

export interface WidgetCaller {
  via: 'gorgias' | 'widget';
  actor: Actor;
  ticketShopId: string; // the store the ticket belongs to: every read and action stays inside its helpdesk's stores
}

/**
 * The action and suppression endpoints are called by Gorgias's own buttons (Bearer secret; the
 * account and agent filled in by Gorgias from {{ticket.account.domain}} and {{current_user.email}})
 * and by Concord's widget page (a signed link bound to one ticket, one store and, once opened, one
 * agent). A widget-link caller's actor is the agent bound into the link, never a body field.
 * Neither uses cookies, so there is nothing for a cross-site request to ride on.
 */
export async function authenticateWidgetCaller(
  db: Db,
  headers: Headers,
  input: { ticketId: string; account: string | null; agentEmail: string | null },
  now: Date,
): Promise<WidgetCaller> {
  const config = getConfig();
  const token = headers.get('x-widget-token');
  if (token) {
    const result = await checkWidgetGrant(db, token, input.ticketId, config.secrets.session, now);
    if (!result.ok) throw new AppError('invalid_widget_link', result.reason);
    return {
      via: 'widget',
      actor: { type: 'agent', id: result.grant.agent ?? 'unidentified agent (widget link)' },
      ticketShopId: result.grant.shopId,
    };
  }
  if (!verifyGorgiasBearer(headers.get('authorization'), config.secrets.gorgiasIntegration)) {
    throw new AppError(
      'unauthorized',
      'Send Authorization: Bearer <GORGIAS_INTEGRATION_SECRET> (Gorgias buttons) or open the widget from its signed link.',
    );
  }
  if (!input.account)
    throw new AppError(
      'missing_account',
      'Add "account": "{{ticket.account.domain}}" to the button’s body so Concord knows which helpdesk is asking.',
    );
  const scope = await shopsForGorgiasDomain(db, input.account);
  const [ticket] = scope.length
    ? await db
        .select({ shopId: tickets.shopId })
        .from(tickets)
        .where(and(inArray(tickets.shopId, scope), eq(tickets.gorgiasTicketId, input.ticketId)))
        .limit(1)
    : [];
  if (!ticket) throw new AppError('unknown_ticket', `Concord has no ticket ${input.ticketId} for the Gorgias account ${input.account}.`);
  return { via: 'gorgias', actor: { type: 'agent', id: input.agentEmail ?? 'agent (Gorgias button)' }, ticketShopId: ticket.shopId };
}
