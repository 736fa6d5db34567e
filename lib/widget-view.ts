import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { customers, drafts, issues, shops, suppressionOverrides, tickets } from '@/lib/db/schema';
import { shipmentHealth } from '@/lib/domain/shipment-health';
import { deriveSuppression, type SuppressionOverride, type SuppressionState } from '@/lib/domain/suppression';
import type { WidgetView } from '@/lib/domain/sidebar';
import type { Intent, ShipmentHealth, Verdict } from '@/lib/domain/types';
import { isVip } from '@/lib/domain/vip';
import { widgetUrl } from '@/lib/auth/widget-link';
import { matchTicket, type TicketMatch } from '@/lib/match-ticket';
import { loadOrderBundles, type OrderBundle } from '@/lib/read-model/order-bundle';
import { customerFromRow, issueRecordFromRow } from '@/lib/read-model/mappers';
import { getSettings } from '@/lib/settings-store';
import { shopsForGorgiasDomain } from '@/lib/shops';

export const STALE_AFTER_MS = 6 * 3600_000;

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
  const shopIds = await shopsForGorgiasDomain(db, input.gorgiasDomain ?? null);
  const ticketShopId = input.ticketShopId ?? shopIds[0] ?? '';
  const [ticket] = input.ticketId
    ? await db.select().from(tickets).where(and(eq(tickets.shopId, ticketShopId), eq(tickets.gorgiasTicketId, input.ticketId))).limit(1)
    : [];
  const email = (ticket?.customerEmail ?? input.email ?? null)?.toLowerCase() ?? null;
  const match = await matchTicket(db, shopIds.length ? shopIds : [ticketShopId], email, []);
  // The ticket's own match (made when the message arrived) may have found the order by a quoted number.
  const focusOrderId = ticket?.matchedOrderId ?? match.focusOrderId;
  const shopId = ticket?.matchedShopId ?? match.shopId ?? ticketShopId;
  const settings = await getSettings(db, shopId);
  const orderIds = [...new Set([...(focusOrderId ? [focusOrderId] : []), ...match.orderIds])].slice(0, 5);
  const bundleMap = await loadOrderBundles(db, shopId, orderIds);
  const bundles = orderIds
    .map((id) => bundleMap.get(id)!)
    .filter((b) => b.order !== null)
    .sort((a, b) => b.order!.createdAt.getTime() - a.order!.createdAt.getTime())
    .map((bundle) => ({
      bundle,
      health: new Map(
        bundle.fulfillments.map((f) => [f.id, shipmentHealth({ fulfillment: f, events: bundle.events.filter((e) => e.fulfillmentId === f.id), now, delay: settings.delay })]),
      ),
    }));

  const [shopRow] = await db.select().from(shops).where(eq(shops.id, shopId)).limit(1);
  const customerRow = match.customerShopifyId
    ? (await db.select().from(customers).where(and(eq(customers.shopId, shopId), eq(customers.shopifyCustomerId, match.customerShopifyId))).limit(1))[0]
    : undefined;
  const customerEmails = match.customerEmails.length ? match.customerEmails : email ? [email] : [];
  const otherStores = customerEmails.length && shopIds.length > 1
    ? await db
        .selectDistinct({ shopId: customers.shopId })
        .from(customers)
        .where(and(ne(customers.shopId, shopId), sql`${customers.emails} && array[${sql.join(customerEmails.map((e) => sql`${e}`), sql`, `)}]::text[]`))
    : [];

  const issueRows = customerEmails.length
    ? await db.select().from(issues).where(and(eq(issues.shopId, shopId), inArray(issues.customerEmail, customerEmails)))
    : [];
  const overrideRows = customerEmails.length
    ? await db.select().from(suppressionOverrides).where(and(eq(suppressionOverrides.shopId, shopId), inArray(suppressionOverrides.customerEmail, customerEmails)))
    : [];
  const suppression = deriveSuppression({
    issues: issueRows.map(issueRecordFromRow),
    overrides: overrideRows.map((o): SuppressionOverride => ({ mode: o.mode as 'suppress' | 'release', reason: o.reason, expiresAt: o.expiresAt, createdAt: o.createdAt, actor: o.actor })),
    now,
  });
  const previous = customerEmails.length
    ? await db
        .select({ id: tickets.gorgiasTicketId, subject: tickets.subject, status: tickets.status, intent: tickets.intent, createdAt: tickets.gorgiasCreatedAt })
        .from(tickets)
        .where(and(inArray(tickets.customerEmail, customerEmails), input.ticketId ? ne(tickets.gorgiasTicketId, input.ticketId) : sql`true`))
        .orderBy(desc(tickets.gorgiasCreatedAt))
        .limit(5)
    : [];
  const [draft] = ticket
    ? await db.select({ output: drafts.output }).from(drafts).where(and(eq(drafts.shopId, shopId), eq(drafts.ticketId, ticket.gorgiasTicketId))).orderBy(desc(drafts.createdAt)).limit(1)
    : [];

  const asOf = latest([
    customerRow?.updatedAt,
    ...bundles.flatMap(({ bundle }) => [bundle.order!.updatedAt, ...bundle.fulfillments.map((f) => f.updatedAt), ...bundle.events.map((e) => e.happenedAt)]),
  ]) ?? now;
  const verdict = (ticket?.verdict as Verdict | null) ?? null;
  const customer = customerRow ? customerFromRow(customerRow) : null;
  const view: WidgetView = {
    asOf,
    stale: now.getTime() - asOf.getTime() > STALE_AFTER_MS,
    refreshing: false,
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
          vip: isVip(customer, settings),
          ordersCount: Math.max(customer.ordersCount, bundles.length),
          totalSpent: customer.totalSpent,
          currency: bundles[0]?.bundle.order?.currency ?? shopRow?.currency ?? 'USD',
          storesMatched: [shopId, ...otherStores.map((s) => s.shopId)],
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
        shipments: bundle.fulfillments.map((f) => {
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
    openIssues: issueRows.filter((i) => i.status === 'open').map((i) => ({ kind: i.kind, reason: i.reason, openedAt: i.openedAt })),
    previousTickets: previous.map((p) => ({ id: p.id, subject: p.subject, status: p.status, intent: p.intent, createdAt: p.createdAt })),
    ticket: ticket
      ? { id: ticket.gorgiasTicketId, intent: (ticket.intent as Intent | null) ?? null, confidence: ticket.intentConfidence ?? null, reasons: ticket.intentReasons ?? [] }
      : null,
    verdict: verdict ? { decision: verdict.decision, explanation: verdict.explanation, reasons: verdict.reasons, nextStep: verdict.nextStep } : null,
    suppression: { suppressed: suppression.suppressed, because: suppression.because },
    draftPreview: draft?.output ?? null,
    widgetUrl: ticket ? widgetUrl(config.appUrl, { ticketId: ticket.gorgiasTicketId, shopId: ticketShopId, agent: null }, config.secrets.session, now) : config.appUrl,
  };
  return { view, ticketShopId, match: { ...match, focusOrderId }, bundles, suppression, verdict, customerEmails };
}

function latest(dates: (Date | null | undefined)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}
