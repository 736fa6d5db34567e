import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST as widgetEventPOST } from '@/app/api/gorgias/widget/route';
import { POST as actionsPOST } from '@/app/api/gorgias/actions/route';
import { GET as widgetGET } from '@/app/api/widget/[ticket]/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { widgetToken } from '@/lib/auth/widget-link';
import { outbox } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyOrder } from '../helpers/builders';

// Issue 20.5: one primary button pairs the reply with the step ("Send reply and cancel"), and a reply
// sent on its own may not say the order is cancelled while nothing has asked for it. The paired reply
// is queued by the outbox only once Shopify has done the step.

const SHOP = 'acme.myshopify.com';
const TICKET = '7401';
const AGENT = 'sam@acme.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
const token = () => widgetToken({ ticketId: TICKET, shopId: SHOP, agent: AGENT }, TEST_SECRETS.SESSION_SECRET, new Date());
const act = async (action: string, extra: Record<string, unknown> = {}) => {
  const res = await actionsPOST(
    new Request('http://concord.test/api/gorgias/actions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-token': token() },
      body: JSON.stringify({ ticket_id: TICKET, action, ...extra }),
    }),
  );
  return { status: res.status, json: await res.json() };
};
const REPLY = 'Hi Noah, I’ve cancelled your order #1401 for you, and you’ll get a confirmation email shortly.';

describe('the reply paired with the step (20.5)', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    await shopifyPOST(
      shopifyRequest(
        JSON.stringify(
          shopifyOrder({
            email: 'noah@example.com',
            customerId: 41,
            firstName: 'Noah',
            id: 1401,
            number: 1401,
            createdAt: ago(3),
            total: '59.00',
          }),
        ),
        { topic: 'orders/create', shop: SHOP, eventId: 'p1' },
      ),
    );
    await drainInbox(db);
    await widgetEventPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(
          gorgiasContext({
            ticketId: Number(TICKET),
            messageId: 7411,
            email: 'noah@example.com',
            text: 'Please cancel my order #1401, wrong size.',
            at: ago(1),
          }),
        ),
      }),
    );
  });

  it('refuses a reply alone that says the order is cancelled while no cancellation was asked for', async () => {
    const res = await act('reply', { confirm: true, params: { body: REPLY } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('reply_not_grounded');
    expect(res.json.error.message).toMatch(/Send reply and cancel/);
  });

  it('queues the cancel with the reply riding on it; the reply is sent only once the cancel went through', async () => {
    const plan = await act('cancel_order', { params: { reply: REPLY } });
    expect(plan.status).toBe(200);
    expect(plan.json.plan).toMatch(/Then send your reply to the customer, once Shopify has done it/);
    const done = await act('cancel_order', { confirm: true, plan_token: plan.json.plan_token, params: { reply: REPLY } });
    expect(done.status).toBe(200);
    expect(done.json.status).toBe('queued');
    const db = t.get().db;
    const [cancel] = await db.select().from(outbox).where(eq(outbox.kind, 'shopify.cancel_order'));
    expect((cancel.payload as { then: { kind: string; payload: { body: string } }[] }).then[0]).toMatchObject({
      kind: 'gorgias.send_reply',
      payload: { body: REPLY },
    });
    expect(await db.select().from(outbox).where(eq(outbox.kind, 'gorgias.send_reply'))).toHaveLength(0);

    const page = await (
      await widgetGET(new Request(`http://concord.test/api/widget/${TICKET}`, { headers: { 'x-widget-token': token() } }), {
        params: Promise.resolve({ ticket: TICKET }),
      })
    ).json();
    expect(page.verdict.taken).toMatchObject({ kind: 'cancel_order', toldCustomer: true });
    expect(page.verdict.explanation).toMatch(/Your reply goes to the customer once it is done\./);

    const deps = outboxDepsFromConfig(t.get().config);
    for (let i = 0; i < 5; i++) if ((await runOutboxOnce(db, deps, 20)).claimed === 0) break;
    const [sent] = await db.select().from(outbox).where(eq(outbox.kind, 'gorgias.send_reply'));
    expect((sent.payload as { body: string }).body).toBe(REPLY);
  });

  it('takes the same reply on its own once the cancel is asked for', async () => {
    const plan = await act('reply', { params: { body: REPLY } });
    expect(plan.json.flags).toEqual([]);
  });

  it('pairs a reply only with a step that has one', async () => {
    const res = await act('tag_order', { params: { tags: ['x'], reply: 'Hi' } });
    expect(res.status).toBe(400);
  });
});
