import type { Contact } from './contact';

// Which customer and order a ticket is about, across every store the helpdesk serves: by the
// sender's email (also a customer's other emails) and phone, then by order numbers quoted in the
// message. An order quoted by someone who is not its customer is never shown: that would leak another
// customer's data. When the evidence disagrees, the match is "uncertain" and says why. Pure: the
// loading is lib/ticket-context/match-ticket.ts.

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

/** A customer record the contact points found. */
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
export const contactEmails = (contact: Contact): string[] => [
  ...new Set([...(contact.email ? [contact.email] : []), ...contact.otherEmails]),
];

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
export function finishMatch(
  ev: ContactEvidence,
  extra: { focusOrderId: string | null; note: string | null; uncertain: boolean },
): TicketMatch {
  if (!ev.shopId) return { ...NO_TICKET_MATCH, status: extra.uncertain ? 'uncertain' : 'none', note: extra.note };
  const note =
    ev.storesMatched > 1
      ? `${extra.note ? `${extra.note} ` : ''}This email is a customer in ${ev.storesMatched} stores; showing ${ev.shopId}.`
      : extra.note;
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

export const NO_TICKET_MATCH: TicketMatch = {
  status: 'none',
  by: [],
  note: null,
  shopId: null,
  customerShopifyId: null,
  customerEmails: [],
  orderIds: [],
  focusOrderId: null,
};

/** An order found by a number quoted in the message. */
export interface QuotedOrder {
  id: string;
  shopId: string;
  name: string;
  email: string | null;
  customer: string | null; // Shopify customer id
}

/** The order numbers worth looking up: digits only, distinct, at most five. */
export const quotedNumbersToLookUp = (quoted: string[]): string[] => [...new Set(quoted)].filter((n) => /^\d{1,12}$/.test(n)).slice(0, 5);

/**
 * What quoted order numbers say, given the orders they found: the customer's own quoted order becomes
 * the focus; an order of someone else is never shown (its existence is that customer's data).
 * Updates `ev` (the shop and how it was found) as the match goes on.
 */
export function weighQuotedOrders(
  ev: ContactEvidence,
  numbers: string[],
  quoted: QuotedOrder[],
): { focusOrderId: string | null; note: string | null; uncertain: boolean } {
  let focusOrderId: string | null = ev.own[0]?.id ?? null;
  if (numbers.length === 0) return { focusOrderId, note: null, uncertain: false };
  const { customerShopifyId, customerEmails } = ev;
  const mine = quoted.filter(
    (q) => (customerShopifyId && q.customer === customerShopifyId) || (q.email && customerEmails.includes(q.email)),
  );
  if (mine.length > 0) {
    focusOrderId = mine[0].id;
    ev.shopId ??= mine[0].shopId;
    ev.by.push(`order number ${mine[0].name}`);
    return { focusOrderId, note: null, uncertain: false };
  }
  if (quoted.length > 0) {
    // Don't echo the number or anything about the order: its existence is another customer's data.
    return {
      focusOrderId,
      uncertain: true,
      note: 'The message quotes an order number that belongs to a different customer; it is not shown. Confirm the customer’s identity before discussing any order.',
    };
  }
  const note = `The message quotes order ${numbers.map((n) => `#${n}`).join(', ')}, which Concord doesn't have${ev.own.length ? '' : ' (it may be older than 60 days or in another store)'}.`;
  return { focusOrderId, note, uncertain: ev.own.length > 0 };
}
