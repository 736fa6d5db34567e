import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { shipmentHealth } from '@/lib/domain/shipment-health';
import { deriveSuppression, type SuppressionOverride, type SuppressionState } from '@/lib/domain/suppression';
import type { WidgetView } from '@/lib/domain/sidebar';
import type { Intent, ShipmentHealth, Verdict } from '@/lib/domain/types';
import { isVip } from '@/lib/domain/vip';
import { customerTotals } from '@/lib/domain/customer-totals';
import { widgetUrl } from '@/lib/auth/widget-link';
import { contactEvidence, finishMatch, type TicketMatch } from '@/lib/ticket-context/match-ticket';
import { normalizeEmail } from '@/lib/domain/contact';
import type { OrderBundle } from '@/lib/ticket-context/load-order-bundle';
import { loadWidgetRows } from '@/lib/ticket-context/load-ticket-rows';
import { customerFromRow, issueRecordFromRow } from '@/lib/ticket-context/row-mappers';
import { getSettings } from '@/lib/settings/settings-store';
import { loadTakenActions } from '@/lib/actions/load-taken-actions';
import { verdictAfterActions } from '@/lib/domain/policy/verdict-after-actions';
import { shopsForGorgiasDomain, shopsSharingHelpdesk } from '@/lib/connections/shops';

export const STALE_AFTER_MS = 6 * 3600_000;

/** A read for a Gorgias account that no store is linked to: it sees nothing. */
export class UnknownAccountError extends Error {
  constructor(readonly account: string | null) {
    super(account ? `The Gorgias account “${account}” is not linked to any store in Concord.` : 'No Gorgias account was named, so Concord shows nothing.');
  }
}

export interface WidgetData {
  view: WidgetView;
  ticketShopId: string;
  match: TicketMatch;
  bundles: { bundle: OrderBundle; health: Map<string, ShipmentHealth> }[];
  suppression: SuppressionState;
  verdict: Verdict | null;
  customerEmails: string[];
}

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
  const shopIds = input.ticketShopId ? await shopsSharingHelpdesk(db, input.ticketShopId) : await shopsForGorgiasDomain(db, input.gorgiasDomain ?? null);
  if (shopIds.length === 0) throw new UnknownAccountError(input.gorgiasDomain ?? null);
  const ticketShopId = input.ticketShopId ?? shopIds[0];
  const rows = await loadWidgetRows(db, {
    matchShopIds: shopIds,
    ticketShopId,
    ticketId: input.ticketId,
    email: input.email,
    lookAcrossStores: shopIds.length > 1,
  });
  const { ticket, shopId, orderIds, shopRow, customerRow, otherStores, issueRows, overrideRows, previous, draft } = rows;
  const email = normalizeEmail(ticket?.customerEmail ?? input.email);
  const contact = { email, otherEmails: ticket?.customerOtherEmails ?? [], phones: ticket?.customerPhones ?? [] };
  const match = finishMatch(contactEvidence(contact, rows.candidates, rows.own), { focusOrderId: rows.own[0]?.id ?? null, note: null, uncertain: false });
  // The ticket's own match (made when the message arrived) may have found the order by a quoted number.
  const focusOrderId = ticket?.matchedOrderId ?? match.focusOrderId;
  const settings = await getSettings(db, shopId);
  const bundles = orderIds
    .map((id) => rows.bundles.get(id)!)
    .filter((b) => b.order !== null)
    .sort((a, b) => b.order!.createdAt.getTime() - a.order!.createdAt.getTime())
    .map((bundle) => ({
      bundle,
      health: new Map(
        bundle.fulfillments.map((f) => [f.id, shipmentHealth({ fulfillment: f, events: bundle.events.filter((e) => e.fulfillmentId === f.id), now, delay: settings.delay })]),
      ),
    }));

  const customerEmails = match.customerEmails.length ? match.customerEmails : email ? [email] : [];
  const suppression = deriveSuppression({
    issues: issueRows.map(issueRecordFromRow),
    overrides: overrideRows.map((o): SuppressionOverride => ({ mode: o.mode as 'suppress' | 'release', reason: o.reason, expiresAt: o.expiresAt, createdAt: o.createdAt, actor: o.actor })),
    now,
  });
  const asOf = latest([
    customerRow?.updatedAt,
    ...bundles.flatMap(({ bundle }) => [bundle.order!.updatedAt, ...bundle.fulfillments.map((f) => f.updatedAt), ...bundle.events.map((e) => e.happenedAt)]),
  ]) ?? now;
  // The stored verdict, re-derived from what was already done about it (20.3): a queued or done step
  // is reported, not offered again.
  const stored = (ticket?.verdict as Verdict | null) ?? null;
  const verdict = stored && ticket ? verdictAfterActions(stored, await loadTakenActions(db, shopId, ticket.gorgiasTicketId), focusOrderId) : stored;
  const customer = customerRow ? customerFromRow(customerRow) : null;
  const totals = customer ? customerTotals(customer, rows.held) : null;
  const view: WidgetView = {
    asOf,
    stale: now.getTime() - asOf.getTime() > STALE_AFTER_MS,
    refreshing: false,
    updating: rows.unapplied,
    shop: { id: shopId, name: shopRow?.name ?? shopId },
    // The match made when the message arrived knows about quoted order numbers; prefer it.
    match: ticket?.matchStatus
      ? { status: ticket.matchStatus as 'matched' | 'uncertain' | 'none', by: ticket.matchBy ?? [], note: ticket.matchNote ?? null }
      : { status: match.status, by: match.by, note: match.note },
    customer: customer
      ? {
          name: [customer.firstName, customer.lastName].filter(Boolean).join(' ') || ticket?.customerName || null,
          email: customer.email ?? email,
          otherEmails: customer.emails.filter((e) => e !== (customer.email ?? email)),
          phones: customer.phones,
          vip: isVip({ tags: customer.tags, totalSpent: totals!.totalSpent }, settings),
          ordersCount: Math.max(totals!.ordersCount, bundles.length),
          totalSpent: totals!.totalSpent,
          currency: bundles[0]?.bundle.order?.currency ?? shopRow?.currency ?? 'USD',
          storesMatched: [shopId, ...otherStores],
        }
      : null,
    orders: bundles.map(({ bundle, health }) => {
      const o = bundle.order!;
      return {
        name: o.name,
        createdAt: o.createdAt,
        totalPrice: o.totalPrice,
        currency: o.currency,
        financialStatus: o.financialStatus,
        fulfillmentStatus: o.fulfillmentStatus,
        cancelled: o.cancelledAt !== null,
        items: o.lineItems.map((li) => `${li.quantity}× ${li.title}`),
        adminUrl: `https://admin.shopify.com/store/${shopId.replace(/\.myshopify\.com$/, '')}/orders/${o.id}`,
        itemsShipped: itemsShipped(o.lineItems.map((li) => li.id), bundle.fulfillments),
        shipments: bundle.fulfillments.filter((f) => f.status.toLowerCase() !== 'cancelled').map((f) => {
          const h = health.get(f.id)!;
          return {
            carrier: f.trackingCompany,
            trackingNumber: f.trackingNumber,
            trackingUrl: f.trackingUrl,
            state: h.state,
            reason: h.reason,
            lastEventStatus: h.lastEventStatus,
            lastEventAt: h.lastEventAt,
            estimatedDeliveryAt: h.estimatedDeliveryAt,
          };
        }),
        returns: bundle.returns.map((r) => ({ name: r.name, status: r.status })),
        refunds: bundle.refunds.map((r) => ({ amount: r.amount, createdAt: r.createdAt })),
      };
    }),
    openIssues: issueRows
      .filter((i) => i.status === 'open')
      .map((i) => ({ kind: i.kind, reason: i.reason, openedAt: i.openedAt, orderName: bundles.find(({ bundle }) => bundle.order!.id === i.orderId)?.bundle.order!.name ?? null })),
    previousTickets: previous.map((p) => ({ id: p.id, subject: p.subject, status: p.status, intent: p.intent, createdAt: p.createdAt })),
    ticket: ticket
      ? { id: ticket.gorgiasTicketId, intent: (ticket.intent as Intent | null) ?? null, confidence: ticket.intentConfidence ?? null, reasons: ticket.intentReasons ?? [] }
      : null,
    verdict: verdict ? { decision: verdict.decision, explanation: verdict.explanation, reasons: verdict.reasons, nextStep: verdict.nextStep, taken: verdict.taken ? { status: verdict.taken.status, at: verdict.taken.at, toldCustomer: verdict.taken.toldCustomer } : null } : null,
    suppression: { suppressed: suppression.suppressed, because: suppression.because },
    draftPreview: draft?.output ?? null,
    draftFlags: draft ? draft.flags : null,
    widgetUrl: ticket
      ? widgetUrl(config.appUrl, { ticketId: ticket.gorgiasTicketId, shopId: ticketShopId, agent: null }, config.secrets.session, now, config.env.CONCORD_WIDGET_LINK_TTL_MINUTES * 60_000)
      : config.appUrl,
  };
  return { view, ticketShopId, match: { ...match, focusOrderId }, bundles, suppression, verdict, customerEmails };
}

/** How many of the order's line items the live fulfillments carry; null when their contents are unknown. */
function itemsShipped(lineItemIds: string[], fulfillments: OrderBundle['fulfillments']): { shipped: number; total: number } | null {
  const live = fulfillments.filter((f) => f.status.toLowerCase() !== 'cancelled');
  if (live.length === 0 || lineItemIds.length === 0 || live.some((f) => !f.lineItemIds?.length)) return null;
  const carried = new Set(live.flatMap((f) => f.lineItemIds ?? []));
  return { shipped: lineItemIds.filter((id) => carried.has(id)).length, total: lineItemIds.length };
}

function latest(dates: (Date | null | undefined)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}
