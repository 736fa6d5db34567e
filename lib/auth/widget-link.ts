import { signToken, verifyToken } from './signed-token';

// An agent reaches the live widget page through a link the Gorgias integration hands out. The link
// is bound to one ticket and one store and expires; it needs no login.

export const WIDGET_LINK_TTL_MS = 7 * 24 * 3600_000;

export interface WidgetGrant {
  ticketId: string;
  shopId: string;
  agent: string | null;
  expiresAt: Date;
}

export function widgetToken(grant: Omit<WidgetGrant, 'expiresAt'>, secret: string, now: Date, ttlMs = WIDGET_LINK_TTL_MS): string {
  return signToken({ k: 'widget', t: grant.ticketId, s: grant.shopId, a: grant.agent, e: now.getTime() + ttlMs }, secret);
}

export function widgetUrl(appUrl: string, grant: Omit<WidgetGrant, 'expiresAt'>, secret: string, now: Date): string {
  return `${appUrl}/widget/${encodeURIComponent(grant.ticketId)}?token=${widgetToken(grant, secret, now)}`;
}

export type WidgetGrantResult = { ok: true; grant: WidgetGrant } | { ok: false; reason: string };

export function verifyWidgetToken(token: string | null | undefined, ticketId: string, secret: string, now: Date): WidgetGrantResult {
  if (!token) return { ok: false, reason: 'This widget link has no token. Open the ticket’s link from the Gorgias sidebar again.' };
  const p = verifyToken(token, secret);
  if (!p || p.k !== 'widget' || typeof p.t !== 'string' || typeof p.s !== 'string' || typeof p.e !== 'number') {
    return { ok: false, reason: 'This widget link is not valid. Open the ticket’s link from the Gorgias sidebar again.' };
  }
  if (p.t !== ticketId) return { ok: false, reason: 'This widget link belongs to another ticket.' };
  if (p.e < now.getTime()) return { ok: false, reason: 'This widget link has expired. Open the ticket’s link from the Gorgias sidebar again to get a fresh one.' };
  return { ok: true, grant: { ticketId: p.t, shopId: p.s, agent: typeof p.a === 'string' ? p.a : null, expiresAt: new Date(p.e) } };
}
