import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customers, orders } from '@/lib/db/schema';

export interface TicketMatch {
  status: 'matched' | 'uncertain' | 'none';
  by: string[]; // how: "email", "other email", "order number #1043"
  note: string | null; // said to the agent when uncertain
  shopId: string | null;
  customerShopifyId: string | null;
  customerEmails: string[];
  orderIds: string[]; // the customer's orders, latest first (at most 10)
  focusOrderId: string | null; // the order the ticket is about: quoted, else the latest
}

/**
 * Finds the customer and order a ticket is about, across every store the helpdesk serves:
 * by the sender's email (also a customer's other emails), then by order numbers quoted in the
 * message. An order quoted by someone who is not its customer is never shown: that would leak
 * another customer's data. When the evidence disagrees, the match is "uncertain" and says why.
 */
export async function matchTicket(db: Db, shopIds: string[], email: string | null, quotedOrderNumbers: string[]): Promise<TicketMatch> {
  const none: TicketMatch = { status: 'none', by: [], note: null, shopId: null, customerShopifyId: null, customerEmails: [], orderIds: [], focusOrderId: null };
  if (shopIds.length === 0) return none;
  const e = email?.trim().toLowerCase() || null;
  const by: string[] = [];
  let shopId: string | null = null;
  let customerShopifyId: string | null = null;
  let customerEmails: string[] = e ? [e] : [];
  const storesMatched = new Set<string>();

  if (e) {
    const found = await db
      .select({ shopId: customers.shopId, id: customers.shopifyCustomerId, email: customers.email, emails: customers.emails })
      .from(customers)
      .where(and(inArray(customers.shopId, shopIds), or(eq(customers.email, e), sql`${customers.emails} @> array[${e}]::text[]`)))
      .limit(5);
    if (found.length > 0) {
      const c = found[0];
      shopId = c.shopId;
      customerShopifyId = c.id;
      customerEmails = [...new Set([e, ...(c.email ? [c.email] : []), ...c.emails])];
      by.push(c.email === e ? 'email' : 'other email on the customer record');
      for (const f of found) storesMatched.add(f.shopId);
    }
  }
  const ownOrders = async (): Promise<{ id: string; shopId: string }[]> => {
    if (!customerShopifyId && customerEmails.length === 0) return [];
    return db
      .select({ id: orders.shopifyOrderId, shopId: orders.shopId })
      .from(orders)
      .where(
        and(
          shopId ? eq(orders.shopId, shopId) : inArray(orders.shopId, shopIds),
          or(
            customerShopifyId ? eq(orders.customerShopifyId, customerShopifyId) : sql`false`,
            customerEmails.length ? inArray(orders.email, customerEmails) : sql`false`,
          ),
        ),
      )
      .orderBy(desc(orders.shopifyCreatedAt))
      .limit(10);
  };
  let own = await ownOrders();
  if (!shopId && own.length > 0) {
    shopId = own[0].shopId;
    by.push('email on an order');
  }

  let focusOrderId: string | null = own[0]?.id ?? null;
  let note: string | null = null;
  let uncertain = false;
  const numbers = [...new Set(quotedOrderNumbers)].filter((n) => /^\d{1,12}$/.test(n)).slice(0, 5);
  if (numbers.length > 0) {
    const quoted = await db
      .select({ id: orders.shopifyOrderId, shopId: orders.shopId, name: orders.name, email: orders.email, customer: orders.customerShopifyId })
      .from(orders)
      .where(and(inArray(orders.shopId, shopIds), inArray(orders.orderNumber, numbers.map(Number))))
      .limit(10);
    const mine = quoted.filter((q) => (customerShopifyId && q.customer === customerShopifyId) || (q.email && customerEmails.includes(q.email)));
    if (mine.length > 0) {
      focusOrderId = mine[0].id;
      shopId ??= mine[0].shopId;
      by.push(`order number ${mine[0].name}`);
    } else if (quoted.length > 0) {
      uncertain = true;
      // Don't echo the number or anything about the order: its existence is another customer's data.
      note = 'The message quotes an order number that belongs to a different customer; it is not shown. Confirm the customer’s identity before discussing any order.';
    } else {
      note = `The message quotes order ${numbers.map((n) => `#${n}`).join(', ')}, which Concord doesn't have${own.length ? '' : ' (it may be older than 60 days or in another store)'}.`;
      if (own.length > 0) uncertain = true;
    }
  }
  if (!shopId) return { ...none, status: uncertain ? 'uncertain' : 'none', note };
  if (own.length === 0) own = await ownOrders();
  if (storesMatched.size > 1) note = `${note ? `${note} ` : ''}This email is a customer in ${storesMatched.size} stores; showing ${shopId}.`;
  return {
    status: uncertain || storesMatched.size > 1 ? 'uncertain' : 'matched',
    by,
    note,
    shopId,
    customerShopifyId,
    customerEmails,
    orderIds: own.map((o) => o.id),
    focusOrderId,
  };
}
