import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { syncKlaviyoProfile, sendKlaviyoIssueEvent } from '@/lib/klaviyo-sync/sync-klaviyo-profile';
import { sendRecoveryEvent, sendReviewEligible, sendShipmentUpdate } from '@/lib/klaviyo-sync/send-lifecycle-events';
import { customers, issues } from '@/lib/db/schema';
import { ensureShop } from '@/lib/connections/shops';
import { useTestApp } from '../helpers/app';
import { eventCreateQueryV2, klaviyoHeaders, profilePartialUpdateQuery, profileUpsertQuery } from '../helpers/klaviyo-openapi';

// Every request body Concord sends to Klaviyo, produced by the code that really sends it, checked
// against the request schema Klaviyo publishes (tests/helpers/klaviyo-openapi.ts cites the source).
// Concord sends three kinds: profile import, profile partial update (after a 409), and events. It
// sends no bulk jobs, and never calls a subscription or suppression endpoint.

const BASE = 'http://klaviyo.test';
type Seen = { method: string; path: string; headers: Record<string, string>; body: unknown };
const seen: Seen[] = [];
let conflict = false;
const server = setupServer(
  http.all(`${BASE}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const text = await request.text();
    seen.push({
      method: request.method,
      path: url.pathname,
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : null,
    });
    if (request.method === 'POST' && url.pathname === '/api/profile-import') {
      if (conflict)
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
      return HttpResponse.json({ data: { type: 'profile', id: '01PROFILE', attributes: {} } }, { status: 201 });
    }
    if (request.method === 'PATCH') return HttpResponse.json({ data: { type: 'profile', id: '01EXISTING', attributes: {} } });
    if (request.method === 'POST' && url.pathname === '/api/events') return new HttpResponse(null, { status: 202 });
    return HttpResponse.json({ errors: [{ status: 404, detail: 'unknown endpoint in the stand-in' }] }, { status: 404 });
  }),
);

const SHOP = 'acme.myshopify.com';
const NOW = new Date();
const at = new Date(NOW.getTime() - 3_600_000).toISOString();
const client = new KlaviyoClient({ apiKey: 'pk_test', baseUrl: BASE, revision: '2026-07-15', timeoutMs: 2000 });
const events = () => seen.filter((s) => s.path === '/api/events');
const imports = () => seen.filter((s) => s.path === '/api/profile-import');

function expectValid(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: unknown[] } } }, body: unknown) {
  const r = schema.safeParse(body);
  expect(r.success, JSON.stringify(r.error?.issues ?? null)).toBe(true);
}

describe('Concord’s Klaviyo payloads match Klaviyo’s published request schemas', () => {
  const t = useTestApp();
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme' });
    await db.insert(customers).values({
      shopId: SHOP,
      shopifyCustomerId: '77',
      email: 'jane@example.com',
      emails: ['jane@example.com'],
      phones: [],
      firstName: 'Jane',
      tags: ['VIP'],
      ordersCount: 3,
      totalSpent: '900.00',
    });
    await db.insert(issues).values({
      shopId: SHOP,
      key: 'delay:f1',
      kind: 'delay',
      customerEmail: 'jane@example.com',
      orderId: '101',
      status: 'open',
      reason: 'No carrier scan for 6 days.',
      openedAt: new Date(at),
      lastSignalAt: new Date(at),
    });
  });
  afterEach(() => {
    seen.length = 0;
    conflict = false;
  });
  afterAll(() => server.close());

  it('profile import (suppression flag sync): ProfileUpsertQuery, with the documented headers', async () => {
    await syncKlaviyoProfile(t.get().db, client, SHOP, 'jane@example.com', NOW);
    expect(imports()).toHaveLength(1);
    expectValid(profileUpsertQuery, imports()[0].body);
    expectValid(klaviyoHeaders, imports()[0].headers);
    expect(imports()[0].headers['content-type']).toBe('application/vnd.api+json');
    expect(imports()[0].body).toMatchObject({
      data: { attributes: { email: 'jane@example.com', properties: { concord_active_issue: true } } },
    });
  });

  it('profile partial update (a 409 duplicate_profile merged onto the existing profile): ProfilePartialUpdateQuery', async () => {
    conflict = true;
    await client.upsertProfile({ email: 'jane+2@example.com', externalId: 'shopify:77', properties: { concord_active_issue: true } });
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.path).toBe('/api/profiles/01EXISTING');
    expectValid(profilePartialUpdateQuery, patch.body);
    expect((patch.body as { data: { id: string } }).data.id).toBe('01EXISTING');
  });

  it('issue opened / resolved events: EventCreateQueryV2', async () => {
    for (const verb of ['opened', 'resolved'] as const) {
      await sendKlaviyoIssueEvent(client, {
        email: 'jane@example.com',
        issueKey: 'delay:f1',
        kind: 'delay',
        verb,
        at,
        orderId: '101',
        ticketId: null,
        reason: 'No carrier scan for 6 days.',
      });
    }
    expect(events()).toHaveLength(2);
    for (const e of events()) expectValid(eventCreateQueryV2(NOW), e.body);
  });

  it('shipment update events, every state: EventCreateQueryV2', async () => {
    for (const state of ['delayed', 'exception', 'out_for_delivery', 'delivered'] as const) {
      await sendShipmentUpdate(client, {
        email: 'jane@example.com',
        at,
        orderId: '101',
        orderName: '#1001',
        fulfillmentId: '201',
        state,
        reason: 'No carrier scan for 6 days.',
        carrier: 'UPS',
        trackingNumber: '1Z999',
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999',
        estimatedDeliveryAt: null,
        deliveredAt: state === 'delivered' ? at : null,
      });
    }
    expect(events()).toHaveLength(4);
    for (const e of events()) expectValid(eventCreateQueryV2(NOW), e.body);
  });

  it('recovery event: EventCreateQueryV2', async () => {
    await sendRecoveryEvent(t.get().db, client, SHOP, {
      email: 'jane@example.com',
      issueKey: 'delay:f1',
      kind: 'delay',
      orderId: '101',
      reason: 'refunded',
      at,
    });
    expect(events()).toHaveLength(1);
    expectValid(eventCreateQueryV2(NOW), events()[0].body);
  });

  it('review eligible: a ProfileUpsertQuery and an EventCreateQueryV2', async () => {
    await sendReviewEligible(client, { email: 'jane@example.com', orderId: '101', orderName: '#1001', deliveredAt: at, at });
    expect(imports()).toHaveLength(1);
    expectValid(profileUpsertQuery, imports()[0].body);
    expect(events()).toHaveLength(1);
    expectValid(eventCreateQueryV2(NOW), events()[0].body);
  });

  it('an event time outside Klaviyo’s window (before 2000, or over a year ahead) is left out, so Klaviyo records the time it receives the event instead of refusing it', async () => {
    for (const time of ['1970-01-01T00:00:00.000Z', new Date(NOW.getTime() + 400 * 86_400_000).toISOString()]) {
      await client.createEvent({
        metric: 'Concord Issue Opened',
        email: 'jane@example.com',
        properties: { issue_key: 'k' },
        uniqueId: `k:${time}`,
        time,
      });
    }
    expect(events()).toHaveLength(2);
    for (const e of events()) {
      expectValid(eventCreateQueryV2(NOW), e.body);
      expect((e.body as { data: { attributes: Record<string, unknown> } }).data.attributes).not.toHaveProperty('time');
    }
  });

  it('the schemas are strict: they refuse what Klaviyo would refuse', () => {
    const good = {
      data: {
        type: 'event',
        attributes: {
          properties: {},
          time: at,
          unique_id: 'x',
          metric: { data: { type: 'metric', attributes: { name: 'M' } } },
          profile: { data: { type: 'profile', attributes: { email: 'a@b.c' } } },
        },
      },
    };
    expect(eventCreateQueryV2(NOW).safeParse(good).success).toBe(true);
    const withAttrs = (attributes: Record<string, unknown>) => ({
      data: { ...good.data, attributes: { ...good.data.attributes, ...attributes } },
    });
    expect(eventCreateQueryV2(NOW).safeParse(withAttrs({ time: '1970-01-01T00:00:00Z' })).success).toBe(false);
    expect(eventCreateQueryV2(NOW).safeParse(withAttrs({ uniqueId: 'camelCase' })).success).toBe(false);
    expect(
      eventCreateQueryV2(NOW).safeParse(withAttrs({ metric: { data: { type: 'metric', attributes: { name: 'x'.repeat(128) } } } })).success,
    ).toBe(false);
    expect(
      profileUpsertQuery.safeParse({
        data: { type: 'profile', attributes: { email: 'a@b.c', properties: {}, concord_active_issue: true } },
      }).success,
    ).toBe(false);
    expect(profileUpsertQuery.safeParse({ data: { type: 'profile', attributes: { properties: { a: 1 } } } }).success).toBe(false);
    expect(profilePartialUpdateQuery.safeParse({ data: { type: 'profile', attributes: { properties: {} } } }).success).toBe(false);
  });
});
