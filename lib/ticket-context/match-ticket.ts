import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customers, orders } from '@/lib/db/schema';
import { textArray } from '@/lib/db/rows';
import type { Contact } from '@/lib/domain/contact';

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
export interface CustomerCandidate {
  shopId: string;
  id: string; // Shopify customer id
  email: string | null;
  emails: string[];
  phones: string[];
}

/** What the sender's contact says: the customer found by it (the best of up to 5) and their orders. */
export interface ContactEvidence {
  shopId: string | null;
  customerShopifyId: string | null;
  customerEmails: string[];
  by: string[];
  storesMatched: number;
  own: { id: string; shopId: string }[]; // latest first, at most 10
}

/** Every email of the contact, the ticket's own first. */
export const contactEmails = (contact: Contact): string[] => [...new Set([...(contact.email ? [contact.email] : []), ...contact.otherEmails])];

function howFound(contact: Contact, c: CustomerCandidate): string {
  if (contact.email && c.email === contact.email) return 'email';
  const known = new Set([...(c.email ? [c.email] : []), ...c.emails]);
  if (contactEmails(contact).some((e) => known.has(e))) return 'other email on the customer record';
  return 'phone number';
}

/** Pure: the evidence from the customers found by the contact and the orders found for them. */
export function contactEvidence(contact: Contact, found: CustomerCandidate[], own: { id: string; shopId: string }[]): ContactEvidence {
  const c = found[0];
  const mine = contactEmails(contact);
  const evidence: ContactEvidence = c
    ? {
        shopId: c.shopId,
        customerShopifyId: c.id,
        customerEmails: [...new Set([...mine, ...(c.email ? [c.email] : []), ...c.emails])],
        by: [howFound(contact, c)],
        storesMatched: new Set(found.map((f) => f.shopId)).size,
        own,
      }
    : { shopId: null, customerShopifyId: null, customerEmails: mine, by: [], storesMatched: 0, own };
  if (!evidence.shopId && own.length > 0) {
    evidence.shopId = own[0].shopId;
    evidence.by.push('email on an order');
  }
  return evidence;
}

/** Pure: the match, once quoted order numbers (if any) have had their say. */
export function finishMatch(ev: ContactEvidence, extra: { focusOrderId: string | null; note: string | null; uncertain: boolean }): TicketMatch {
  if (!ev.shopId) return { ...NO_MATCH, status: extra.uncertain ? 'uncertain' : 'none', note: extra.note };
  const note = ev.storesMatched > 1 ? `${extra.note ? `${extra.note} ` : ''}This email is a customer in ${ev.storesMatched} stores; showing ${ev.shopId}.` : extra.note;
  return {
    status: extra.uncertain || ev.storesMatched > 1 ? 'uncertain' : 'matched',
    by: ev.by,
    note,
    shopId: ev.shopId,
    customerShopifyId: ev.customerShopifyId,
    customerEmails: ev.customerEmails,
    orderIds: ev.own.map((o) => o.id),
    focusOrderId: extra.focusOrderId,
  };
}

const NO_MATCH: TicketMatch = { status: 'none', by: [], note: null, shopId: null, customerShopifyId: null, customerEmails: [], orderIds: [], focusOrderId: null };

export async function matchTicket(db: Db, shopIds: string[], contact: Contact, quotedOrderNumbers: string[]): Promise<TicketMatch> {
  if (shopIds.length === 0) return NO_MATCH;
  const emails = contactEmails(contact);
  const found: CustomerCandidate[] =
    emails.length || contact.phones.length
      ? await db
          .select({ shopId: customers.shopId, id: customers.shopifyCustomerId, email: customers.email, emails: customers.emails, phones: customers.phones })
          .from(customers)
          .where(
            and(
              inArray(customers.shopId, shopIds),
              or(
                emails.length ? inArray(customers.email, emails) : sql`false`,
                emails.length ? sql`${customers.emails} && ${textArray(emails)}` : sql`false`,
                contact.phones.length ? sql`${customers.phones} && ${textArray(contact.phones)}` : sql`false`,
              ),
            ),
          )
          // The record whose main email is the ticket's first; then a stable order, so the same ticket always finds the same customer.
          .orderBy(sql`coalesce(${customers.email} = ${contact.email ?? ''}, false) desc`, customers.shopId, customers.shopifyCustomerId)
          .limit(5)
      : [];
  const ownOrders = async (shopId: string | null, customerShopifyId: string | null, customerEmails: string[]): Promise<{ id: string; shopId: string }[]> => {
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
  const first = contactEvidence(contact, found, []);
  const ev = contactEvidence(contact, found, await ownOrders(first.shopId, first.customerShopifyId, first.customerEmails));
  const { customerShopifyId, customerEmails } = ev;

  let focusOrderId: string | null = ev.own[0]?.id ?? null;
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
      ev.shopId ??= mine[0].shopId;
      ev.by.push(`order number ${mine[0].name}`);
    } else if (quoted.length > 0) {
      uncertain = true;
      // Don't echo the number or anything about the order: its existence is another customer's data.
      note = 'The message quotes an order number that belongs to a different customer; it is not shown. Confirm the customer’s identity before discussing any order.';
    } else {
      note = `The message quotes order ${numbers.map((n) => `#${n}`).join(', ')}, which Concord doesn't have${ev.own.length ? '' : ' (it may be older than 60 days or in another store)'}.`;
      if (ev.own.length > 0) uncertain = true;
    }
  }
  if (ev.shopId && ev.own.length === 0) ev.own = await ownOrders(ev.shopId, customerShopifyId, customerEmails);
  return finishMatch(ev, { focusOrderId, note, uncertain });
}
