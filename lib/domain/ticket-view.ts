import { normalizeEmail } from './contact';
import { verdictAfterActions, type TakenAction } from './policy/verdict-after-actions';
import { customerTotals } from './customer-totals';
import type { IssueRecord } from './issues';
import type { OrderBundle } from './order-consequences';
import type { Settings } from './settings';
import { shipmentHealth } from './shipment-health';
import type { WidgetView } from './sidebar';
import { deriveSuppression, type SuppressionOverride, type SuppressionState } from './suppression';
import { contactEvidence, finishMatch, type CustomerCandidate, type TicketMatch } from './ticket-match';
import type { Customer, Intent, ShipmentHealth, Verdict } from './types';
import { isVip } from './vip';

// The ticket context: what the sidebar and the widget page show about one ticket (or one email),
// decided from the rows the read model holds (lib/ticket-context/load-ticket-context.ts loads them). Pure.

/** The ticket row's fields the view reads. */
export interface TicketViewRow {
  gorgiasTicketId: string;
  customerEmail: string | null;
  customerOtherEmails: string[] | null;
  customerPhones: string[] | null;
  customerName: string | null;
  matchedOrderId: string | null;
  matchStatus: string | null;
  matchBy: string[] | null;
  matchNote: string | null;
  intent: string | null;
  intentConfidence: number | null;
  intentReasons: string[] | null;
  verdict: unknown;
}

export interface TicketViewInput {
  now: Date;
  staleAfterMs: number;
  ticketShopId: string;
  /** The email the read asked about, when there is no ticket. */
  requestedEmail: string | null;
  shopId: string; // the store whose data is shown
  shop: { name: string; currency: string | null } | null;
  ticket: TicketViewRow | null;
  candidates: CustomerCandidate[];
  own: { id: string; shopId: string }[];
  orderIds: string[];
  bundles: ReadonlyMap<string, OrderBundle>;
  customer: Customer | null;
  customerUpdatedAt: Date | null;
  held: { count: number; spentMinor: number };
  otherStores: string[];
  issues: IssueRecord[];
  overrides: SuppressionOverride[];
  previous: {
    id: string;
    subject: string | null;
    status: string;
    intent: string | null;
    createdAt: Date | null;
    channel: string | null;
    excerpt: string | null;
  }[];
  draft: { output: string; flags: number } | null;
  unapplied: number;
  settings: Settings;
  /** What was already done about this ticket (queued, done): the verdict reports it rather than offering it again. */
  takenActions: TakenAction[];
  /** The signed link to the widget page (or the app's address when there is no ticket). */
  widgetUrl: string;
}

export interface TicketContext {
  view: WidgetView;
  ticketShopId: string;
  match: TicketMatch;
  bundles: { bundle: OrderBundle; health: Map<string, ShipmentHealth> }[];
  suppression: SuppressionState;
  verdict: Verdict | null;
  customerEmails: string[];
}

export function ticketContextView(input: TicketViewInput): TicketContext {
  const { ticket, shopId, orderIds, otherStores, now, settings } = input;
  const email = normalizeEmail(ticket?.customerEmail ?? input.requestedEmail);
  const contact = { email, otherEmails: ticket?.customerOtherEmails ?? [], phones: ticket?.customerPhones ?? [] };
  const match = finishMatch(contactEvidence(contact, input.candidates, input.own), {
    focusOrderId: input.own[0]?.id ?? null,
    note: null,
    uncertain: false,
  });
  // The ticket's own match (made when the message arrived) may have found the order by a quoted number.
  const focusOrderId = ticket?.matchedOrderId ?? match.focusOrderId;
  const bundles = orderIds
    .map((id) => input.bundles.get(id)!)
    .filter((b) => b.order !== null)
    .sort((a, b) => b.order!.createdAt.getTime() - a.order!.createdAt.getTime())
    .map((bundle) => ({
      bundle,
      health: new Map(
        bundle.fulfillments.map((f) => [
          f.id,
          shipmentHealth({ fulfillment: f, events: bundle.events.filter((e) => e.fulfillmentId === f.id), now, delay: settings.delay }),
        ]),
      ),
    }));

  const customerEmails = match.customerEmails.length ? match.customerEmails : email ? [email] : [];
  const suppression = deriveSuppression({
    issues: input.issues,
    overrides: input.overrides,
    now,
  });
  const asOf =
    latest([
      input.customerUpdatedAt,
      ...bundles.flatMap(({ bundle }) => [
        bundle.order!.updatedAt,
        ...bundle.fulfillments.map((f) => f.updatedAt),
        ...bundle.events.map((e) => e.happenedAt),
      ]),
    ]) ?? now;
  // The stored verdict, re-derived from what was already done about it (20.3): a queued or done step
  // is reported, not offered again.
  const stored = (ticket?.verdict as Verdict | null) ?? null;
  const verdict = stored && ticket ? verdictAfterActions(stored, input.takenActions, focusOrderId) : stored;
  const { customer } = input;
  const totals = customer ? customerTotals(customer, input.held) : null;
  const view: WidgetView = {
    asOf,
    stale: now.getTime() - asOf.getTime() > input.staleAfterMs,
    refreshing: false,
    updating: input.unapplied,
    shop: { id: shopId, name: input.shop?.name ?? shopId, locale: settings.display.locale },
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
          currency: bundles[0]?.bundle.order?.currency ?? input.shop?.currency ?? 'USD',
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
        itemsShipped: itemsShipped(
          o.lineItems.map((li) => li.id),
          bundle.fulfillments,
        ),
        shipments: bundle.fulfillments
          .filter((f) => f.status.toLowerCase() !== 'cancelled')
          .map((f) => {
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
    openIssues: input.issues
      .filter((i) => i.status === 'open')
      .map((i) => ({
        kind: i.kind,
        reason: i.reason,
        openedAt: i.openedAt,
        orderName: bundles.find(({ bundle }) => bundle.order!.id === i.orderId)?.bundle.order!.name ?? null,
      })),
    previousTickets: input.previous.map((p) => ({
      id: p.id,
      subject: p.subject,
      status: p.status,
      intent: p.intent,
      createdAt: p.createdAt,
      channel: p.channel,
      excerpt: p.excerpt,
    })),
    ticket: ticket
      ? {
          id: ticket.gorgiasTicketId,
          intent: (ticket.intent as Intent | null) ?? null,
          confidence: ticket.intentConfidence ?? null,
          reasons: ticket.intentReasons ?? [],
        }
      : null,
    verdict: verdict
      ? {
          decision: verdict.decision,
          explanation: verdict.explanation,
          reasons: verdict.reasons,
          nextStep: verdict.nextStep,
          taken: verdict.taken ? { status: verdict.taken.status, at: verdict.taken.at, toldCustomer: verdict.taken.toldCustomer } : null,
        }
      : null,
    suppression: { suppressed: suppression.suppressed, because: suppression.because },
    draftPreview: input.draft?.output ?? null,
    draftFlags: input.draft ? input.draft.flags : null,
    widgetUrl: input.widgetUrl,
  };
  return { view, ticketShopId: input.ticketShopId, match: { ...match, focusOrderId }, bundles, suppression, verdict, customerEmails };
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
