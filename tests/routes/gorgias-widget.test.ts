import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { GET, POST } from '@/app/api/gorgias/widget/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { auditLog, drafts, inboxEvents, messages, outbox, tickets } from '@/lib/db/schema';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyFulfillment, shopifyOrder, shopifyTrackingEvent } from '../helpers/builders';

const SHOP_A = 'acme.myshopify.com';
const SHOP_B = 'acme-eu.myshopify.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
const ahead = (hours: number) => new Date(now + hours * 3600_000).toISOString();

function widgetPost(body: unknown, auth: string | null = `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}`) {
  return POST(
    new Request('http://concord.test/api/gorgias/widget', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

describe('Gorgias widget endpoint', () => {
  const t = useTestApp();
  let eid = 0;
  const hook = async (shop: string, topic: string, body: unknown) => {
    const res = await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, shop, eventId: `w-${++eid}` }));
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP_A, name: 'Acme US', gorgiasDomain: 'acme' });
    await ensureShop(db, { id: SHOP_B, name: 'Acme EU', gorgiasDomain: 'acme' });
    const jane = { email: 'jane@example.com', customerId: 1, firstName: 'Jane' };
    // Jane: one order in every shipment state.
    await hook(
      SHOP_A,
      'orders/create',
      shopifyOrder({ ...jane, id: 101, number: 1001, createdAt: ago(24 * 12), fulfillmentStatus: 'fulfilled' }),
    );
    await hook(
      SHOP_A,
      'fulfillments/create',
      shopifyFulfillment({ id: 201, orderId: 101, createdAt: ago(24 * 11), shipmentStatus: 'delivered', trackingNumber: '1ZDELIVERED1' }),
    );
    await hook(
      SHOP_A,
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 301, fulfillmentId: 201, orderId: 101, status: 'delivered', happenedAt: ago(24 * 3) }),
    );
    await hook(
      SHOP_A,
      'orders/create',
      shopifyOrder({ ...jane, id: 102, number: 1002, createdAt: ago(24 * 4), fulfillmentStatus: 'fulfilled' }),
    );
    await hook(
      SHOP_A,
      'fulfillments/create',
      shopifyFulfillment({ id: 202, orderId: 102, createdAt: ago(24 * 3), shipmentStatus: 'in_transit', trackingNumber: '1ZHEALTHY02' }),
    );
    await hook(
      SHOP_A,
      'fulfillment_events/create',
      shopifyTrackingEvent({
        id: 302,
        fulfillmentId: 202,
        orderId: 102,
        status: 'in_transit',
        happenedAt: ago(20),
        estimatedDeliveryAt: ahead(48),
      }),
    );
    await hook(
      SHOP_A,
      'orders/create',
      shopifyOrder({ ...jane, id: 103, number: 1003, createdAt: ago(24 * 14), fulfillmentStatus: 'fulfilled' }),
    );
    await hook(
      SHOP_A,
      'fulfillments/create',
      shopifyFulfillment({ id: 203, orderId: 103, createdAt: ago(24 * 13), shipmentStatus: 'in_transit', trackingNumber: '1ZDELAYED03' }),
    );
    await hook(
      SHOP_A,
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 303, fulfillmentId: 203, orderId: 103, status: 'in_transit', happenedAt: ago(24 * 9) }),
    );
    await hook(
      SHOP_A,
      'orders/create',
      shopifyOrder({ ...jane, id: 104, number: 1004, createdAt: ago(24 * 6), fulfillmentStatus: 'fulfilled' }),
    );
    await hook(
      SHOP_A,
      'fulfillments/create',
      shopifyFulfillment({ id: 204, orderId: 104, createdAt: ago(24 * 5), shipmentStatus: 'failure', trackingNumber: '1ZFAILED04' }),
    );
    await hook(
      SHOP_A,
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 304, fulfillmentId: 204, orderId: 104, status: 'failure', happenedAt: ago(24) }),
    );
    await hook(SHOP_A, 'orders/create', shopifyOrder({ ...jane, id: 105, number: 1005, createdAt: ago(2) }));
    // Bob: another customer whose order number a stranger will quote.
    await hook(
      SHOP_A,
      'orders/create',
      shopifyOrder({ id: 111, number: 2001, email: 'bob@example.com', customerId: 2, firstName: 'Bob', createdAt: ago(24 * 2) }),
    );
    await hook(
      SHOP_A,
      'fulfillments/create',
      shopifyFulfillment({ id: 211, orderId: 111, createdAt: ago(24), shipmentStatus: 'in_transit', trackingNumber: '1ZBOBSECRET' }),
    );
    // A customer with no orders, and one in the second store.
    await hook(SHOP_A, 'customers/create', {
      id: 3,
      email: 'noorders@example.com',
      first_name: 'Nora',
      last_name: 'None',
      tags: '',
      updated_at: ago(5),
    });
    await hook(
      SHOP_B,
      'orders/create',
      shopifyOrder({ id: 121, number: 3001, email: 'eve@example.com', customerId: 4, firstName: 'Eve', createdAt: ago(24) }),
    );
    // Sid ordered with a phone number; he will write by SMS, with no email at all.
    await hook(
      SHOP_A,
      'orders/create',
      shopifyOrder({
        id: 131,
        number: 4001,
        email: 'sid@example.com',
        customerId: 6,
        firstName: 'Sid',
        phone: '+1 (555) 010-7788',
        createdAt: ago(30),
      }),
    );
    await drainInbox(db);
  });

  it('refuses a missing or wrong secret with 401 and stores nothing', async () => {
    const body = gorgiasContext({ ticketId: 900, email: 'jane@example.com', text: 'where is my order' });
    expect((await widgetPost(body, null)).status).toBe(401);
    expect((await widgetPost(body, 'Bearer wrong')).status).toBe(401);
    const rows = await t.get().db.select().from(inboxEvents).where(eq(inboxEvents.source, 'gorgias'));
    expect(rows).toHaveLength(0);
  });

  it('answers a WISMO ticket with the customer, every order latest first, shipment health, intent and verdict', async () => {
    const res = await widgetPost(
      gorgiasContext({
        ticketId: 1,
        messageId: 11,
        email: 'jane@example.com',
        name: 'Jane Doe',
        text: 'Hi! Where is my order #1002? It has been days.',
      }),
    );
    expect(res.status).toBe(200);
    const json = await res.json();
    const text = JSON.stringify(json);
    expect(text).toContain('jane@example.com');
    for (const name of ['#1005', '#1004', '#1002', '#1001']) expect(text).toContain(name);
    expect(text).toContain('1ZHEALTHY02');
    expect(text).toMatch(/https:\/\/www\.ups\.com\/track\?tracknum=1ZHEALTHY02/);
    expect(text.toLowerCase()).toContain('delayed');
    expect(text.toLowerCase()).toContain('exception');
    expect(text.toLowerCase()).toContain('wismo');
    expect(text).toMatch(/\/widget\/1\?token=/);
    expect(text).not.toContain('undefined');
    const [ticket] = await t.get().db.select().from(tickets).where(eq(tickets.gorgiasTicketId, '1'));
    expect(ticket).toMatchObject({ intent: 'wismo', matchedOrderId: '102', matchStatus: 'matched', matchedShopId: SHOP_A });
    expect(ticket.verdict).toMatchObject({ decision: 'automate', nextStep: 'reply_tracking' });
    // Routing tags, the draft job and (a first sight of this customer) the read of their Gorgias
    // history went to the outbox with the ticket event.
    const effects = await t
      .get()
      .db.select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'ticketId' = '1'`);
    expect(effects.map((e) => e.kind).sort()).toEqual(['concord.generate_draft', 'gorgias.add_tags', 'gorgias.fetch_customer_history']);
    const tags = effects.find((e) => e.kind === 'gorgias.add_tags')!.payload as { tags: string[] };
    expect(tags.tags).toEqual(['concord/wismo', 'concord/automatable']);
  });

  it('is idempotent: a redelivered event answers again but stores nothing twice', async () => {
    const body = gorgiasContext({
      ticketId: 1,
      messageId: 11,
      email: 'jane@example.com',
      text: 'Hi! Where is my order #1002? It has been days.',
    });
    expect((await widgetPost(body)).status).toBe(200);
    const inbox = await t.get().db.select().from(inboxEvents).where(eq(inboxEvents.source, 'gorgias'));
    expect(inbox).toHaveLength(1);
    const msgs = await t.get().db.select().from(messages).where(eq(messages.ticketId, '1'));
    expect(msgs).toHaveLength(1);
  });

  it('records an agent reply as what was sent, and an internal note as internal, without reclassifying', async () => {
    const db = t.get().db;
    await db.insert(drafts).values({
      shopId: SHOP_A,
      ticketId: '1',
      source: 'template',
      context: {},
      output: 'Hi Jane, your order #1002 is on its way with UPS.',
      grounding: { ok: true, spans: [] },
    });
    const prior = gorgiasContext({ ticketId: 1, messageId: 11, email: 'jane@example.com', text: 'Hi! Where is my order #1002?' }).ticket
      .messages;
    await widgetPost(
      gorgiasContext({
        ticketId: 1,
        messageId: 12,
        email: 'jane@example.com',
        fromAgent: true,
        text: 'Hi Jane, your order #1002 is on its way with UPS. Thanks!',
        priorMessages: prior,
      }),
    );
    await widgetPost(
      gorgiasContext({
        ticketId: 1,
        messageId: 13,
        email: 'jane@example.com',
        fromAgent: true,
        internal: true,
        text: 'Customer seems anxious; cancel talk = refund',
        priorMessages: prior,
      }),
    );
    const [draft] = await db.select().from(drafts).where(eq(drafts.ticketId, '1'));
    expect(draft.status).toBe('sent');
    expect(draft.sentText).toBe('Hi Jane, your order #1002 is on its way with UPS. Thanks!');
    expect(draft.keptRatio).toBe(1);
    expect(draft.editDistance).toBe(1 + 1); // "Thanks" and "!"
    const [note] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.ticketId, '1'), eq(messages.gorgiasMessageId, '13')));
    expect(note.internalNote).toBe(true);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.gorgiasTicketId, '1'));
    expect(ticket.intent).toBe('wismo');
    expect(ticket.firstResponseAt).not.toBeNull();
  });

  it('shows a customer with no orders as such', async () => {
    const json = await (
      await widgetPost(gorgiasContext({ ticketId: 2, email: 'noorders@example.com', text: 'Do you ship to Canada?' }))
    ).json();
    const text = JSON.stringify(json);
    expect(text).toContain('noorders@example.com');
    expect(text).not.toContain('#100');
  });

  it('answers 200 for an unknown email, with no customer data', async () => {
    const res = await widgetPost(gorgiasContext({ ticketId: 3, email: 'stranger@example.com', text: 'hello, question about sizes' }));
    expect(res.status).toBe(200);
    const text = JSON.stringify(await res.json());
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('#100');
  });

  it('never leaks another customer’s order quoted in the message', async () => {
    const res = await widgetPost(
      gorgiasContext({ ticketId: 4, email: 'stranger@example.com', text: 'Where is order #2001?? I need it asap' }),
    );
    const text = JSON.stringify(await res.json());
    expect(text).not.toContain('bob@example.com');
    expect(text).not.toContain('1ZBOBSECRET');
    expect(text).not.toContain('2001');
    expect(text.toLowerCase()).toContain('different customer');
    const [ticket] = await t.get().db.select().from(tickets).where(eq(tickets.gorgiasTicketId, '4'));
    expect(ticket.matchStatus).toBe('uncertain');
    expect(ticket.matchedOrderId).toBeNull();
  });

  it('matches a customer of the second store the helpdesk serves', async () => {
    const text = JSON.stringify(
      await (await widgetPost(gorgiasContext({ ticketId: 5, email: 'eve@example.com', text: 'Can I change my address?' }))).json(),
    );
    expect(text).toContain('#3001');
    expect(text).toContain('Acme EU');
    const [ticket] = await t.get().db.select().from(tickets).where(eq(tickets.gorgiasTicketId, '5'));
    expect(ticket.matchedShopId).toBe(SHOP_B);
  });

  it('matches an SMS ticket by the phone number the customer used in Shopify', async () => {
    const sms = gorgiasContext({
      ticketId: 7,
      email: '',
      text: 'hi where is my order',
      extra: {
        channel: 'sms',
        customer: { id: 9007, email: null, name: 'Sid', channels: [{ type: 'phone', address: '+1 555 010 7788' }] },
      },
    });
    const text = JSON.stringify(await (await widgetPost(sms)).json());
    expect(text).toContain('#4001');
    expect(text).toContain('sid@example.com');
    const [ticket] = await t.get().db.select().from(tickets).where(eq(tickets.gorgiasTicketId, '7'));
    expect(ticket.customerPhones).toEqual(['+15550107788']);
    expect(ticket.matchBy).toEqual(['phone number']);
    expect(ticket.matchedOrderId).toBe('131');
  });

  it('tolerates unknown fields and rejects a body that is not a ticket with 400', async () => {
    const body = gorgiasContext({
      ticketId: 6,
      email: 'jane@example.com',
      text: 'cancel my order please',
      extra: { brand_new_field: { nested: [1, 2] }, priority: 'high' },
    });
    expect((await widgetPost(body)).status).toBe(200);
    expect((await widgetPost({ hello: 'world' })).status).toBe(400);
    expect((await widgetPost('{"ticket": ')).status).toBe(400);
  });

  it('serves the GET set-up read-only', async () => {
    const get = (qs: string, auth = true) =>
      GET(
        new Request(`http://concord.test/api/gorgias/widget?${qs}`, {
          headers: auth ? { authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` } : {},
        }),
      );
    const ok = await get('email=jane%40example.com&ticket=1&account=acme');
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).toContain('#1002');
    expect((await get('')).status).toBe(400);
    // Without the account Concord can't tell which helpdesk asks; an unknown account sees nothing.
    expect((await get('email=jane%40example.com&ticket=1')).status).toBe(400);
    const stranger = await get('email=jane%40example.com&ticket=1&account=someone-else');
    expect(stranger.status).toBe(200);
    const strangerJson = JSON.stringify(await stranger.json());
    expect(strangerJson).not.toContain('#1002');
    expect(strangerJson).toContain('not linked to any store');
    expect((await get('email=jane%40example.com', false)).status).toBe(401);
  });

  it('says "updating" while an event about the customer is not applied, and an automatic reply waits for it or goes to a person', async () => {
    const db = t.get().db;
    const config = { ...t.get().config, env: { ...t.get().config.env, CONCORD_FRESHNESS_WAIT_MS: 300 } };
    await hook(
      SHOP_A,
      'orders/updated',
      shopifyOrder({
        id: 102,
        number: 1002,
        email: 'jane@example.com',
        customerId: 1,
        firstName: 'Jane',
        createdAt: ago(24 * 4),
        fulfillmentStatus: 'fulfilled',
      }),
    );
    const json = await (
      await widgetPost(
        gorgiasContext({ ticketId: 1, messageId: 11, email: 'jane@example.com', text: 'Hi! Where is my order #1002? It has been days.' }),
      )
    ).json();
    expect(json.data_age).toMatch(/^updating: 1 new event for this customer not applied yet; data as of/);
    // Still unapplied after the bounded wait: no automatic reply, and the audit says why.
    const deps = { openai: null, model: 'template', config };
    const input = { shopId: SHOP_A, ticketShopId: SHOP_A, ticketId: '1', messageId: '11', now: new Date() };
    const started = Date.now();
    expect(await generateTicketDraft(db, deps, input)).toMatchObject({ autoReply: 'no' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const [held] = await db.select().from(auditLog).where(eq(auditLog.action, 'draft.created')).orderBy(desc(auditLog.id)).limit(1);
    expect(held.explanation).toContain('1 newer event for this customer had not been applied yet');
    // Applied during the wait: the decision is made on current data (shadow mode is on by default).
    const waiting = generateTicketDraft(
      db,
      { ...deps, config: { ...config, env: { ...config.env, CONCORD_FRESHNESS_WAIT_MS: 10_000 } } },
      input,
    );
    await new Promise((r) => setTimeout(r, 150));
    await drainInbox(db);
    expect(await waiting).toMatchObject({ autoReply: 'shadow' });
    const again = await (
      await widgetPost(
        gorgiasContext({ ticketId: 1, messageId: 11, email: 'jane@example.com', text: 'Hi! Where is my order #1002? It has been days.' }),
      )
    ).json();
    expect(again.data_age).toMatch(/^as of /);
  });
});
