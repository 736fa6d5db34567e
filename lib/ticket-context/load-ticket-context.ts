import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import type { SuppressionOverride } from '@/lib/domain/suppression';
import { ticketContextView, type TicketContext } from '@/lib/domain/ticket-view';
import { widgetUrl } from '@/lib/auth/widget-link';
import { loadWidgetRows } from '@/lib/ticket-context/load-ticket-rows';
import { customerFromRow, issueRecordFromRow } from '@/lib/ticket-context/row-mappers';
import { getSettings } from '@/lib/settings/settings-store';
import { loadTakenActions } from '@/lib/actions/load-taken-actions';
import { shopsForGorgiasDomain, shopsSharingHelpdesk } from '@/lib/connections/shops';

const STALE_AFTER_MS = 6 * 3600_000;

/** A read for a Gorgias account that no store is linked to: it sees nothing. */
export class UnknownAccountError extends Error {
  constructor(readonly account: string | null) {
    super(
      account
        ? `The Gorgias account “${account}” is not linked to any store in Concord.`
        : 'No Gorgias account was named, so Concord shows nothing.',
    );
  }
}

/** The ticket context (lib/domain/ticket-view.ts decides it from the rows loaded here). */
export type WidgetData = TicketContext;

/**
 * Everything the sidebar and the widget page show about one ticket (or one email), read from the
 * read model only: no call to Shopify on this path.
 */
export async function loadWidgetData(
  db: Db,
  config: Config,
  input: { ticketShopId: string | null; ticketId: string | null; email: string | null; gorgiasDomain?: string | null },
  now: Date,
): Promise<WidgetData> {
  // Stores are walls: a ticket sees the stores of its own helpdesk account, a read by account sees
  // that account's stores, and an account no store is linked to sees nothing.
  const shopIds = input.ticketShopId
    ? await shopsSharingHelpdesk(db, input.ticketShopId)
    : await shopsForGorgiasDomain(db, input.gorgiasDomain ?? null);
  if (shopIds.length === 0) throw new UnknownAccountError(input.gorgiasDomain ?? null);
  const ticketShopId = input.ticketShopId ?? shopIds[0];
  const rows = await loadWidgetRows(db, {
    matchShopIds: shopIds,
    ticketShopId,
    ticketId: input.ticketId,
    email: input.email,
    lookAcrossStores: shopIds.length > 1,
  });
  const { ticket, shopId, shopRow, customerRow } = rows;
  const settings = await getSettings(db, shopId);
  return ticketContextView({
    now,
    staleAfterMs: STALE_AFTER_MS,
    ticketShopId,
    requestedEmail: input.email,
    shopId,
    shop: shopRow ? { name: shopRow.name, currency: shopRow.currency } : null,
    ticket: ticket ?? null,
    candidates: rows.candidates,
    own: rows.own,
    orderIds: rows.orderIds,
    bundles: rows.bundles,
    customer: customerRow ? customerFromRow(customerRow) : null,
    customerUpdatedAt: customerRow?.updatedAt ?? null,
    held: rows.held,
    otherStores: rows.otherStores,
    issues: rows.issueRows.map(issueRecordFromRow),
    overrides: rows.overrideRows.map((o): SuppressionOverride => ({
      mode: o.mode as 'suppress' | 'release',
      reason: o.reason,
      expiresAt: o.expiresAt,
      createdAt: o.createdAt,
      actor: o.actor,
    })),
    previous: rows.previous,
    draft: rows.draft ?? null,
    unapplied: rows.unapplied,
    settings,
    takenActions: ticket ? await loadTakenActions(db, shopId, ticket.gorgiasTicketId) : [],
    widgetUrl: ticket
      ? widgetUrl(
          config.appUrl,
          { ticketId: ticket.gorgiasTicketId, shopId: ticketShopId, agent: null },
          config.secrets.session,
          now,
          config.env.CONCORD_WIDGET_LINK_TTL_MINUTES * 60_000,
        )
      : config.appUrl,
  });
}
