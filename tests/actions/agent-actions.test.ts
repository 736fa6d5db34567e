import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { eq } from 'drizzle-orm';
import { POST as widgetPOST } from '@/app/api/gorgias/widget/route';
import { POST as actionsPOST } from '@/app/api/gorgias/actions/route';
import { GET as widgetDataGET } from '@/app/api/widget/[ticket]/route';
import { widgetToken } from '@/lib/auth/widget-link';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { actions, auditLog, outbox } from '@/lib/db/schema';
import { defaultSettings } from '@/lib/domain/settings';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { saveSettings } from '@/lib/settings/settings-store';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyFulfillment, shopifyOrder } from '../helpers/builders';

// The actions an agent confirms (Gorgias card buttons or the widget, same endpoint): each planned,
// policy-checked against the state at the moment of confirmation, queued through the outbox, audited,
// and sent to Shopify as the one call the plan described.

const SHOP = 'acme.myshopify.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
let calls: { op: string; variables: Record<string, unknown> }[] = [];
const gorgiasPosts: { path: string; body: Record<string, unknown> }[] = [];
const graphql = (data: unknown) => HttpResponse.json({ data });
const server = setupServer(
  http.post('http://shopify.test/admin/api/:version/graphql.json', async ({ request }) => {
    const { query, variables } = (await request.json()) as { query: string; variables: Record<string, unknown> };
    const op = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'unknown';
    calls.push({ op, variables });
    switch (op) {
      case 'OrderLiveState':
        return graphql({
          order: {
            id: variables.id,
            cancelledAt: null,
            displayFulfillmentStatus: 'UNFULFILLED',
            tags: [],
            refunds: [],
            returns: { nodes: [] },
          },
        });
      case 'OrderCancel':
        return graphql({ orderCancel: { job: { id: 'gid://shopify/Job/1', done: false }, orderCancelUserErrors: [] } });
      case 'SuggestedRefund':
        return graphql({
          order: {
            suggestedRefund: {
              amountSet: { shopMoney: { amount: '80.00', currencyCode: 'USD' } },
              suggestedTransactions: [
                {
                  gateway: 'shopify_payments',
                  amountSet: { shopMoney: { amount: '80.00' } },
                  parentTransaction: { id: 'gid://shopify/OrderTransaction/55' },
                },
              ],
            },
          },
        });
      case 'RefundCreate':
        return graphql({
          refundCreate: {
            refund: { id: 'gid://shopify/Refund/1', totalRefundedSet: { shopMoney: { amount: '25.00', currencyCode: 'USD' } } },
            userErrors: [],
          },
        });
      case 'DraftOrdersByTag':
        return graphql({ draftOrders: { nodes: [] } });
      case 'DraftOrderCreate':
        return graphql({ draftOrderCreate: { draftOrder: { id: 'gid://shopify/DraftOrder/9', name: '#D9' }, userErrors: [] } });
      case 'DraftOrderComplete':
        return graphql({
          draftOrderComplete: {
            draftOrder: { id: 'gid://shopify/DraftOrder/9', order: { id: 'gid://shopify/Order/999', name: '#1999' } },
            userErrors: [],
          },
        });
      case 'StoreCreditAccountCredit':
        return graphql({
          storeCreditAccountCredit: {
            storeCreditAccountTransaction: {
              amount: { amount: '15.00', currencyCode: 'USD' },
              account: { id: 'gid://shopify/StoreCreditAccount/1', balance: { amount: '15.00', currencyCode: 'USD' } },
            },
            userErrors: [],
          },
        });
      case 'DiscountCodeBasicCreate':
        return graphql({ discountCodeBasicCreate: { codeDiscountNode: { id: 'gid://shopify/DiscountCodeNode/1' }, userErrors: [] } });
      default:
        return HttpResponse.json({ errors: [{ message: `unexpected ${op}` }] });
    }
  }),
  http.all('http://gorgias.test/api/*', async ({ request }) => {
    if (request.method === 'POST')
      gorgiasPosts.push({ path: new URL(request.url).pathname, body: (await request.json()) as Record<string, unknown> });
    return HttpResponse.json({ id: 1 }, { status: 201 });
  }),
);

describe('agent actions: plan, re-check at confirmation, outbox, Shopify', () => {
  const t = useTestApp({
    SHOPIFY_SHOP_DOMAIN: SHOP,
    SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_test',
    SHOPIFY_ADMIN_BASE_URL: 'http://shopify.test',
    GORGIAS_DOMAIN: 'acme',
    GORGIAS_API_EMAIL: 'api@acme.com',
    GORGIAS_API_KEY: 'k',
    GORGIAS_BASE_URL: 'http://gorgias.test',
  });
  let eid = 0;
  const hook = async (topic: string, body: unknown) => {
    expect((await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, shop: SHOP, eventId: `agent-${++eid}` }))).status).toBe(200);
    await drainInbox(t.get().db);
  };
  const act = async (body: Record<string, unknown>) => {
    const res = await actionsPOST(
      new Request('http://concord.test/api/gorgias/actions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify({ agent_email: 'alex@acme.com', account: 'acme', ...body }),
      }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  };
  const drain = async () => {
    const deps = outboxDepsFromConfig(t.get().config);
    for (let i = 0; i < 10; i++) if ((await runOutboxOnce(t.get().db, deps, 50)).claimed === 0) break;
  };
  const orderFor = async (id: number, ticketId: number, text: string, extra: Record<string, unknown> = {}) => {
    await hook('orders/create', {
      ...shopifyOrder({ id, number: id, email: `p${id}@example.com`, customerId: id, createdAt: ago(3) }),
      line_items: [
        {
          id: id * 10,
          title: 'Trail Jacket',
          sku: 'TJ-1',
          quantity: 2,
          price: '40.00',
          product_id: 1,
          variant_id: 77,
          fulfillment_status: null,
        },
      ],
    });
    const res = await widgetPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(gorgiasContext({ ticketId, email: `p${id}@example.com`, text, at: ago(0.1), extra })),
      }),
    );
    expect(res.status).toBe(200);
    await drainInbox(t.get().db);
  };

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    const s = defaultSettings();
    s.automation.shadowMode = true; // nothing automatic here: only what the agent confirms
    s.cancellation.refund = false;
    s.cancellation.restock = true;
    await saveSettings(t.get().db, SHOP, s, { type: 'admin', id: 'test' });
  });
  beforeEach(() => {
    calls = [];
  });
  afterAll(() => server.close());

  it('one meaning per button: the Gorgias cancel button with no choices plans and queues the shop defaults, the same in both', async () => {
    await orderFor(3001, 9001, 'Please cancel my order #3001, I changed my mind.');
    const plan = await act({ ticket_id: '9001', action: 'cancel_order' });
    expect(plan.json.plan).toMatch(/no refund, restock the items, and Shopify emails the customer/);
    const done = await act({ ticket_id: '9001', action: 'cancel_order', confirm: true, plan_token: plan.json.plan_token });
    expect(done.status).toBe(200);
    await drain();
    const cancel = calls.find((c) => c.op === 'OrderCancel')!;
    expect(cancel.variables).toMatchObject({ refund: false, restock: true, notifyCustomer: true, reason: 'CUSTOMER' });
  });

  it('a stale confirmation is refused: the plan was made before the order shipped', async () => {
    await orderFor(3002, 9002, 'Please cancel order #3002, I changed my mind.');
    const plan = await act({ ticket_id: '9002', action: 'cancel_order' });
    expect(plan.json.overridden).toBe(false);
    // The order ships between the plan and the click.
    await hook('fulfillments/create', shopifyFulfillment({ id: 83002, orderId: 3002, createdAt: ago(0.05), shipmentStatus: 'in_transit' }));
    await hook('orders/updated', {
      ...shopifyOrder({
        id: 3002,
        number: 3002,
        email: 'p3002@example.com',
        customerId: 3002,
        createdAt: ago(3),
        fulfillmentStatus: 'fulfilled',
      }),
      updated_at: ago(0.05),
    });
    const stale = await act({ ticket_id: '9002', action: 'cancel_order', confirm: true, plan_token: plan.json.plan_token });
    expect(stale.status).toBe(409);
    expect(stale.json.error?.code).toBe('stale_confirmation');
    expect(stale.json.error?.message).toMatch(/nothing was done.*cancellation after fulfillment/s);
    // Confirming anyway (a Gorgias button, no token) meets the new verdict: it needs an override reason.
    const noReason = await act({ ticket_id: '9002', action: 'cancel_order', confirm: true });
    expect(noReason.json.error?.code).toBe('override_reason_required');
    expect(await t.get().db.select().from(actions).where(eq(actions.ticketId, '9002'))).toHaveLength(0);
    const withReason = await act({
      ticket_id: '9002',
      action: 'cancel_order',
      confirm: true,
      override_reason: 'Warehouse confirmed the parcel is still on the dock',
    });
    expect(withReason.json).toMatchObject({ status: 'queued', overridden: true });
    const [audit] = await t.get().db.select().from(auditLog).where(eq(auditLog.action, 'action.cancel_order'));
    expect(audit).toBeTruthy();
  });

  it("refund per line item with restock and a reason: refundCreate from Shopify's suggested transactions", async () => {
    await orderFor(3003, 9003, 'One of the two jackets arrived torn, I want my money back for it.');
    const lineItems = [{ lineItemId: '30030', quantity: 1 }];
    const plan = await act({
      ticket_id: '9003',
      action: 'refund_order',
      params: { lineItems, restock: true, reason: 'Torn seam, photo in ticket' },
    });
    expect(plan.json.plan).toBe(
      'Refund 1 × Trail Jacket of #3003 (40.00 USD before tax) to the original payment, restock them, Shopify emails the customer; reason: Torn seam, photo in ticket.',
    );
    expect(plan.json.overridden).toBe(false); // refunds are a person's call on a human-review verdict
    await act({
      ticket_id: '9003',
      action: 'refund_order',
      confirm: true,
      plan_token: plan.json.plan_token,
      params: { lineItems, restock: true, reason: 'Torn seam, photo in ticket' },
    });
    await drain();
    const refund = calls.find((c) => c.op === 'RefundCreate')!.variables.input as Record<string, unknown>;
    expect(refund).toMatchObject({
      orderId: 'gid://shopify/Order/3003',
      notify: true,
      refundLineItems: [{ lineItemId: 'gid://shopify/LineItem/30030', quantity: 1, restockType: 'RETURN' }],
      transactions: [{ gateway: 'shopify_payments', kind: 'REFUND', amount: '80.00', parentId: 'gid://shopify/OrderTransaction/55' }],
    });
    expect(String(refund.note)).toMatch(/^Torn seam, photo in ticket \[concord-/);
    // A refund without a reason is refused before anything is queued.
    expect((await act({ ticket_id: '9003', action: 'refund_order', params: { amount: '10.00' } })).json.error?.code).toBe(
      'action_not_possible',
    );
  });

  it('reship at zero cost, store credit and a single-use discount code, each one call', async () => {
    await orderFor(3004, 9004, 'My parcel never came and I would like some compensation for the wait.');
    for (const [action, params] of [
      ['reship_order', { reason: 'Lost in transit' }],
      ['store_credit', { amount: '15.00', reason: 'Sorry for the wait', expiresInDays: 365 }],
      ['discount_code', { percentage: 10, reason: 'Sorry for the wait' }],
    ] as const) {
      const res = await act({ ticket_id: '9004', action, confirm: true, params });
      expect(res.json.status).toBe('queued');
    }
    await drain();
    const draft = calls.find((c) => c.op === 'DraftOrderCreate')!.variables.input as Record<string, unknown>;
    expect(draft.lineItems).toEqual([
      {
        variantId: 'gid://shopify/ProductVariant/77',
        quantity: 2,
        appliedDiscount: { valueType: 'PERCENTAGE', value: 100, title: 'Replacement' },
      },
    ]);
    expect(draft.shippingAddress).toMatchObject({ address1: '1 Main St', city: 'Austin', zip: '78701' });
    expect(calls.filter((c) => c.op === 'DraftOrderComplete')).toHaveLength(1);
    expect(calls.find((c) => c.op === 'StoreCreditAccountCredit')!.variables).toMatchObject({
      id: 'gid://shopify/Customer/3004',
      creditInput: { creditAmount: { amount: '15.00', currencyCode: 'USD' } },
    });
    const discount = calls.find((c) => c.op === 'DiscountCodeBasicCreate')!.variables.basicCodeDiscount as Record<string, unknown>;
    expect(discount).toMatchObject({
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: ['gid://shopify/Customer/3004'] } },
      customerGets: { value: { percentage: 0.1 }, items: { all: true } },
    });
    expect(String(discount.code)).toMatch(/^CARE-[A-Z0-9]+$/);
    const credit = (await t.get().db.select().from(outbox).where(eq(outbox.kind, 'shopify.store_credit')))[0];
    expect(credit).toMatchObject({ status: 'done', maxAttempts: 1 });
  });

  it('a reply goes out on the ticket own channel with the acting agent as sender (an SMS ticket)', async () => {
    await orderFor(3005, 9005, 'where is my order 3005', { channel: 'sms', via: 'sms' });
    const res = await act({
      ticket_id: '9005',
      action: 'reply',
      confirm: true,
      params: { body: 'Thanks for your message, we are looking into it now.' },
    });
    expect(res.json.status).toBe('queued');
    await drain();
    const reply = gorgiasPosts.find((p) => p.path === '/api/tickets/9005/messages' && p.body.channel !== 'internal-note')!;
    expect(reply.body).toMatchObject({ channel: 'sms', from_agent: true, sender: { email: 'alex@acme.com' }, receiver: { id: 14005 } });
    expect(reply.body).not.toHaveProperty('sent_datetime');
  });

  it('the widget forms start from the order: line items, the current address and the one in the customer message; the link agent is the actor', async () => {
    await orderFor(3006, 9006, 'Sorry, wrong address! New address: 42 Maple Avenue, Springfield, IL 62704');
    const token = widgetToken({ ticketId: '9006', shopId: SHOP, agent: 'sam@acme.com' }, TEST_SECRETS.SESSION_SECRET, new Date());
    const res = await widgetDataGET(new Request('http://concord.test/api/widget/9006', { headers: { 'x-widget-token': token } }), {
      params: Promise.resolve({ ticket: '9006' }),
    });
    const json = (await res.json()) as {
      actionForms: {
        order: { lineItems: { id: string; quantity: number }[] };
        currentAddress: { address1: string };
        addressFromMessage: { complete: boolean; address: Record<string, string> };
      };
    };
    expect(json.actionForms.order.lineItems).toEqual([expect.objectContaining({ id: '30060', quantity: 2, variantId: '77' })]);
    expect(json.actionForms.currentAddress.address1).toBe('1 Main St');
    expect(json.actionForms.addressFromMessage).toMatchObject({
      complete: true,
      address: { address1: '42 Maple Avenue', city: 'Springfield', provinceCode: 'IL', zip: '62704' },
    });
    const act2 = await actionsPOST(
      new Request('http://concord.test/api/gorgias/actions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-widget-token': token },
        body: JSON.stringify({
          ticket_id: '9006',
          action: 'update_address',
          confirm: true,
          params: { address: json.actionForms.addressFromMessage.address },
        }),
      }),
    );
    expect(act2.status).toBe(200);
    const [row] = await t.get().db.select().from(actions).where(eq(actions.ticketId, '9006'));
    expect(row).toMatchObject({ kind: 'update_address', actorId: 'sam@acme.com' });
  });
});
