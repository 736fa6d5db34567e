import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { and, eq } from 'drizzle-orm';
import { POST as widgetPOST } from '@/app/api/gorgias/widget/route';
import { POST as actionsPOST } from '@/app/api/gorgias/actions/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { actions, auditLog, outbox, tickets } from '@/lib/db/schema';
import { defaultSettings, type Settings } from '@/lib/domain/settings';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { saveSettings } from '@/lib/settings/settings-store';
import { ensureShop } from '@/lib/connections/shops';
import { shadowReport } from '@/lib/automation/shadow-report';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyFulfillment, shopifyOrder, shopifyTrackingEvent } from '../helpers/builders';

// From a Gorgias ticket event to the Shopify mutation and the Gorgias reply, through the real
// projection, policy, automation, outbox and clients; Shopify and Gorgias are msw stand-ins that
// record every call and answer from a live order state the test can change behind Concord's back.

const SHOP = 'acme.myshopify.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();

interface Live {
  cancelledAt: string | null;
  displayFulfillmentStatus: string;
  refunds: { id: string; note: string | null }[];
  returns: { id: string; status: string }[];
}
const live = new Map<string, Live>();
const state = (orderGid: string): Live => {
  if (!live.has(orderGid)) live.set(orderGid, { cancelledAt: null, displayFulfillmentStatus: 'UNFULFILLED', refunds: [], returns: [] });
  return live.get(orderGid)!;
};
let shopifyCalls: { op: string; variables: Record<string, unknown> }[] = [];
let gorgiasCalls: { method: string; path: string; body: Record<string, unknown> | null }[] = [];
let loseNextCancelAnswer = false;

const graphql = (data: unknown) =>
  HttpResponse.json({
    data,
    extensions: {
      cost: {
        requestedQueryCost: 10,
        actualQueryCost: 10,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
      },
    },
  });

const server = setupServer(
  http.post('http://shopify.test/admin/api/:version/graphql.json', async ({ request }) => {
    const { query, variables } = (await request.json()) as { query: string; variables: Record<string, unknown> };
    const op = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'unknown';
    shopifyCalls.push({ op, variables });
    switch (op) {
      case 'OrderLiveState': {
        const s = state(String(variables.id));
        return graphql({
          order: {
            id: variables.id,
            cancelledAt: s.cancelledAt,
            displayFulfillmentStatus: s.displayFulfillmentStatus,
            tags: [],
            refunds: s.refunds,
            returns: { nodes: s.returns },
          },
        });
      }
      case 'OrderCancel': {
        state(String(variables.orderId)).cancelledAt = new Date().toISOString();
        if (loseNextCancelAnswer) {
          loseNextCancelAnswer = false;
          return HttpResponse.error(); // Shopify did it, the answer never arrived
        }
        return graphql({ orderCancel: { job: { id: 'gid://shopify/Job/1', done: false }, orderCancelUserErrors: [] } });
      }
      case 'OrderUpdateAddress':
        return graphql({ orderUpdate: { order: { id: (variables.input as { id: string }).id }, userErrors: [] } });
      case 'ReturnableWithLineItems':
        return graphql({
          returnableFulfillments: {
            nodes: [
              {
                returnableFulfillmentLineItems: {
                  nodes: [
                    {
                      quantity: 1,
                      fulfillmentLineItem: {
                        id: 'gid://shopify/FulfillmentLineItem/9001',
                        lineItem: { id: 'gid://shopify/LineItem/7001' },
                      },
                    },
                  ],
                },
              },
            ],
          },
        });
      case 'ReturnReasonDefinitions': {
        const library = [
          { id: 'gid://shopify/ReturnReasonDefinition/11', handle: 'too-small', name: 'Too small', deleted: false },
          { id: 'gid://shopify/ReturnReasonDefinition/99', handle: 'other', name: 'Other', deleted: false },
        ];
        const handles = (variables.handles as string[]) ?? [];
        return graphql({ returnReasonDefinitions: { nodes: library.filter((d) => handles.includes(d.handle)) } });
      }
      case 'LineItemVariants':
        return graphql({
          order: {
            lineItems: {
              nodes: [
                {
                  id: 'gid://shopify/LineItem/7001',
                  variant: {
                    id: 'gid://shopify/ProductVariant/2',
                    selectedOptions: [
                      { name: 'Size', value: 'M' },
                      { name: 'Color', value: 'Blue' },
                    ],
                    product: {
                      variants: {
                        nodes: [
                          {
                            id: 'gid://shopify/ProductVariant/2',
                            title: 'M / Blue',
                            availableForSale: true,
                            selectedOptions: [
                              { name: 'Size', value: 'M' },
                              { name: 'Color', value: 'Blue' },
                            ],
                          },
                          {
                            id: 'gid://shopify/ProductVariant/3',
                            title: 'L / Blue',
                            availableForSale: true,
                            selectedOptions: [
                              { name: 'Size', value: 'L' },
                              { name: 'Color', value: 'Blue' },
                            ],
                          },
                          {
                            id: 'gid://shopify/ProductVariant/4',
                            title: 'L / Red',
                            availableForSale: true,
                            selectedOptions: [
                              { name: 'Size', value: 'L' },
                              { name: 'Color', value: 'Red' },
                            ],
                          },
                        ],
                      },
                    },
                  },
                },
              ],
            },
          },
        });
      case 'ReturnCreateExchange': {
        const input = variables.returnInput as { orderId: string };
        state(input.orderId).returns.push({ id: 'gid://shopify/Return/1', status: 'OPEN' });
        return graphql({
          returnCreate: {
            return: { id: 'gid://shopify/Return/1', name: '#R1', status: 'OPEN', exchangeLineItems: { nodes: [] } },
            userErrors: [],
          },
        });
      }
      default:
        return HttpResponse.json({ errors: [{ message: `unexpected operation ${op}` }] });
    }
  }),
  http.all('http://gorgias.test/api/*', async ({ request }) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? null : ((await request.json().catch(() => null)) as Record<string, unknown> | null);
    gorgiasCalls.push({ method: request.method, path: url.pathname, body });
    if (request.method === 'POST' && url.pathname.endsWith('/messages'))
      return HttpResponse.json({ id: 880000 + gorgiasCalls.length }, { status: 201 });
    return HttpResponse.json({}, { status: 200 });
  }),
);

describe('the safe zone, end to end: Gorgias ticket event → Shopify mutation → Gorgias reply', () => {
  const t = useTestApp({
    SHOPIFY_SHOP_DOMAIN: SHOP,
    SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_test',
    SHOPIFY_ADMIN_BASE_URL: 'http://shopify.test',
    GORGIAS_DOMAIN: 'acme',
    GORGIAS_API_EMAIL: 'api@acme.com',
    GORGIAS_API_KEY: 'gorgias-key',
    GORGIAS_BASE_URL: 'http://gorgias.test',
  });
  let eid = 0;
  let oid = 500;
  let tid = 7000;
  const hook = async (topic: string, body: unknown) => {
    const res = await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, shop: SHOP, eventId: `auto-${++eid}` }));
    expect(res.status).toBe(200);
  };
  const settings = async (patch: (s: Settings) => void) => {
    const s = defaultSettings();
    s.automation.shadowMode = false;
    s.automation.intents = { ...s.automation.intents, cancel: true, return_exchange: true, address_change: true };
    s.routing.humanReviewTeamId = 12;
    patch(s);
    await saveSettings(t.get().db, SHOP, s, { type: 'admin', id: 'test' });
  };
  const ticketEvent = async (body: unknown) => {
    const res = await widgetPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(200);
    await drainInbox(t.get().db);
  };
  let clock = new Date();
  const drainOutbox = async () => {
    clock = new Date(Math.max(clock.getTime(), Date.now()));
    const deps = { ...outboxDepsFromConfig(t.get().config), now: () => clock, backoff: { baseMs: 10, capMs: 10 } };
    for (let i = 0; i < 20; i++) {
      const stats = await runOutboxOnce(t.get().db, deps, 50);
      clock = new Date(clock.getTime() + 60_000); // past any backoff
      if (stats.claimed === 0) break;
    }
  };
  const unfulfilledOrder = async (opts: { hours?: number; email?: string; total?: string } = {}) => {
    const id = ++oid;
    await hook(
      'orders/create',
      shopifyOrder({
        id,
        number: id + 1000,
        email: opts.email ?? `c${id}@example.com`,
        customerId: id,
        createdAt: ago(opts.hours ?? 2),
        total: opts.total,
      }),
    );
    await drainInbox(t.get().db);
    return { id, gid: `gid://shopify/Order/${id}`, name: `#${id + 1000}`, email: opts.email ?? `c${id}@example.com` };
  };
  const deliveredOrder = async (daysAgo: number) => {
    const id = ++oid;
    await hook(
      'orders/create',
      shopifyOrder({
        id,
        number: id + 1000,
        email: `c${id}@example.com`,
        customerId: id,
        createdAt: ago(24 * (daysAgo + 4)),
        fulfillmentStatus: 'fulfilled',
      }),
    );
    await hook(
      'fulfillments/create',
      shopifyFulfillment({ id: id + 100_000, orderId: id, createdAt: ago(24 * (daysAgo + 3)), shipmentStatus: 'delivered' }),
    );
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({
        id: id + 200_000,
        fulfillmentId: id + 100_000,
        orderId: id,
        status: 'delivered',
        happenedAt: ago(24 * daysAgo),
      }),
    );
    await drainInbox(t.get().db);
    state(`gid://shopify/Order/${id}`).displayFulfillmentStatus = 'FULFILLED';
    return { id, gid: `gid://shopify/Order/${id}`, name: `#${id + 1000}`, email: `c${id}@example.com` };
  };
  const ops = (op: string) => shopifyCalls.filter((c) => c.op === op);
  const messagesPosted = (ticketId: number) =>
    gorgiasCalls.filter((c) => c.method === 'POST' && c.path === `/api/tickets/${ticketId}/messages`).map((c) => c.body!);

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
  });
  beforeEach(() => {
    shopifyCalls = [];
    gorgiasCalls = [];
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('cancel before fulfillment, live: orderCancel with the admin defaults, then the reply that says exactly those, on the ticket channel, and tags', async () => {
    await settings((s) => {
      s.cancellation.refund = true;
      s.cancellation.restock = false;
      s.cancellation.notifyCustomer = true;
    });
    const o = await unfulfilledOrder();
    const ticketId = ++tid;
    await ticketEvent(
      gorgiasContext({
        ticketId,
        email: o.email,
        name: 'Pat Doe',
        text: `Hi, please cancel my order ${o.name}. I changed my mind.`,
        at: ago(0.1),
      }),
    );
    await drainOutbox();

    expect(ops('OrderCancel')).toHaveLength(1);
    expect(ops('OrderCancel')[0].variables).toMatchObject({
      orderId: o.gid,
      reason: 'CUSTOMER',
      refund: true,
      restock: false,
      notifyCustomer: true,
    });
    // The live re-check ran first.
    expect(shopifyCalls.findIndex((c) => c.op === 'OrderLiveState')).toBeLessThan(shopifyCalls.findIndex((c) => c.op === 'OrderCancel'));
    const replies = messagesPosted(ticketId).filter((m) => m.channel !== 'internal-note');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ channel: 'email', from_agent: true, receiver: { email: o.email } });
    expect(String(replies[0].body_text)).toContain(`Your order ${o.name} is cancelled.`);
    expect(String(replies[0].body_text)).toContain('The full payment of 80.00 USD is being refunded');
    expect(String(replies[0].body_text)).toContain('cancellation confirmation by email');
    const tags = gorgiasCalls.filter((c) => c.path === `/api/tickets/${ticketId}/tags`).flatMap((c) => c.body!.names as string[]);
    expect(tags).toEqual(
      expect.arrayContaining(['concord/cancel', 'concord/automatable', 'concord/automated', 'concord/automated-cancel']),
    );
    const [action] = await t
      .get()
      .db.select()
      .from(actions)
      .where(and(eq(actions.ticketId, String(ticketId)), eq(actions.actorId, 'automation')));
    expect(action).toMatchObject({ kind: 'cancel_order', status: 'done' });
  });

  it('no mutation is ever sent twice: a lost answer is retried by checking Shopify first, and a redelivered event queues nothing new', async () => {
    await settings(() => {});
    const o = await unfulfilledOrder();
    const ticketId = ++tid;
    const event = gorgiasContext({ ticketId, email: o.email, text: `Please cancel order ${o.name}`, at: ago(0.1) });
    loseNextCancelAnswer = true;
    await ticketEvent(event);
    await drainOutbox();
    await ticketEvent(event); // Gorgias redelivers the same event
    await drainOutbox();
    expect(ops('OrderCancel')).toHaveLength(1);
    const [cancel] = await t
      .get()
      .db.select()
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, 'shopify.cancel_order'),
          eq(
            outbox.actionId,
            (
              await t
                .get()
                .db.select()
                .from(actions)
                .where(eq(actions.ticketId, String(ticketId)))
            )[0].id,
          ),
        ),
      );
    expect(cancel).toMatchObject({ status: 'done', attempts: 2, result: { alreadyCancelled: true } });
    expect(messagesPosted(ticketId).filter((m) => m.channel !== 'internal-note')).toHaveLength(1);
  });

  it('the same request on an order that shipped in between: stopped before Shopify, explained in the ticket and the audit log, routed to a person', async () => {
    await settings(() => {});
    const o = await unfulfilledOrder();
    state(o.gid).displayFulfillmentStatus = 'FULFILLED'; // the warehouse shipped it; the webhook hasn't arrived yet
    const ticketId = ++tid;
    await ticketEvent(gorgiasContext({ ticketId, email: o.email, text: `Cancel my order ${o.name} please`, at: ago(0.1) }));
    await drainOutbox();
    expect(ops('OrderCancel')).toHaveLength(0);
    const posted = messagesPosted(ticketId);
    expect(posted.filter((m) => m.channel !== 'internal-note')).toHaveLength(0); // no "your order is cancelled" reply
    const note = posted.find((m) => m.channel === 'internal-note');
    expect(String(note?.body_text)).toMatch(/Concord did not do this: Cancel order .*\nWhy: Shopify now shows the order as fulfilled/);
    const tags = gorgiasCalls.filter((c) => c.path === `/api/tickets/${ticketId}/tags`).flatMap((c) => c.body!.names as string[]);
    expect(tags).toEqual(expect.arrayContaining(['concord/human-review', 'concord/action-stopped']));
    expect(gorgiasCalls.find((c) => c.method === 'PUT' && c.path === `/api/tickets/${ticketId}`)?.body).toEqual({
      assignee_team: { id: 12 },
    });
    const [action] = await t
      .get()
      .db.select()
      .from(actions)
      .where(eq(actions.ticketId, String(ticketId)));
    expect(action).toMatchObject({ status: 'stopped' });
    expect(action.error).toMatch(/fulfilled/);
    const audit = await t
      .get()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.ticketId, String(ticketId)), eq(auditLog.action, 'action.stopped')));
    expect(audit[0].explanation).toMatch(/Stopped before Shopify was called: Shopify now shows the order as fulfilled/);
  });

  it('cancel in shadow mode: every exact call recorded as "would have done", nothing sent, and the shadow report shows it with what a person did later', async () => {
    await settings((s) => {
      s.automation.shadowMode = true;
    });
    const o = await unfulfilledOrder();
    const ticketId = ++tid;
    await ticketEvent(gorgiasContext({ ticketId, email: o.email, text: `I want to cancel order ${o.name}`, at: ago(0.1) }));
    await drainOutbox();
    expect(ops('OrderCancel')).toHaveLength(0);
    expect(messagesPosted(ticketId)).toHaveLength(0);
    const rows = await t.get().db.select().from(outbox).where(eq(outbox.status, 'shadow'));
    const mine = rows.filter((r) => (r.payload as { ticketId?: string }).ticketId === String(ticketId));
    expect(mine.map((r) => r.kind).sort()).toEqual(
      expect.arrayContaining(['gorgias.add_tags', 'gorgias.send_reply', 'shopify.cancel_order']),
    );
    expect(mine.find((r) => r.kind === 'shopify.cancel_order')!.payload).toMatchObject({
      orderId: String(o.id),
      refund: true,
      restock: true,
      notifyCustomer: true,
      shadow: true,
    });
    // A person then cancels it by hand from the widget / a Gorgias button.
    const res = await actionsPOST(
      new Request('http://concord.test/api/gorgias/actions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify({
          ticket_id: String(ticketId),
          account: 'acme',
          action: 'cancel_order',
          confirm: true,
          agent_email: 'alex@acme.com',
        }),
      }),
    );
    expect(res.status).toBe(200);
    const report = await shadowReport(t.get().db, SHOP);
    const cancel = report.find((r) => r.intent === 'cancel')!;
    expect(cancel.count).toBeGreaterThanOrEqual(1);
    const item = cancel.items.find((i) => i.ticketId === String(ticketId))!;
    expect(item.wouldHave).toMatch(/^Cancel order/);
    expect(item.calls).toContain('shopify.cancel_order');
    expect(item.personLater).toEqual([expect.objectContaining({ kind: 'cancel_order', actor: 'alex@acme.com' })]);
  });

  it('a return inside the window, live: returnCreate with the reason definition mapped from the words and the words as the note', async () => {
    await settings(() => {});
    const o = await deliveredOrder(5);
    const ticketId = ++tid;
    const words = `I'd like to return the jacket from order ${o.name}, it is too small for me.`;
    await ticketEvent(gorgiasContext({ ticketId, email: o.email, text: words, at: ago(0.1) }));
    await drainOutbox();
    expect(ops('ReturnReasonDefinitions')[0].variables.handles).toEqual(['too-small', 'other']);
    const [create] = ops('ReturnCreateExchange');
    expect(create.variables.returnInput).toEqual({
      orderId: o.gid,
      returnLineItems: [
        {
          fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9001',
          quantity: 1,
          returnReasonDefinitionId: 'gid://shopify/ReturnReasonDefinition/11',
          returnReasonNote: words,
        },
      ],
    });
    const reply = messagesPosted(ticketId).find((m) => m.channel === 'email');
    expect(String(reply?.body_text)).toContain(`Your return for 1 × Trail Jacket from order ${o.name} is open.`);
  });

  it('an exchange, live: Shopify exchange line items with the variant the customer named', async () => {
    await settings(() => {});
    const o = await deliveredOrder(3);
    const ticketId = ++tid;
    await ticketEvent(
      gorgiasContext({
        ticketId,
        email: o.email,
        text: `Could I exchange the jacket from ${o.name} for size L? Same colour please.`,
        at: ago(0.1),
      }),
    );
    await drainOutbox();
    const [create] = ops('ReturnCreateExchange');
    expect(create.variables.returnInput).toMatchObject({
      orderId: o.gid,
      exchangeLineItems: [{ variantId: 'gid://shopify/ProductVariant/3', quantity: 1 }],
    });
    expect(messagesPosted(ticketId).find((m) => m.channel === 'email')?.body_text).toMatch(/Your exchange for order/);
  });

  it('an address correction before the cutoff, live, only with a complete valid address; otherwise it asks for the missing parts', async () => {
    await settings(() => {});
    const o = await unfulfilledOrder({ hours: 1 });
    const ticketId = ++tid;
    await ticketEvent(
      gorgiasContext({
        ticketId,
        email: o.email,
        text: `Hi! I need to change the address on ${o.name}. New address: 42 Maple Avenue, Apt 3B, Springfield, IL 62704. Thanks!`,
        at: ago(0.1),
      }),
    );
    await drainOutbox();
    const [update] = ops('OrderUpdateAddress');
    expect(update.variables.input).toMatchObject({
      id: o.gid,
      shippingAddress: {
        address1: '42 Maple Avenue',
        address2: 'Apt 3B',
        city: 'Springfield',
        provinceCode: 'IL',
        zip: '62704',
        countryCode: 'US',
      },
    });
    expect(messagesPosted(ticketId).find((m) => m.channel === 'email')?.body_text).toContain(
      '42 Maple Avenue, Apt 3B, Springfield, IL, 62704, US',
    );

    const o2 = await unfulfilledOrder({ hours: 1 });
    const ticket2 = ++tid;
    shopifyCalls = [];
    await ticketEvent(
      gorgiasContext({
        ticketId: ticket2,
        email: o2.email,
        text: `Please change the shipping address of ${o2.name} to 42 Maple Avenue, Springfield`,
        at: ago(0.1),
      }),
    );
    await drainOutbox();
    expect(ops('OrderUpdateAddress')).toHaveLength(0);
    const ask = messagesPosted(ticket2).find((m) => m.channel === 'email');
    expect(String(ask?.body_text)).toContain('Could you reply with the postal code and state or province?');
  });

  it('replies in the customer language on the ticket own channel (a Spanish chat)', async () => {
    await settings(() => {});
    const o = await unfulfilledOrder();
    const ticketId = ++tid;
    await ticketEvent(
      gorgiasContext({
        ticketId,
        email: o.email,
        name: 'Lucía Pérez',
        text: `Hola, quiero cancelar mi pedido ${o.name} por favor. Gracias`,
        at: ago(0.1),
        extra: { channel: 'chat', via: 'chat' },
      }),
    );
    await drainOutbox();
    expect(ops('OrderCancel')).toHaveLength(1);
    const reply = messagesPosted(ticketId).find((m) => m.channel !== 'internal-note');
    expect(reply).toMatchObject({ channel: 'chat', from_agent: true });
    expect(reply).not.toHaveProperty('source'); // chat routes by the ticket, not by email addresses
    expect(String(reply?.body_text)).toMatch(/^Hola Lucía,/);
    expect(String(reply?.body_text)).toContain(`Tu pedido ${o.name} está cancelado.`);
  });

  it('a goodwill request is always a person: case summary as an internal note, the goodwill team, its priority', async () => {
    await settings((s) => {
      s.routing.teams.goodwill = 44;
      s.routing.priorities.goodwill = 'high';
    });
    const o = await unfulfilledOrder();
    const ticketId = ++tid;
    await ticketEvent(
      gorgiasContext({
        ticketId,
        email: o.email,
        text: `Cancel ${o.name}. Honestly after this mess I expect a discount code to make it right.`,
        at: ago(0.1),
      }),
    );
    await drainOutbox();
    expect(ops('OrderCancel')).toHaveLength(0);
    const note = messagesPosted(ticketId).find((m) => m.channel === 'internal-note');
    expect(String(note?.body_text)).toContain('Concord case summary (needs a person: goodwill)');
    expect(String(note?.body_text)).toContain(`Question: Cancel ${o.name}.`);
    expect(String(note?.body_text)).toMatch(/Suggested next step: Decide whether a goodwill gesture/);
    const puts = gorgiasCalls.filter((c) => c.method === 'PUT' && c.path === `/api/tickets/${ticketId}`).map((c) => c.body);
    expect(puts).toEqual(expect.arrayContaining([{ assignee_team: { id: 44 } }, { priority: 'high' }]));
    const [row] = await t
      .get()
      .db.select()
      .from(tickets)
      .where(eq(tickets.gorgiasTicketId, String(ticketId)));
    expect((row.verdict as { summary: string }).summary).toContain('Question:');
  });

  it('return, exchange and address in shadow mode: the exact calls recorded, nothing sent to Shopify or the customer', async () => {
    await settings((s) => {
      s.automation.shadowMode = true;
    });
    const ret = await deliveredOrder(4);
    const exc = await deliveredOrder(4);
    const adr = await unfulfilledOrder({ hours: 1 });
    const cases = [
      {
        ticketId: ++tid,
        o: ret,
        text: `I want to return order ${ret.name}, it is too small`,
        kind: 'shopify.create_return',
        payload: { orderId: String(ret.id), reasonHandle: 'too-small', lineItems: null },
      },
      {
        ticketId: ++tid,
        o: exc,
        text: `Can I exchange the jacket from ${exc.name} for size L?`,
        kind: 'shopify.create_exchange',
        payload: { orderId: String(exc.id), customerWords: `Can I exchange the jacket from ${exc.name} for size L?` },
      },
      {
        ticketId: ++tid,
        o: adr,
        text: `Please update the address on ${adr.name}. New address: 42 Maple Avenue, Springfield, IL 62704`,
        kind: 'shopify.update_address',
        payload: {
          orderId: String(adr.id),
          address: { address1: '42 Maple Avenue', city: 'Springfield', provinceCode: 'IL', zip: '62704', countryCode: 'US' },
        },
      },
    ];
    for (const c of cases) await ticketEvent(gorgiasContext({ ticketId: c.ticketId, email: c.o.email, text: c.text, at: ago(0.1) }));
    shopifyCalls = [];
    gorgiasCalls = [];
    await drainOutbox();
    expect(shopifyCalls.filter((c) => !['OrderLiveState'].includes(c.op))).toEqual([]);
    const shadowRows = await t.get().db.select().from(outbox).where(eq(outbox.status, 'shadow'));
    for (const c of cases) {
      expect(messagesPosted(c.ticketId)).toEqual([]);
      const mine = shadowRows.filter((r) => (r.payload as { ticketId?: string }).ticketId === String(c.ticketId));
      expect(mine.find((r) => r.kind === c.kind)?.payload).toMatchObject({ ...c.payload, shadow: true });
      expect(String((mine.find((r) => r.kind === 'gorgias.send_reply')?.payload as { body: string }).body)).toMatch(
        /return|exchange|address/,
      );
    }
    const report = await shadowReport(t.get().db, SHOP);
    expect(report.find((r) => r.intent === 'return_exchange')?.count).toBeGreaterThanOrEqual(2);
    expect(report.find((r) => r.intent === 'address_change')?.count).toBeGreaterThanOrEqual(1);
  });
});
