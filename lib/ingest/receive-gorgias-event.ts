import type { Db } from '@/lib/db/client';
import { inboxEvents } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { bearerToken, sameSecret } from '@/lib/auth/same-secret';
import { gorgiasEventId, parseGorgiasContext } from '@/lib/integrations/gorgias/payloads';
import { gorgiasPartition } from '@/lib/ingest/partition-key';
import { shopsForGorgiasDomain } from '@/lib/connections/shops';

/** Gorgias sends the secret the admin pasted into the integration: `Authorization: Bearer <secret>`. */
export function verifyGorgiasBearer(authorization: string | null, secret: string): boolean {
  const token = bearerToken(authorization?.trim());
  return token !== null && sameSecret(token, secret);
}

export function requireGorgiasBearer(headers: Headers, secret: string): void {
  if (!verifyGorgiasBearer(headers.get('authorization'), secret)) {
    throw new AppError(
      'unauthorized',
      'Missing or wrong Authorization header. In the Gorgias HTTP integration, add the header Authorization: Bearer <GORGIAS_INTEGRATION_SECRET>.',
    );
  }
}

export interface ReceivedTicketEvent {
  inboxId: number | null; // null for a duplicate delivery
  shopId: string;
  shopIds: string[];
  ticketId: string;
  customerEmail: string | null;
  account: string;
}

/**
 * Stores a Gorgias ticket event durably and idempotently (like Shopify webhooks). An event from a
 * Gorgias account no store is linked to is not stored (null): that account sees nothing.
 */
export async function receiveGorgiasEvent(db: Db, body: unknown, opts: { eventId?: string } = {}): Promise<ReceivedTicketEvent | null> {
  const parsed = parseGorgiasContext(body);
  if (!parsed.ok)
    throw new AppError(
      'invalid_ticket_payload',
      `The body is not a Gorgias ticket context: ${parsed.error}. Use the body {{context}} in the integration.`,
    );
  const shopIds = await shopsForGorgiasDomain(db, parsed.ticket.accountDomain);
  if (shopIds.length === 0) return null;
  // Gorgias retries carry the same payload, so the payload-derived id dedupes them.
  const eventId = opts.eventId ?? gorgiasEventId(parsed.ticket, parsed.message);
  const rows = await db
    .insert(inboxEvents)
    .values({
      source: 'gorgias',
      shopId: shopIds[0],
      topic: parsed.message ? 'ticket-message-created' : 'ticket-updated',
      eventId,
      triggeredAt: parsed.ticket.updatedAt,
      body: JSON.stringify(body),
      nextAttemptAt: new Date(), // wall clock, as the claim (lib/ingest/process-inbox.ts)
      ...gorgiasPartition(shopIds[0], parsed.ticket.id, parsed.ticket.customer.email ?? null),
    })
    .onConflictDoNothing()
    .returning({ id: inboxEvents.id });
  return {
    inboxId: rows[0]?.id ?? null,
    shopId: shopIds[0],
    shopIds,
    ticketId: parsed.ticket.id,
    customerEmail: parsed.ticket.customer.email?.toLowerCase() ?? null,
    account: parsed.ticket.accountDomain!,
  };
}
