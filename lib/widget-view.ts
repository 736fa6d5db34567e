import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { decodeJsonRow, jsonRowOf } from '@/lib/db/json-rows';
import { rowsOf } from '@/lib/db/rows';
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

  const customerEmails = match.customerEmails.length ? match.customerEmails : email ? [email] : [];
  const { shopRow, customerRow, otherStores, issueRows, overrideRows, previous, draft } = await loadCustomerContext(db, {
    shopId,
    customerShopifyId: match.customerShopifyId,
    customerEmails,
    lookAcrossStores: shopIds.length > 1,
    ticketId: input.ticketId,
    draftTicketId: ticket?.gorgiasTicketId ?? null,
  });
  const suppression = deriveSuppression({
    issues: issueRows.map(issueRecordFromRow),
    overrides: overrideRows.map((o): SuppressionOverride => ({ mode: o.mode as 'suppress' | 'release', reason: o.reason, expiresAt: o.expiresAt, createdAt: o.createdAt, actor: o.actor })),
    now,
  });
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

/**
 * Everything about the customer beyond their orders, in one round trip: the store, the customer
 * record, other stores that know these emails, issues, suppression overrides, previous tickets and
 * the ticket's latest draft.
 */
async function loadCustomerContext(
  db: Db,
  q: { shopId: string; customerShopifyId: string | null; customerEmails: string[]; lookAcrossStores: boolean; ticketId: string | null; draftTicketId: string | null },
) {
  const emails = q.customerEmails.length ? sql`array[${sql.join(q.customerEmails.map((e) => sql`${e}`), sql`, `)}]::text[]` : sql`array[]::text[]`;
  const [row] = rowsOf<{ data: ContextJson | string }>(
    await db.execute(sql`select json_build_object(
      'shop', (select ${jsonRowOf('s')} from ${shops} s where s.id = ${q.shopId}),
      'customer', (select ${jsonRowOf('c')} from ${customers} c where c.shop_id = ${q.shopId} and c.shopify_customer_id = ${q.customerShopifyId} limit 1),
      'otherStores', coalesce((select json_agg(distinct c.shop_id) from ${customers} c
        where ${q.lookAcrossStores} and c.shop_id <> ${q.shopId} and c.emails && ${emails}), '[]'::json),
      'issues', coalesce((select json_agg(${jsonRowOf('i')}) from ${issues} i where i.shop_id = ${q.shopId} and i.customer_email = any(${emails})), '[]'::json),
      'overrides', coalesce((select json_agg(${jsonRowOf('o')}) from ${suppressionOverrides} o
        where o.shop_id = ${q.shopId} and o.customer_email = any(${emails})), '[]'::json),
      'previous', coalesce((select json_agg(p order by p."createdAt" desc nulls last) from (
        select t.gorgias_ticket_id as id, t.subject, t.status, t.intent, t.gorgias_created_at as "createdAt" from ${tickets} t
        where t.customer_email = any(${emails}) and t.gorgias_ticket_id is distinct from ${q.ticketId}
        order by t.gorgias_created_at desc nulls last limit 5) p), '[]'::json),
      'draft', (select d.output from ${drafts} d where d.shop_id = ${q.shopId} and d.ticket_id = ${q.draftTicketId} order by d.created_at desc limit 1)
    ) as data`),
  );
  const data: ContextJson = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return {
    shopRow: data.shop ? decodeJsonRow(shops, data.shop) : undefined,
    customerRow: data.customer ? decodeJsonRow(customers, data.customer) : undefined,
    otherStores: data.otherStores,
    issueRows: data.issues.map((r) => decodeJsonRow(issues, r)),
    overrideRows: data.overrides.map((r) => decodeJsonRow(suppressionOverrides, r)),
    previous: data.previous.map((p) => ({ ...p, createdAt: p.createdAt ? new Date(p.createdAt) : null })),
    draft: data.draft === null ? undefined : { output: data.draft },
  };
}

interface ContextJson {
  shop: Record<string, unknown> | null;
  customer: Record<string, unknown> | null;
  otherStores: string[];
  issues: Record<string, unknown>[];
  overrides: Record<string, unknown>[];
  previous: { id: string; subject: string | null; status: string; intent: string | null; createdAt: string | null }[];
  draft: string | null;
}
