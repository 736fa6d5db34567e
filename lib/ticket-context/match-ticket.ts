import type { Db } from '@/lib/db/client';
import { findCustomersByContact } from '@/lib/db/queries/customers';
import { findOrdersByNumbers, findOrdersOfCustomer } from '@/lib/db/queries/orders';
import type { Contact } from '@/lib/domain/contact';
import {
  contactEmails,
  contactEvidence,
  finishMatch,
  NO_TICKET_MATCH,
  quotedNumbersToLookUp,
  weighQuotedOrders,
  type TicketMatch,
} from '@/lib/domain/ticket-match';

/**
 * Loads what matching a ticket needs (lib/domain/ticket-match.ts decides): the customers its contact
 * points find across the helpdesk's stores, their orders, and the orders its quoted numbers name.
 */
export async function matchTicket(db: Db, shopIds: string[], contact: Contact, quotedOrderNumbers: string[]): Promise<TicketMatch> {
  if (shopIds.length === 0) return NO_TICKET_MATCH;
  const emails = contactEmails(contact);
  const found =
    emails.length || contact.phones.length
      ? await findCustomersByContact(db, shopIds, { email: contact.email, emails, phones: contact.phones })
      : [];
  const ownOrders = (shopId: string | null, customerShopifyId: string | null, customerEmails: string[]) =>
    !customerShopifyId && customerEmails.length === 0
      ? Promise.resolve([])
      : findOrdersOfCustomer(db, shopId ? [shopId] : shopIds, customerShopifyId, customerEmails, 10);
  const first = contactEvidence(contact, found, []);
  const ev = contactEvidence(contact, found, await ownOrders(first.shopId, first.customerShopifyId, first.customerEmails));
  const numbers = quotedNumbersToLookUp(quotedOrderNumbers);
  const quoted = numbers.length > 0 ? await findOrdersByNumbers(db, shopIds, numbers.map(Number), 10) : [];
  const extra = weighQuotedOrders(ev, numbers, quoted);
  if (ev.shopId && ev.own.length === 0) ev.own = await ownOrders(ev.shopId, ev.customerShopifyId, ev.customerEmails);
  return finishMatch(ev, extra);
}

export type { TicketMatch } from '@/lib/domain/ticket-match';
