import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import {
  actions,
  auditLog,
  customers,
  drafts,
  fulfillments,
  inboxEvents,
  issues,
  klaviyoProfiles,
  messages,
  orders,
  outbox,
  refunds,
  returns,
  settingsVersions,
  shops,
  suppressionOverrides,
  tickets,
  trackingEvents,
} from '@/lib/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import type { ShopifyEvent } from '@/lib/integrations/shopify/webhook-events';

// Shopify's mandatory privacy topics. Redaction really removes personal data from every table
// that holds it, and the audit log says what was done (without repeating the data).

type PrivacyEvent = Extract<ShopifyEvent, { type: 'privacy.data_requested' | 'privacy.customer_redacted' | 'privacy.shop_redacted' }>;

export async function handlePrivacyTopic(tx: Db, event: PrivacyEvent, now: Date): Promise<void> {
  const { shopId } = event;
  if (event.type === 'privacy.shop_redacted') return redactShop(tx, shopId, now);
  const { customerId, email, orderIds } = event.request;
  if (event.type === 'privacy.data_requested') {
    const held = await countCustomerData(tx, shopId, customerId, email);
    await writeAudit(tx, {
      shopId,
      actor: { type: 'system' },
      action: 'privacy.data_requested',
      subjectType: 'customer',
      subjectId: customerId ?? undefined,
      explanation: `Shopify forwarded a customer data request (customer ${customerId ?? 'unknown'}). Concord holds ${held.orders} orders, ${held.tickets} tickets and ${held.messages} messages for this customer; export them for the store owner.`,
      after: held,
    });
    return;
  }
  // customers/redact
  const emails = new Set<string>(email ? [email] : []);
  if (customerId) {
    const rows = await tx
      .select({ emails: customers.emails })
      .from(customers)
      .where(and(eq(customers.shopId, shopId), eq(customers.shopifyCustomerId, customerId)));
    for (const r of rows) for (const e of r.emails) emails.add(e);
  }
  const emailList = [...emails];
  const orderMatch = or(
    customerId ? eq(orders.customerShopifyId, customerId) : sql`false`,
    emailList.length ? inArray(orders.email, emailList) : sql`false`,
    orderIds.length ? inArray(orders.shopifyOrderId, orderIds) : sql`false`,
  );
  const redactedOrders = await tx
    .update(orders)
    .set({ email: null, phone: null, shippingAddress: null, note: null })
    .where(and(eq(orders.shopId, shopId), orderMatch))
    .returning({ id: orders.shopifyOrderId });
  const redactedCustomers = customerId
    ? await tx
        .update(customers)
        .set({ email: null, emails: [], phones: [], firstName: null, lastName: null, redactedAt: now })
        .where(and(eq(customers.shopId, shopId), eq(customers.shopifyCustomerId, customerId)))
        .returning({ id: customers.id })
    : [];
  let ticketCount = 0;
  let messageCount = 0;
  if (emailList.length) {
    const ts = await tx
      .update(tickets)
      .set({ customerEmail: null, customerName: null, subject: '[redacted]' })
      .where(and(eq(tickets.shopId, shopId), inArray(tickets.customerEmail, emailList)))
      .returning({ id: tickets.gorgiasTicketId });
    ticketCount = ts.length;
    if (ts.length) {
      const ms = await tx
        .update(messages)
        .set({ bodyText: '[redacted]', senderEmail: null, senderName: null })
        .where(
          and(
            eq(messages.shopId, shopId),
            inArray(
              messages.ticketId,
              ts.map((t) => t.id),
            ),
          ),
        )
        .returning({ id: messages.id });
      messageCount = ms.length;
      await tx
        .update(drafts)
        .set({ context: {}, output: '[redacted]', sentText: null })
        .where(
          and(
            eq(drafts.shopId, shopId),
            inArray(
              drafts.ticketId,
              ts.map((t) => t.id),
            ),
          ),
        );
    }
    await tx
      .update(issues)
      .set({ customerEmail: null })
      .where(and(eq(issues.shopId, shopId), inArray(issues.customerEmail, emailList)));
    await tx
      .delete(suppressionOverrides)
      .where(and(eq(suppressionOverrides.shopId, shopId), inArray(suppressionOverrides.customerEmail, emailList)));
    await tx.delete(klaviyoProfiles).where(and(eq(klaviyoProfiles.shopId, shopId), inArray(klaviyoProfiles.customerEmail, emailList)));
    await tx
      .update(auditLog)
      .set({ customerEmail: null })
      .where(and(eq(auditLog.shopId, shopId), inArray(auditLog.customerEmail, emailList)));
  }
  await writeAudit(tx, {
    shopId,
    actor: { type: 'system' },
    action: 'privacy.customer_redacted',
    subjectType: 'customer',
    subjectId: customerId ?? undefined,
    explanation: `Redacted customer ${customerId ?? '(by email)'} at Shopify's request: ${redactedCustomers.length} customer record, ${redactedOrders.length} orders (email, phone, address, note), ${ticketCount} tickets and ${messageCount} messages anonymised; overrides and Klaviyo sync state deleted.`,
    after: { customers: redactedCustomers.length, orders: redactedOrders.length, tickets: ticketCount, messages: messageCount },
  });
}

async function countCustomerData(tx: Db, shopId: string, customerId: string | null, email: string | null) {
  const [o] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, shopId),
        or(customerId ? eq(orders.customerShopifyId, customerId) : sql`false`, email ? eq(orders.email, email) : sql`false`),
      ),
    );
  const [t] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.shopId, shopId), email ? eq(tickets.customerEmail, email) : sql`false`));
  const [m] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.shopId, shopId), email ? eq(messages.senderEmail, email) : sql`false`));
  return { orders: Number(o?.n ?? 0), tickets: Number(t?.n ?? 0), messages: Number(m?.n ?? 0) };
}

// 48 hours after a store uninstalls, Shopify asks for all of its data to go.
async function redactShop(tx: Db, shopId: string, _now: Date): Promise<void> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries({
    orders,
    customers,
    fulfillments,
    trackingEvents,
    refunds,
    returns,
    tickets,
    messages,
    issues,
    suppressionOverrides,
    klaviyoProfiles,
    drafts,
    actions,
    outbox,
    settingsVersions,
  })) {
    const deleted = await tx
      .delete(table)
      .where(eq((table as typeof orders).shopId, shopId))
      .returning({ id: sql`1` });
    counts[name] = deleted.length;
  }
  await tx.delete(inboxEvents).where(and(eq(inboxEvents.shopId, shopId), sql`status <> 'pending'`));
  await tx.delete(auditLog).where(eq(auditLog.shopId, shopId));
  await tx.delete(shops).where(eq(shops.id, shopId));
  await writeAudit(tx, {
    shopId,
    actor: { type: 'system' },
    action: 'privacy.shop_redacted',
    subjectType: 'shop',
    subjectId: shopId,
    explanation: `Erased all data of ${shopId} at Shopify's request (shop/redact): ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}.`,
    after: counts,
  });
}
