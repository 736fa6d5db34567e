import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { outbox } from '@/lib/db/schema';
import { runDelayScan } from '@/lib/shopify-sync/run-delay-scan';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { loadConfig } from '@/lib/runtime/config';
import { shopifyRequest, useTestApp } from '../helpers/app';
import { shopifyFulfillment, shopifyOrder, shopifyTrackingEvent } from '../helpers/builders';

// The whole lifecycle of a late parcel that is then refunded, as Klaviyo (an msw stand-in answering
// in Klaviyo's JSON:API shapes) receives it: flagged, a shipment-update event, resolved on the
// refund, a recovery event with the policy's gesture, and a review request only for a clean delivery.
const BASE = 'http://klaviyo.test';
type Received =
  | { kind: 'profile'; email: string; properties: Record<string, unknown> }
  | { kind: 'event'; metric: string; email: string; uniqueId: string; time: string; properties: Record<string, unknown> };
const received: Received[] = [];
let conflictFor: string | null = null;
const server = setupServer(
  http.post(`${BASE}/api/profile-import`, async ({ request }) => {
    const body = (await request.json()) as {
      data: { attributes: { email: string; external_id?: string; properties: Record<string, unknown> } };
    };
    const { email, properties } = body.data.attributes;
    if (conflictFor === email && body.data.attributes.external_id) {
      // Klaviyo's answer when another profile already holds the external_id (JSON:API error document).
      return HttpResponse.json(
        {
          errors: [
            {
              id: 'e1',
              status: 409,
              code: 'duplicate_profile',
              title: 'Conflict.',
              detail: 'A profile already exists with one of these identifiers.',
              source: { pointer: '/data/attributes' },
              meta: { duplicate_profile_id: '01EXISTING' },
            },
          ],
        },
        { status: 409 },
      );
    }
    received.push({ kind: 'profile', email, properties });
    return HttpResponse.json({ data: { type: 'profile', id: `P-${email}`, attributes: { email } } }, { status: 200 });
  }),
  http.patch(`${BASE}/api/profiles/:id`, async ({ request, params }) => {
    const body = (await request.json()) as { data: { id: string; attributes: { properties: Record<string, unknown> } } };
    expect(body.data.id).toBe(params.id);
    received.push({ kind: 'profile', email: `id:${String(params.id)}`, properties: body.data.attributes.properties });
    return HttpResponse.json({ data: { type: 'profile', id: params.id } });
  }),
  http.post(`${BASE}/api/events`, async ({ request }) => {
    const a = (
      (await request.json()) as {
        data: {
          attributes: {
            metric: { data: { attributes: { name: string } } };
            profile: { data: { attributes: { email: string } } };
            unique_id: string;
            time: string;
            properties: Record<string, unknown>;
          };
        };
      }
    ).data.attributes;
    // Klaviyo refuses event times before 1990 (a 1970 time is a 400 and a dead letter).
    if (new Date(a.time).getUTCFullYear() < 1990)
      return HttpResponse.json({ errors: [{ status: 400, code: 'invalid', detail: 'time must be after 1990' }] }, { status: 400 });
    received.push({
      kind: 'event',
      metric: a.metric.data.attributes.name,
      email: a.profile.data.attributes.email,
      uniqueId: a.unique_id,
      time: a.time,
      properties: a.properties,
    });
    return new HttpResponse(null, { status: 202 });
  }),
);

describe('Klaviyo receives the lifecycle of a late parcel that is then refunded', () => {
  const t = useTestApp({ KLAVIYO_API_KEY: 'pk_test', KLAVIYO_BASE_URL: BASE });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  let n = 0;
  const hook = async (topic: string, body: unknown) =>
    expect((await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, eventId: `lc-${++n}` }))).status).toBe(200);
  const start = Date.now();
  const ago = (days: number) => new Date(start - days * 86_400_000).toISOString();
  const runAll = async (at: Date) => {
    const deps = { ...outboxDepsFromConfig(loadConfig(process.env)), now: () => at };
    for (let i = 0; i < 20; i++) if ((await runOutboxOnce(t.get().db, deps, 20)).claimed === 0) break;
    const stuck = (await t.get().db.select().from(outbox)).filter((e) => e.status !== 'done');
    expect(stuck.map((e) => `${e.kind}: ${e.status} ${e.lastError}`)).toEqual([]);
  };
  const eventsFor = (email: string) =>
    received.filter((r): r is Extract<Received, { kind: 'event' }> => r.kind === 'event' && r.email === email);
  const lastProfile = (email: string) => received.filter((r) => r.kind === 'profile' && r.email === email).at(-1)?.properties;
  const EMAIL = 'lea@example.com';

  it('1. the parcel goes quiet: the customer is flagged and a Shipment Update (delayed) carries the tracking facts', async () => {
    await hook('orders/create', {
      ...shopifyOrder({ id: 801, number: 1801, email: EMAIL, customerId: 81, createdAt: ago(12), fulfillmentStatus: 'fulfilled' }),
      line_items: [{ id: 88001, title: 'Trail Jacket', quantity: 1, price: '80.00' }],
    });
    await hook('fulfillments/create', {
      ...shopifyFulfillment({ id: 901, orderId: 801, createdAt: ago(11), shipmentStatus: 'in_transit', trackingNumber: '1ZLATE801' }),
      line_items: [{ id: 88001, quantity: 1 }],
    });
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 9901, fulfillmentId: 901, orderId: 801, status: 'in_transit', happenedAt: ago(9) }),
    );
    await drainInbox(t.get().db);
    await runAll(new Date());
    expect(lastProfile(EMAIL)).toMatchObject({
      concord_active_issue: true,
      concord_open_issue_types: ['delay'],
      concord_review_eligible: false,
    });
    const update = eventsFor(EMAIL).find((e) => e.metric === 'Concord Shipment Update')!;
    expect(update.properties).toMatchObject({
      update_type: 'delayed',
      status_label: 'Delayed',
      order_name: '#1801',
      carrier: 'UPS',
      tracking_number: '1ZLATE801',
      tracking_url: 'https://www.ups.com/track?tracknum=1ZLATE801',
    });
    expect(update.properties.reason).toMatch(/^No carrier scan for \d+ days \(threshold 5 days\)/);
    expect(eventsFor(EMAIL).map((e) => e.metric)).toEqual(['Concord Shipment Update', 'Concord Issue Opened']);
  });

  it('2. the parcel is refunded: the issue resolves on the refund, the flag clears, and a recovery event carries the gesture', async () => {
    await hook('refunds/create', {
      id: 7801,
      order_id: 801,
      created_at: ago(0.5),
      note: 'Lost',
      refund_line_items: [{ id: 1, line_item_id: 88001, quantity: 1 }],
      transactions: [{ kind: 'refund', status: 'success', amount: '80.00', currency: 'USD' }],
    });
    await drainInbox(t.get().db);
    await runAll(new Date());
    expect(lastProfile(EMAIL)).toMatchObject({ concord_active_issue: false, concord_open_issue_count: 0 });
    const metrics = eventsFor(EMAIL).map((e) => e.metric);
    expect(metrics).toEqual(['Concord Shipment Update', 'Concord Issue Opened', 'Concord Issue Resolved', 'Concord Recovery Suggested']);
    const resolved = eventsFor(EMAIL).find((e) => e.metric === 'Concord Issue Resolved')!;
    expect(resolved.properties.reason).toMatch(/^The items in this parcel were refunded \(80\.00 USD/);
    const recovery = eventsFor(EMAIL).find((e) => e.metric === 'Concord Recovery Suggested')!;
    expect(recovery.properties).toMatchObject({ issue_type: 'delay', gesture: 'free_shipping_next_order', vip: false, order_id: '801' });
    for (const e of eventsFor(EMAIL)) expect(new Date(e.time).getUTCFullYear()).toBeGreaterThan(2000);
  });

  it('3. the refunded order is never review-eligible; a later clean delivery is, N days after, once', async () => {
    // The refunded parcel turns up delivered after all: still not a clean order.
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 9902, fulfillmentId: 901, orderId: 801, status: 'delivered', happenedAt: ago(0.2) }),
    );
    // A second order, delivered without a hitch.
    await hook(
      'orders/create',
      shopifyOrder({ id: 802, number: 1802, email: EMAIL, customerId: 81, createdAt: ago(4), fulfillmentStatus: 'fulfilled' }),
    );
    await hook(
      'fulfillments/create',
      shopifyFulfillment({ id: 902, orderId: 802, createdAt: ago(3), shipmentStatus: 'in_transit', trackingNumber: '1ZCLEAN802' }),
    );
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 9903, fulfillmentId: 902, orderId: 802, status: 'delivered', happenedAt: ago(0.1) }),
    );
    await drainInbox(t.get().db);
    await runAll(new Date());
    const delivered = eventsFor(EMAIL).filter((e) => e.metric === 'Concord Shipment Update' && e.properties.update_type === 'delivered');
    expect(delivered.map((e) => e.properties.order_name).sort()).toEqual(['#1801', '#1802']);

    // Too early: delivered today, the review waits 7 days.
    expect((await runDelayScan(t.get().db, new Date())).reviewEligible).toBe(0);
    const inEightDays = new Date(start + 8 * 86_400_000);
    expect((await runDelayScan(t.get().db, inEightDays)).reviewEligible).toBe(1);
    await runAll(inEightDays);
    const review = eventsFor(EMAIL).filter((e) => e.metric === 'Concord Review Eligible');
    expect(review.map((e) => e.properties.order_name)).toEqual(['#1802']);
    expect(review[0].uniqueId).toBe('review:802');
    expect(lastProfile(EMAIL)).toMatchObject({ concord_review_eligible: true, concord_review_eligible_order: '#1802' });
    // Once per order: the next scan queues nothing.
    expect((await runDelayScan(t.get().db, new Date(start + 9 * 86_400_000))).reviewEligible).toBe(0);
  });

  it('a 409 duplicate_profile on profile import is merged onto the existing profile, not dead-lettered', async () => {
    conflictFor = 'second@example.com';
    await hook(
      'orders/create',
      shopifyOrder({
        id: 803,
        number: 1803,
        email: 'second@example.com',
        customerId: 81,
        createdAt: ago(12),
        fulfillmentStatus: 'fulfilled',
      }),
    );
    await hook('fulfillments/create', shopifyFulfillment({ id: 903, orderId: 803, createdAt: ago(11), shipmentStatus: 'in_transit' }));
    await drainInbox(t.get().db);
    await runAll(new Date());
    const merged = received.filter((r) => r.kind === 'profile' && r.email === 'id:01EXISTING');
    expect(merged.at(-1)?.properties).toMatchObject({ concord_active_issue: true });
    conflictFor = null;
  });
});
