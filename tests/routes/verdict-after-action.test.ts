import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST as widgetEventPOST } from '@/app/api/gorgias/widget/route';
import { POST as actionsPOST } from '@/app/api/gorgias/actions/route';
import { GET as widgetGET } from '@/app/api/widget/[ticket]/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { widgetToken } from '@/lib/auth/widget-link';
import { actions } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyOrder } from '../helpers/builders';

// Issue 20.3: after a cancel, the card must not still say "Cancellation is safe" and offer the same
// cancel. The verdict is re-derived from the ticket's actions on every read (widget page and the
// Gorgias card): the step shows as queued or done, by whom and when, and asking again warns.

const SHOP = 'acme.myshopify.com';
const TICKET = '7301';
const AGENT = 'sam@acme.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
const token = () => widgetToken({ ticketId: TICKET, shopId: SHOP, agent: AGENT }, TEST_SECRETS.SESSION_SECRET, new Date());
const params = { params: Promise.resolve({ ticket: TICKET }) };

const widget = async () =>
  (await widgetGET(new Request(`http://concord.test/api/widget/${TICKET}`, { headers: { 'x-widget-token': token() } }), params)).json();
const act = (action: string, extra: Record<string, unknown> = {}) =>
  actionsPOST(
    new Request('http://concord.test/api/gorgias/actions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-token': token() },
      body: JSON.stringify({ ticket_id: TICKET, action, ...extra }),
    }),
  );
const sidebar = async (messageId: number) =>
  (
    await widgetEventPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(
          gorgiasContext({
            ticketId: Number(TICKET),
            messageId,
            email: 'noah@example.com',
            text: 'Please cancel my order #1301, I ordered the wrong size.',
            at: ago(1),
          }),
        ),
      }),
    )
  ).json();

describe('the verdict after an action (20.3)', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    await shopifyPOST(
      shopifyRequest(
        JSON.stringify(
          shopifyOrder({
            email: 'noah@example.com',
            customerId: 31,
            firstName: 'Noah',
            id: 1301,
            number: 1301,
            createdAt: ago(3),
            total: '59.00',
          }),
        ),
        { topic: 'orders/create', shop: SHOP, eventId: 'c1' },
      ),
    );
    await drainInbox(db);
    await sidebar(7311);
  });

  it('offers the cancel before it is asked for', async () => {
    const page = await widget();
    expect(page.verdict).toMatchObject({ decision: 'automate', nextStep: 'cancel_order' });
    expect(page.verdict.explanation).toMatch(/Cancellation is safe/);
    expect(page.verdict.taken ?? null).toBeNull();
  });

  it('after the cancel is queued, no longer says it is safe nor offers it again; says who asked and when', async () => {
    const res = await act('cancel_order', { confirm: true });
    expect(res.status).toBe(200);
    const page = await widget();
    expect(page.verdict.explanation).not.toMatch(/Cancellation is safe/);
    expect(page.verdict.nextStep).not.toBe('cancel_order');
    expect(page.verdict.taken).toMatchObject({ kind: 'cancel_order', status: 'pending', by: AGENT, toldCustomer: false });
    expect(Date.parse(page.verdict.taken.at)).toBeGreaterThan(now - 60_000);
    expect(page.verdict.explanation).toMatch(/Cancellation queued by sam@acme\.com/);
    // The re-decided policy is stored with the time it was decided.
    expect(Date.parse(page.verdict.decidedAt)).toBeGreaterThan(now - 60_000);

    // Gorgias's card says the same on its next call.
    const card = await sidebar(7312);
    expect(JSON.stringify(card)).not.toMatch(/Cancellation is safe/);
    expect(card.ticket.next_step).not.toBe('Cancel the order');
    expect(card.ticket.policy).toBe('Queued');
  });

  it('shows the cancel as done once the outbox has settled it', async () => {
    const db = t.get().db;
    await db.update(actions).set({ status: 'done', completedAt: new Date() }).where(eq(actions.kind, 'cancel_order'));
    const page = await widget();
    expect(page.verdict.taken).toMatchObject({ kind: 'cancel_order', status: 'done' });
    expect(page.verdict.explanation).toMatch(/Order cancelled by sam@acme\.com\. Tell the customer it is done\./);
  });

  it('warns when the same step is asked for again', async () => {
    const plan = await (await act('cancel_order', { params: { cancelReason: 'CUSTOMER', reason: 'asked twice' } })).json();
    expect(plan.status).toBe('needs_confirmation');
    expect(plan.repeat_of).toMatchObject({ kind: 'cancel_order', status: 'done', by: AGENT });
    expect(plan.msg).toMatch(/Already asked: cancel order, done, by sam@acme\.com/);
  });

  it('a failed step does not count as done', async () => {
    const db = t.get().db;
    await db.update(actions).set({ status: 'failed', error: 'Shopify refused' }).where(eq(actions.kind, 'cancel_order'));
    const page = await widget();
    expect(page.verdict.taken ?? null).toBeNull();
  });
});
