import { getConfig } from '@/lib/config';
import { verifyWidgetToken } from '@/lib/auth/widget-link';
import { HttpError } from '@/lib/http/responses';
import type { Actor } from '@/lib/audit';
import { verifyGorgiasBearer } from '@/lib/receive-gorgias-event';

export interface WidgetCaller {
  via: 'gorgias' | 'widget';
  actor: Actor;
  shopId: string | null; // known from a widget link; Gorgias calls name the ticket only
}

/**
 * The action and suppression endpoints are called by Gorgias's own buttons (Bearer secret, the
 * agent's email in the body) and by Concord's widget page (a signed link bound to one ticket).
 * Neither uses cookies, so there is nothing for a cross-site request to ride on.
 */
export function authenticateWidgetCaller(headers: Headers, ticketId: string, agentEmail: string | null, now: Date): WidgetCaller {
  const config = getConfig();
  const token = headers.get('x-widget-token');
  if (token) {
    const result = verifyWidgetToken(token, ticketId, config.secrets.session, now);
    if (!result.ok) throw new HttpError(401, 'invalid_widget_link', result.reason);
    return { via: 'widget', actor: { type: 'agent', id: result.grant.agent ?? agentEmail ?? 'agent (widget link)' }, shopId: result.grant.shopId };
  }
  if (verifyGorgiasBearer(headers.get('authorization'), config.secrets.gorgiasIntegration)) {
    return { via: 'gorgias', actor: { type: 'agent', id: agentEmail ?? 'agent (Gorgias button)' }, shopId: null };
  }
  throw new HttpError(401, 'unauthorized', 'Send Authorization: Bearer <GORGIAS_INTEGRATION_SECRET> (Gorgias buttons) or open the widget from its signed link.');
}
