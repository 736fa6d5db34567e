import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { shops } from '@/lib/db/schema';
import { verifyWidgetToken, type WidgetGrantResult } from './widget-link';

/**
 * A widget link is good when its signature and expiry check out and the store's admin has not
 * revoked the store's links since it was issued. One primary-key read per request, so a revocation
 * takes effect at once on every instance.
 */
export async function checkWidgetGrant(
  db: Db,
  token: string | null | undefined,
  ticketId: string,
  secret: string,
  now: Date,
): Promise<WidgetGrantResult> {
  const result = verifyWidgetToken(token, ticketId, secret, now);
  if (!result.ok) return result;
  const [shop] = await db
    .select({ revokedBefore: shops.widgetLinksRevokedBefore })
    .from(shops)
    .where(eq(shops.id, result.grant.shopId))
    .limit(1);
  if (!shop) return { ok: false, reason: 'This widget link names a store Concord does not serve.' };
  if (shop.revokedBefore && result.grant.issuedAt < shop.revokedBefore) {
    return {
      ok: false,
      reason:
        'An admin revoked this store’s widget links. Gorgias hands out a new one on the next ticket event: reload the ticket in Gorgias.',
    };
  }
  return result;
}

/** A plausible email for the agent Gorgias says opened the link ({{current_user.email}}). */
export function agentFromLink(raw: string | null | undefined): string | null {
  const v = raw?.trim().toLowerCase();
  return v && v.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v : null;
}
