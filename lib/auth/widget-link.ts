import { signToken, verifyToken } from './signed-token';

// An agent reaches the live widget page through a link the Gorgias integration hands out. The link
// is bound to one ticket and one store, lives for hours (Gorgias renews it on every ticket event),
// and an admin can revoke every link of a store at once (checked in lib/auth/widget-grant.ts).

export const WIDGET_LINK_TTL_MS = 8 * 3600_000; // an agent's shift; CONCORD_WIDGET_LINK_TTL_MINUTES overrides

export interface WidgetGrant {
  ticketId: string;
  shopId: string;
  agent: string | null; // the Gorgias user who opened the link ({{current_user.email}}), once bound
  issuedAt: Date;
  expiresAt: Date;
}

type GrantInput = { ticketId: string; shopId: string; agent: string | null };

export function widgetToken(grant: GrantInput, secret: string, now: Date, ttlMs = WIDGET_LINK_TTL_MS): string {
  return signToken({ k: 'widget', t: grant.ticketId, s: grant.shopId, a: grant.agent, i: now.getTime(), e: now.getTime() + ttlMs }, secret);
}

export function widgetUrl(appUrl: string, grant: GrantInput, secret: string, now: Date, ttlMs = WIDGET_LINK_TTL_MS): string {
  return `${appUrl}/widget/${encodeURIComponent(grant.ticketId)}?token=${widgetToken(grant, secret, now, ttlMs)}`;
}

/** The same link with the agent who opened it bound in: from then on actions are theirs. */
export function bindAgent(grant: WidgetGrant, agent: string, secret: string): string {
  return signToken(
    { k: 'widget', t: grant.ticketId, s: grant.shopId, a: agent, i: grant.issuedAt.getTime(), e: grant.expiresAt.getTime() },
    secret,
  );
}

export type WidgetGrantResult = { ok: true; grant: WidgetGrant } | { ok: false; reason: string };

export function verifyWidgetToken(token: string | null | undefined, ticketId: string, secret: string, now: Date): WidgetGrantResult {
  if (!/^\d{1,20}$/.test(ticketId))
    return { ok: false, reason: 'This is not a Gorgias ticket id. Open the ticket’s link from the Gorgias sidebar again.' };
  if (!token) return { ok: false, reason: 'This widget link has no token. Open the ticket’s link from the Gorgias sidebar again.' };
  const p = verifyToken(token, secret);
  if (!p || p.k !== 'widget' || typeof p.t !== 'string' || typeof p.s !== 'string' || typeof p.e !== 'number') {
    return { ok: false, reason: 'This widget link is not valid. Open the ticket’s link from the Gorgias sidebar again.' };
  }
  if (p.t !== ticketId) return { ok: false, reason: 'This widget link belongs to another ticket.' };
  if (p.e < now.getTime()) {
    return {
      ok: false,
      reason:
        'This widget link has expired. Gorgias renews it on every ticket event: reload the ticket in Gorgias (or add a note) and open the link again.',
    };
  }
  const issuedAt = typeof p.i === 'number' ? p.i : 0; // links from before issue times were recorded count as oldest
  return {
    ok: true,
    grant: {
      ticketId: p.t,
      shopId: p.s,
      agent: typeof p.a === 'string' ? p.a : null,
      issuedAt: new Date(issuedAt),
      expiresAt: new Date(p.e),
    },
  };
}
