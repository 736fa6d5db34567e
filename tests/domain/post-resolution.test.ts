import { describe, expect, it } from 'vitest';
import { postResolutionKpis } from '@/lib/domain/post-resolution';

const NOW = new Date('2026-12-01T00:00:00Z');
const day = (d: string) => new Date(`${d}T12:00:00Z`);

describe('post-resolution KPIs', () => {
  const resolved = [
    { key: 'delay:1', intent: 'wismo', email: 'a@x.com', resolvedAt: day('2026-10-01') },
    { key: 'delay:2', intent: 'wismo', email: 'b@x.com', resolvedAt: day('2026-10-05') },
    { key: 'refund:3', intent: 'refund', email: 'c@x.com', resolvedAt: day('2026-10-10') },
    { key: 'delay:4', intent: 'wismo', email: 'd@x.com', resolvedAt: day('2026-11-20') }, // too recent: not counted yet
  ];
  const orders = [
    { email: 'a@x.com', name: '#2001', createdAt: day('2026-10-20') }, // within 30 days
    { email: 'b@x.com', name: '#2002', createdAt: day('2026-11-20') }, // 46 days later: too late
    { email: 'c@x.com', name: '#2003', createdAt: day('2026-10-01') }, // before the resolution
    { email: 'd@x.com', name: '#2004', createdAt: day('2026-11-25') },
  ];
  const reviews = [{ email: 'a@x.com', orderName: '#1990', at: day('2026-10-08') }];
  const k = postResolutionKpis({ resolved, orders, reviews, windowDays: 30, now: NOW });

  it('counts an order within the window after a resolution, per intent and overall', () => {
    expect(k.total).toMatchObject({ resolved: 3, converted: 1, reviewRequested: 1 });
    expect(k.total.conversionRate).toBeCloseTo(1 / 3);
    expect(k.byIntent.map((r) => [r.intent, r.resolved, r.converted, r.reviewRequested])).toEqual([
      ['refund', 1, 0, 0],
      ['wismo', 2, 1, 1],
    ]);
  });

  it('keeps the issues behind each number', () => {
    expect(k.total.evidence).toEqual([
      { key: 'delay:1', email: 'a@x.com', convertedWith: '#2001', reviewFor: '#1990' },
      { key: 'delay:2', email: 'b@x.com', convertedWith: null, reviewFor: null },
      { key: 'refund:3', email: 'c@x.com', convertedWith: null, reviewFor: null },
    ]);
  });

  it('says nothing (null) when no resolution is old enough', () => {
    expect(postResolutionKpis({ resolved: resolved.slice(3), orders, reviews, windowDays: 30, now: NOW }).total.conversionRate).toBeNull();
  });
});
