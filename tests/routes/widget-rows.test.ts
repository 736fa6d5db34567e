import { beforeAll, describe, expect, it, vi } from 'vitest';
import { customers, orders, tickets } from '@/lib/db/schema';
import { normalizeEmail } from '@/lib/domain/contact';
import { contactEvidence, finishMatch } from '@/lib/domain/ticket-match';
import { matchTicket } from '@/lib/ticket-context/match-ticket';
import { loadWidgetRows } from '@/lib/ticket-context/load-ticket-rows';
import { useTestApp } from '../helpers/app';

// The sidebar reads everything in one SQL statement that follows the ticket match's email rules.
// This pins the two together: for every case below, the one-query read picks the same store,
// orders and match as matchTicket() plus the ticket's own match did before.
const A = 'rows-a.myshopify.com';
const B = 'rows-b.myshopify.com';
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n));

describe('one-query widget read agrees with the ticket match', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await db.insert(customers).values([
      { shopId: A, shopifyCustomerId: 'c1', email: 'jane@example.com', emails: ['jane@example.com', 'jane.old@example.com'] },
      { shopId: A, shopifyCustomerId: 'c2', email: 'dave@example.com', emails: ['dave@example.com'] },
      { shopId: B, shopifyCustomerId: 'c9', email: 'dave@example.com', emails: ['dave@example.com'] },
      { shopId: A, shopifyCustomerId: 'c3', email: 'nora@example.com', emails: ['nora@example.com'] },
      { shopId: B, shopifyCustomerId: 'c5', email: 'sam@example.com', emails: ['sam@example.com'], phones: ['+15550102030'] },
    ]);
    const order = (shopId: string, id: string, email: string, customer: string | null, created: number) => ({
      shopId,
      shopifyOrderId: id,
      name: `#${id}`,
      orderNumber: Number(id),
      email,
      customerShopifyId: customer,
      shopifyCreatedAt: day(created),
      shopifyUpdatedAt: day(created),
      currency: 'USD',
      totalPrice: '10.00',
    });
    await db.insert(orders).values([
      // Jane: seven orders (more than the five shown), one placed with her old email and no customer id.
      ...[1, 2, 3, 4, 5, 6].map((n) => order(A, `10${n}`, 'jane@example.com', 'c1', n)),
      order(A, '107', 'jane.old@example.com', null, 7),
      order(A, '201', 'dave@example.com', 'c2', 3),
      order(B, '901', 'dave@example.com', 'c9', 4),
      // Guest checkout: orders by email, no customer record.
      order(B, '301', 'guest@example.com', null, 2),
      order(B, '302', 'guest@example.com', null, 5),
      order(B, '501', 'sam@example.com', 'c5', 6),
    ]);
    await db.insert(tickets).values([
      { shopId: A, gorgiasTicketId: 't-jane', customerEmail: 'Jane@Example.com ' },
      // Matched on arrival to an older order by a quoted number.
      { shopId: A, gorgiasTicketId: 't-quoted', customerEmail: 'jane@example.com', matchedShopId: A, matchedOrderId: '102' },
      { shopId: A, gorgiasTicketId: 't-guest', customerEmail: 'guest@example.com' },
      { shopId: A, gorgiasTicketId: 't-nobody', customerEmail: null },
      // An SMS ticket: no email, only the phone number Shopify also has for Sam.
      { shopId: A, gorgiasTicketId: 't-sms', customerEmail: null, customerPhones: ['+15550102030'] },
      // A new email Shopify doesn't know, but Gorgias also knows Jane's old address.
      { shopId: A, gorgiasTicketId: 't-other-email', customerEmail: 'jane.new@example.com', customerOtherEmails: ['jane.old@example.com'] },
    ]);
  });

  const cases: { name: string; shops: string[]; ticketShop: string; ticketId: string | null; email: string | null }[] = [
    { name: 'email with several orders', shops: [A, B], ticketShop: A, ticketId: null, email: 'jane@example.com' },
    { name: "the customer's other email", shops: [A, B], ticketShop: A, ticketId: null, email: 'jane.old@example.com' },
    { name: 'ticket email, mixed case and spaces', shops: [A, B], ticketShop: A, ticketId: 't-jane', email: null },
    { name: "ticket's own quoted-order match", shops: [A, B], ticketShop: A, ticketId: 't-quoted', email: null },
    { name: 'a customer in two stores', shops: [A, B], ticketShop: A, ticketId: null, email: 'dave@example.com' },
    { name: 'guest orders without a customer record', shops: [A, B], ticketShop: A, ticketId: 't-guest', email: null },
    { name: 'a customer without orders', shops: [A, B], ticketShop: A, ticketId: null, email: 'nora@example.com' },
    { name: 'an unknown email', shops: [A, B], ticketShop: A, ticketId: null, email: 'stranger@example.com' },
    { name: 'a ticket without an email', shops: [A, B], ticketShop: A, ticketId: 't-nobody', email: null },
    { name: 'one store only', shops: [A], ticketShop: A, ticketId: null, email: 'dave@example.com' },
    { name: 'a phone number from an SMS ticket', shops: [A, B], ticketShop: A, ticketId: 't-sms', email: null },
    { name: 'another email Gorgias knows for the customer', shops: [A, B], ticketShop: A, ticketId: 't-other-email', email: null },
  ];

  it.each(cases)('$name', async (c) => {
    const db = t.get().db;
    const rows = await loadWidgetRows(db, {
      matchShopIds: c.shops,
      ticketShopId: c.ticketShop,
      ticketId: c.ticketId,
      email: c.email,
      lookAcrossStores: c.shops.length > 1,
    });
    const contact = {
      email: normalizeEmail(rows.ticket?.customerEmail ?? c.email),
      otherEmails: rows.ticket?.customerOtherEmails ?? [],
      phones: rows.ticket?.customerPhones ?? [],
    };

    const expected = await matchTicket(db, c.shops, contact, []);
    const focus = rows.ticket?.matchedOrderId ?? expected.focusOrderId;
    const expectedShop = rows.ticket?.matchedShopId ?? expected.shopId ?? c.ticketShop;
    const expectedIds = [...new Set([...(focus ? [focus] : []), ...expected.orderIds])].slice(0, 5);

    const actual = finishMatch(contactEvidence(contact, rows.candidates, rows.own), {
      focusOrderId: rows.own[0]?.id ?? null,
      note: null,
      uncertain: false,
    });
    expect(actual).toEqual(expected);
    expect(rows.shopId).toBe(expectedShop);
    expect(rows.orderIds).toEqual(expectedIds);
    expect([...rows.bundles.keys()]).toEqual(expectedIds);
    for (const id of expectedIds) expect(rows.bundles.get(id)?.order?.id).toBe(id);
  });

  it('spells out the cases it compares', async () => {
    const db = t.get().db;
    const jane = await loadWidgetRows(db, {
      matchShopIds: [A, B],
      ticketShopId: A,
      ticketId: 't-quoted',
      email: null,
      lookAcrossStores: true,
    });
    expect(jane.orderIds).toEqual(['102', '107', '106', '105', '104']); // the quoted order first, then the latest
    expect(jane.customerRow?.shopifyCustomerId).toBe('c1');
    const guest = await loadWidgetRows(db, {
      matchShopIds: [A, B],
      ticketShopId: A,
      ticketId: 't-guest',
      email: null,
      lookAcrossStores: true,
    });
    expect(guest.shopId).toBe(B);
    expect(guest.orderIds).toEqual(['302', '301']);
    const dave = await loadWidgetRows(db, {
      matchShopIds: [A, B],
      ticketShopId: A,
      ticketId: null,
      email: 'dave@example.com',
      lookAcrossStores: true,
    });
    expect(dave.otherStores).toHaveLength(1);
    const sms = await loadWidgetRows(db, { matchShopIds: [A, B], ticketShopId: A, ticketId: 't-sms', email: null, lookAcrossStores: true });
    expect(sms.shopId).toBe(B);
    expect(sms.customerRow?.shopifyCustomerId).toBe('c5');
    expect(
      finishMatch(contactEvidence({ email: null, otherEmails: [], phones: ['+15550102030'] }, sms.candidates, sms.own), {
        focusOrderId: null,
        note: null,
        uncertain: false,
      }).by,
    ).toEqual(['phone number']);
    const other = await loadWidgetRows(db, {
      matchShopIds: [A, B],
      ticketShopId: A,
      ticketId: 't-other-email',
      email: null,
      lookAcrossStores: true,
    });
    expect(other.customerRow?.shopifyCustomerId).toBe('c1');
  });
});

describe('sidebar reads made at the same moment', () => {
  const t = useTestApp();
  beforeAll(async () => {
    await t
      .get()
      .db.insert(customers)
      .values(
        Array.from({ length: 40 }, (_, n) => ({
          shopId: A,
          shopifyCustomerId: `b${n}`,
          email: `batch${n}@example.com`,
          emails: [`batch${n}@example.com`],
        })),
      );
  });

  it('share one statement, and each caller gets its own answer', async () => {
    const db = t.get().db;
    const executed = vi.spyOn(db._.session, 'prepareQuery');
    try {
      const read = (n: number) =>
        loadWidgetRows(db, { matchShopIds: [A], ticketShopId: A, ticketId: null, email: `batch${n}@example.com`, lookAcrossStores: false });
      const alone = await read(0);
      expect(alone.customerRow?.shopifyCustomerId).toBe('b0');
      expect(executed).toHaveBeenCalledTimes(1);

      executed.mockClear();
      const together = await Promise.all(Array.from({ length: 40 }, (_, n) => read(n)));
      expect(together.map((r) => r.customerRow?.shopifyCustomerId)).toEqual(Array.from({ length: 40 }, (_, n) => `b${n}`));
      expect(executed).toHaveBeenCalledTimes(2); // 32 in the first statement, 8 in the second
    } finally {
      executed.mockRestore();
    }
  });

  it('one read that PostgreSQL rejects fails alone', async () => {
    const db = t.get().db;
    const good = (email: string) =>
      loadWidgetRows(db, { matchShopIds: [A], ticketShopId: A, ticketId: null, email, lookAcrossStores: false });
    // A NUL character can't be stored in a PostgreSQL text value, so the whole batch's statement fails.
    const results = await Promise.allSettled([good('batch1@example.com'), good('bad\u0000@example.com'), good('batch2@example.com')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const customerOf = (r: (typeof results)[number]) => (r.status === 'fulfilled' ? r.value.customerRow?.shopifyCustomerId : null);
    expect([customerOf(results[0]), customerOf(results[2])]).toEqual(['b1', 'b2']);
  });
});
