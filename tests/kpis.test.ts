import { beforeAll, describe, expect, it } from 'vitest';
import { fulfillments, issues, klaviyoProfiles, qaReviews, tickets } from '@/lib/db/schema';
import { loadKpis } from '@/lib/admin/load-kpis';
import { ensureShop } from '@/lib/connections/shops';
import { useTestApp } from './helpers/app';

const SHOP = 'acme.myshopify.com';
const OTHER = 'acme-eu.myshopify.com';
const now = new Date('2026-11-25T15:00:00Z');
const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * H);
const verdict = (decision: string) => ({
  decision,
  nextStep: 'reply',
  rule: 'r',
  reasons: [],
  explanation: '',
  allowedPromises: [],
  summary: null,
});

describe('KPI queries', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP });
    await ensureShop(db, { id: OTHER });
    const c1 = at('2026-11-25T08:00:00Z');
    const c2 = at('2026-11-25T09:00:00Z');
    const c3 = at('2026-11-24T10:00:00Z');
    await db.insert(tickets).values([
      {
        shopId: SHOP,
        gorgiasTicketId: '1',
        intent: 'wismo',
        gorgiasCreatedAt: c1,
        firstResponseAt: plus(c1, 1),
        closedAt: plus(c1, 4),
        verdict: verdict('automate'),
      },
      {
        shopId: SHOP,
        gorgiasTicketId: '2',
        intent: 'cancel',
        gorgiasCreatedAt: c2,
        firstResponseAt: plus(c2, 3),
        reopenCount: 1,
        verdict: verdict('human_review'),
      },
      {
        shopId: SHOP,
        gorgiasTicketId: '3',
        intent: 'wismo',
        gorgiasCreatedAt: c3,
        firstResponseAt: plus(c3, 2),
        closedAt: plus(c3, 10),
        verdict: verdict('automate'),
      },
      { shopId: SHOP, gorgiasTicketId: '4', intent: 'refund', gorgiasCreatedAt: at('2026-10-01T10:00:00Z') }, // before the 30 days
      { shopId: SHOP, gorgiasTicketId: '5', intent: 'wismo', gorgiasCreatedAt: c1, matchedShopId: OTHER }, // the other store's customer
    ]);
    const f = (id: string, created: string, healthState: string) => ({
      shopId: SHOP,
      shopifyFulfillmentId: id,
      orderId: 'o',
      status: 'success',
      shopifyCreatedAt: at(created),
      shopifyUpdatedAt: at(created),
      healthState,
    });
    await db
      .insert(fulfillments)
      .values([
        f('f1', '2026-11-24T00:00:00Z', 'delayed'),
        f('f2', '2026-11-20T00:00:00Z', 'exception'),
        f('f3', '2026-09-01T00:00:00Z', 'delayed'),
        f('f4', '2026-11-24T00:00:00Z', 'in_transit'),
      ]);
    await db.insert(klaviyoProfiles).values([
      { shopId: SHOP, customerEmail: 'a@example.com', suppressed: true },
      { shopId: SHOP, customerEmail: 'b@example.com', suppressed: true },
      { shopId: SHOP, customerEmail: 'c@example.com', suppressed: false },
      { shopId: OTHER, customerEmail: 'd@example.com', suppressed: true },
    ]);
    const issue = (key: string, email: string, status: string) => ({
      shopId: SHOP,
      key,
      kind: 'delay',
      status,
      customerEmail: email,
      reason: 'late',
      lastSignalAt: now,
    });
    await db
      .insert(issues)
      .values([
        issue('i1', 'a@example.com', 'open'),
        issue('i2', 'a@example.com', 'open'),
        issue('i3', 'b@example.com', 'open'),
        issue('i4', 'c@example.com', 'resolved'),
      ]);
    const qa = (week: string, kind: string, verdict: string, n: number) => ({
      shopId: SHOP,
      week,
      kind,
      itemKey: `ticket:${n}`,
      verdict,
      reviewer: 'lead',
    });
    await db.insert(qaReviews).values([
      qa('2026-W48', 'wismo_automation', 'correct', 1),
      qa('2026-W48', 'wismo_automation', 'correct', 2),
      qa('2026-W47', 'wismo_automation', 'correct', 3),
      qa('2026-W48', 'wismo_automation', 'wrong', 4),
      qa('2026-W48', 'suppression', 'wrong', 5), // not an automation review
      qa('2026-W40', 'wismo_automation', 'wrong', 6), // before the period
    ]);
  });

  it('computes the daily numbers for one store', async () => {
    const k = await loadKpis(t.get().db, { shopId: SHOP, view: 'daily', now });
    expect(k.tickets.buckets).toHaveLength(30);
    expect(k.tickets.total).toMatchObject({
      volume: 3,
      byIntent: { wismo: 2, cancel: 1 },
      firstResponseMedianMs: 2 * H,
      resolutionMedianMs: 7 * H,
      reopened: 1,
      closedOrReopened: 3,
      classified: 3,
      automated: 2,
    });
    expect(k.tickets.total.automationRate).toBeCloseTo(2 / 3);
    const last = k.tickets.perBucket.at(-1)!;
    expect(last).toMatchObject({ volume: 2, byIntent: { wismo: 1, cancel: 1 }, firstResponseMedianMs: 2 * H });
    expect(k.tickets.perBucket.at(-2)!.volume).toBe(1);
    expect(k.shipments).toMatchObject({ delayedNow: 2, exceptionNow: 1 });
    expect(k.shipments.delayed.at(-2)).toBe(1);
    expect(k.shipments.exception[k.tickets.buckets.findIndex((b) => b.key === '2026-11-20')]).toBe(1);
    expect(k.shipments.delayed.reduce((a, b) => a + b, 0)).toBe(1); // the September one is outside the window
    expect(k.suppression).toEqual({ klaviyoSuppressed: 2, klaviyoProfiles: 3, withOpenIssues: 2 });
    expect(k.qa.total).toEqual({ reviewed: 4, correct: 3, wrong: 1, accuracy: 0.75 });
    expect(k.qa.weeks.map((w) => [w.week, w.reviewed])).toEqual([
      ['2026-W47', 1],
      ['2026-W48', 3],
    ]);
  });

  it('computes weekly buckets, and another store sees only its own tickets', async () => {
    const weekly = await loadKpis(t.get().db, { shopId: SHOP, view: 'weekly', now });
    expect(weekly.tickets.buckets).toHaveLength(12);
    expect(weekly.tickets.buckets.at(-1)!.key).toBe('2026-W48');
    expect(weekly.tickets.perBucket.at(-1)!.volume).toBe(3);
    expect(weekly.qa.total.reviewed).toBe(5); // 2026-W40 is inside 12 weeks
    const other = await loadKpis(t.get().db, { shopId: OTHER, view: 'daily', now });
    expect(other.tickets.total.volume).toBe(1);
    expect(other.suppression.klaviyoSuppressed).toBe(1);
  });
});
