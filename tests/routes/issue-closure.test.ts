import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { POST as widgetRoute } from '@/app/api/gorgias/widget/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { auditLog, issues } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { refreshOrderConsequences } from '@/lib/projection/refresh-order-consequences';
import { loadQaWeek } from '@/lib/review/load-qa-week';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyFulfillment, shopifyOrder } from '../helpers/builders';

// A lost parcel's case ends in many ways besides a carrier scan. Each must close the delay issue
// (and release the customer), say why in the issue and the audit log, and not reopen on the next scan.
const SHOP = 'acme.myshopify.com';
const now = Date.now();
const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();

describe('issues close when the case closes', () => {
  const t = useTestApp();
  const db = () => t.get().db;
  let eid = 0;
  const hook = async (topic: string, body: unknown) => {
    const res = await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, eventId: `c-${++eid}` }));
    expect(res.status).toBe(200);
  };
  const widget = (body: unknown) =>
    widgetRoute(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(body),
      }),
    );
  const delayIssue = async (fulfillmentId: number) =>
    (
      await db()
        .select()
        .from(issues)
        .where(and(eq(issues.shopId, SHOP), eq(issues.key, `delay:${fulfillmentId}`)))
    )[0];
  const lostParcel = async (n: number, email: string) => {
    const order = {
      ...shopifyOrder({ id: 700 + n, number: 1700 + n, email, customerId: 90 + n, createdAt: ago(12) }),
      line_items: [{ id: 8800 + n, title: 'Trail Jacket', sku: 'TJ-1', quantity: 1, price: '80.00' }],
    };
    await hook('orders/create', order);
    await hook('fulfillments/create', {
      ...shopifyFulfillment({ id: 600 + n, orderId: 700 + n, createdAt: ago(10) }),
      line_items: [{ id: 8800 + n, quantity: 1 }],
    });
  };

  beforeAll(async () => {
    await ensureShop(db(), { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    for (const [n, who] of [
      [1, 'refund'],
      [2, 'reship'],
      [3, 'cancel'],
      [4, 'ticket'],
      [5, 'nothing'],
    ] as const)
      await lostParcel(n, `${who}@example.com`);
    await drainInbox(db());
  });

  it('every parcel with no scan for 10 days has an open delay issue', async () => {
    for (const n of [1, 2, 3, 4, 5]) expect((await delayIssue(600 + n))?.status).toBe('open');
  });

  it('a refund of the parcel’s items (refunds/create, Shopify’s refund_line_items shape) closes it and says so', async () => {
    await hook('refunds/create', {
      id: 9901,
      order_id: 701,
      created_at: ago(0.5),
      note: 'Lost in transit',
      restock: false,
      refund_line_items: [{ id: 1, line_item_id: 8801, quantity: 1, restock_type: 'no_restock', subtotal: 80 }],
      transactions: [{ kind: 'refund', status: 'success', amount: '80.00', currency: 'USD' }],
    });
    await drainInbox(db());
    const i = await delayIssue(601);
    expect(i.status).toBe('resolved');
    expect(i.reason).toMatch(/^The items in this parcel were refunded \(80\.00 USD on \d{4}-\d\d-\d\d\)\.$/);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'issue.resolved'), eq(auditLog.subjectId, 'delay:601')));
    expect(audit.explanation).toBe(`Resolved delay issue: ${i.reason}`);
    // The next scan (two days on, still no carrier news) does not reopen it.
    await db().transaction((tx) => refreshOrderConsequences(tx, SHOP, '701', new Date(now + 2 * 86_400_000), { cause: 'test' }));
    expect((await delayIssue(601)).status).toBe('resolved');
  });

  it('a reship of the same items closes the lost parcel’s issue', async () => {
    await hook('fulfillments/create', {
      ...shopifyFulfillment({ id: 699, orderId: 702, createdAt: ago(0.2), shipmentStatus: 'in_transit' }),
      line_items: [{ id: 8802, quantity: 1 }],
    });
    await drainInbox(db());
    const i = await delayIssue(602);
    expect(i.status).toBe('resolved');
    expect(i.reason).toMatch(/^The items were shipped again in fulfillment 699 on /);
  });

  it('an order cancelled closes every open issue about it', async () => {
    await hook('orders/cancelled', {
      ...shopifyOrder({ id: 703, number: 1703, email: 'cancel@example.com', customerId: 93, createdAt: ago(12), cancelledAt: ago(0.1) }),
      updated_at: ago(0.1),
      line_items: [{ id: 8803, title: 'Trail Jacket', quantity: 1, price: '80.00' }],
    });
    await drainInbox(db());
    const i = await delayIssue(603);
    expect(i.status).toBe('resolved');
    expect(i.reason).toMatch(/^Order #1703 was cancelled on /);
  });

  it('the ticket about the order closed as solved closes it', async () => {
    const ticket = (status: string, at: string) =>
      gorgiasContext({
        ticketId: 4404,
        messageId: 44041,
        email: 'ticket@example.com',
        text: 'My order #1704 never arrived, where is it?',
        status,
        at,
      });
    expect((await widget(ticket('open', ago(1)))).status).toBe(200);
    await drainInbox(db());
    expect((await delayIssue(604)).status).toBe('open');
    const closed = ticket('closed', ago(0.05));
    (closed.ticket as Record<string, unknown>).closed_datetime = ago(0.05);
    expect((await widget(closed)).status).toBe(200);
    await drainInbox(db());
    const i = await delayIssue(604);
    expect(i.status).toBe('resolved');
    expect(i.reason).toMatch(/^Ticket 4404 about this order was closed as solved on /);
    await db().transaction((tx) => refreshOrderConsequences(tx, SHOP, '704', new Date(now + 86_400_000), { cause: 'test' }));
    expect((await delayIssue(604)).status).toBe('resolved');
  });

  it('the parcel nobody acted on stays open, and weekly QA lists it once it is quiet past the threshold', async () => {
    expect((await delayIssue(605)).status).toBe('open');
    const later = new Date(now + 20 * 86_400_000);
    const qa = await loadQaWeek(db(), { shopId: SHOP, week: '2026-W48', now: later });
    expect(qa.stale.thresholdDays).toBe(14);
    expect(qa.stale.items.map((s) => s.key)).toEqual(['delay:605']);
    expect(qa.stale.items[0]).toMatchObject({ customerEmail: 'nothing@example.com', kind: 'delay' });
    const openNow = await db()
      .select()
      .from(issues)
      .where(and(eq(issues.status, 'open'), like(issues.key, 'delay:%')));
    expect(openNow.map((r) => r.key)).toEqual(['delay:605']);
  });
});
