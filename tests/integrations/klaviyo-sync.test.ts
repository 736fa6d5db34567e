import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { eq } from 'drizzle-orm';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { klaviyoProfiles, outbox } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { loadConfig } from '@/lib/runtime/config';
import { shopifyRequest, useTestApp } from '../helpers/app';
import { shopifyFulfillment, shopifyOrder, shopifyTrackingEvent } from '../helpers/builders';

// Issue-aware messaging end to end: Shopify signals open and resolve issues, the outbox pushes the
// customer's current state to Klaviyo (stand-in) and fires Opened/Resolved events with stable ids.
const BASE = 'http://klaviyo.test';
const profiles: Record<string, unknown>[] = [];
const events: { metric: string; uniqueId: string }[] = [];
let rateLimitOnce = false;
const server = setupServer(
  http.post(`${BASE}/api/profile-import`, async ({ request }) => {
    if (rateLimitOnce) {
      rateLimitOnce = false;
      return new HttpResponse('slow down', { status: 429, headers: { 'Retry-After': '3' } });
    }
    const body = (await request.json()) as { data: { attributes: { properties: Record<string, unknown> } } };
    profiles.push(body.data.attributes.properties);
    return HttpResponse.json({ data: { type: 'profile', id: 'P1' } });
  }),
  http.post(`${BASE}/api/events`, async ({ request }) => {
    const body = (await request.json()) as {
      data: { attributes: { unique_id: string; metric: { data: { attributes: { name: string } } } } };
    };
    events.push({ metric: body.data.attributes.metric.data.attributes.name, uniqueId: body.data.attributes.unique_id });
    return new HttpResponse(null, { status: 202 });
  }),
);

describe('Klaviyo suppression sync through the outbox', () => {
  const t = useTestApp({ KLAVIYO_API_KEY: 'pk_test', KLAVIYO_BASE_URL: BASE });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  let n = 0;
  const hook = async (topic: string, body: unknown) =>
    expect((await shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, eventId: `k-${++n}` }))).status).toBe(200);
  let clock = Date.now();
  const runAll = async () => {
    const deps = { ...outboxDepsFromConfig(loadConfig(process.env)), now: () => new Date(clock) };
    for (let i = 0; i < 30; i++) {
      const s = await runOutboxOnce(t.get().db, deps, 20);
      if (s.claimed === 0) {
        const pending = await t.get().db.select().from(outbox).where(eq(outbox.status, 'pending'));
        if (pending.length === 0) return;
        clock += 60_000; // past any backoff
      }
    }
  };
  const ago = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

  it('suppresses while a shipment is delayed and releases with a Resolved event when it is delivered', async () => {
    await hook(
      'orders/create',
      shopifyOrder({
        id: 501,
        number: 5001,
        email: 'kim@example.com',
        customerId: 9,
        createdAt: ago(24 * 12),
        fulfillmentStatus: 'fulfilled',
      }),
    );
    await hook('fulfillments/create', shopifyFulfillment({ id: 601, orderId: 501, createdAt: ago(24 * 11), shipmentStatus: 'in_transit' }));
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 701, fulfillmentId: 601, orderId: 501, status: 'in_transit', happenedAt: ago(24 * 8) }),
    );
    await drainInbox(t.get().db);
    rateLimitOnce = true; // the first push meets a 429 with Retry-After and is retried
    await runAll();
    expect(profiles.at(-1)).toMatchObject({ concord_active_issue: true, concord_open_issue_types: ['delay'], concord_open_issue_count: 1 });
    expect(events.map((e) => e.metric)).toEqual(['Concord Shipment Update', 'Concord Issue Opened']);
    const [kp] = await t.get().db.select().from(klaviyoProfiles).where(eq(klaviyoProfiles.customerEmail, 'kim@example.com'));
    expect(kp.suppressed).toBe(true);

    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 702, fulfillmentId: 601, orderId: 501, status: 'delivered', happenedAt: ago(1) }),
    );
    await drainInbox(t.get().db);
    await runAll();
    expect(profiles.at(-1)).toMatchObject({ concord_active_issue: false, concord_open_issue_count: 0 });
    expect(events.map((e) => e.metric)).toEqual([
      'Concord Shipment Update',
      'Concord Issue Opened',
      'Concord Shipment Update',
      'Concord Issue Resolved',
      'Concord Recovery Suggested',
    ]);
    expect(new Set(events.map((e) => e.uniqueId)).size).toBe(5);
  });

  it('replays are idempotent: the same event keeps its unique_id', async () => {
    const before = events.length;
    await hook(
      'fulfillment_events/create',
      shopifyTrackingEvent({ id: 702, fulfillmentId: 601, orderId: 501, status: 'delivered', happenedAt: ago(1) }),
    ); // duplicate id: a new webhook delivery of the same event
    await drainInbox(t.get().db);
    await runAll();
    expect(events.length).toBe(before);
  });
});
