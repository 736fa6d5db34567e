import { describe, expect, it } from 'vitest';
import {
  bucketKey,
  formatDuration,
  formatRate,
  median,
  recentBuckets,
  shipmentSeries,
  ticketSeries,
  ticketStats,
  type KpiTicket,
} from '@/lib/domain/kpis';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const ticket = (t: Partial<KpiTicket> & { createdAt: Date }): KpiTicket => ({
  id: String(Math.random()),
  intent: 'wismo',
  firstResponseAt: null,
  closedAt: null,
  reopenCount: 0,
  decision: null,
  ...t,
});

describe('medians and rates', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('formats durations and rates for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(3 * H + 12 * 60_000)).toBe('3 h 12 min');
    expect(formatDuration(2 * H)).toBe('2 h');
    expect(formatDuration(52 * H)).toBe('2 d 4 h');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.1234)).toBe('12.3%');
  });
});

describe('buckets', () => {
  const now = at('2026-11-25T15:00:00Z'); // a Wednesday in 2026-W48

  it('daily buckets are UTC days ending today', () => {
    const b = recentBuckets(now, 'daily', 3);
    expect(b.map((x) => x.key)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(b[2].start.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(b[2].end.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(recentBuckets(now, 'daily')).toHaveLength(30);
  });

  it('weekly buckets are ISO weeks ending this week, across a year end', () => {
    const b = recentBuckets(at('2027-01-06T10:00:00Z'), 'weekly', 3);
    expect(b.map((x) => x.key)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(b[1].label).toBe('W53');
    expect(b[2].start.toISOString()).toBe('2027-01-04T00:00:00.000Z');
  });

  it('puts a moment in the bucket that contains it', () => {
    expect(bucketKey(at('2026-11-25T23:59:59Z'), 'daily')).toBe('2026-11-25');
    expect(bucketKey(at('2026-11-29T23:59:59Z'), 'weekly')).toBe('2026-W48');
    expect(bucketKey(at('2026-11-30T00:00:00Z'), 'weekly')).toBe('2026-W49');
  });
});

describe('ticket KPIs', () => {
  it('computes medians of first response and resolution, leaving out unanswered and negative durations', () => {
    const c = at('2026-11-24T10:00:00Z');
    const s = ticketStats([
      ticket({ createdAt: c, firstResponseAt: new Date(c.getTime() + 1 * H), closedAt: new Date(c.getTime() + 5 * H) }),
      ticket({ createdAt: c, firstResponseAt: new Date(c.getTime() + 3 * H), closedAt: new Date(c.getTime() + 7 * H) }),
      ticket({ createdAt: c, firstResponseAt: new Date(c.getTime() + 2 * H) }),
      ticket({ createdAt: c }), // unanswered
      ticket({ createdAt: c, firstResponseAt: new Date(c.getTime() - H) }), // clock skew
    ]);
    expect(s.volume).toBe(5);
    expect(s.firstResponseMedianMs).toBe(2 * H);
    expect(s.firstResponseCount).toBe(3);
    expect(s.resolutionMedianMs).toBe(6 * H);
    expect(s.resolutionCount).toBe(2);
  });

  it('reopen rate: reopened tickets over tickets that were ever closed', () => {
    const c = at('2026-11-24T10:00:00Z');
    const s = ticketStats([
      ticket({ createdAt: c, closedAt: c, reopenCount: 1 }),
      ticket({ createdAt: c, closedAt: null, reopenCount: 2 }), // reopened and still open: was closed once
      ticket({ createdAt: c, closedAt: c }),
      ticket({ createdAt: c, closedAt: c }),
      ticket({ createdAt: c }), // never closed: not in the denominator
    ]);
    expect(s.reopened).toBe(2);
    expect(s.closedOrReopened).toBe(4);
    expect(s.reopenRate).toBe(0.5);
    expect(ticketStats([ticket({ createdAt: c })]).reopenRate).toBeNull();
  });

  it('automation rate: "automate" verdicts over tickets with a verdict', () => {
    const c = at('2026-11-24T10:00:00Z');
    const s = ticketStats([
      ticket({ createdAt: c, decision: 'automate' }),
      ticket({ createdAt: c, decision: 'human_review' }),
      ticket({ createdAt: c, decision: 'automate' }),
      ticket({ createdAt: c, decision: null }),
    ]);
    expect(s.classified).toBe(3);
    expect(s.automated).toBe(2);
    expect(s.automationRate).toBeCloseTo(2 / 3);
  });

  it('buckets tickets by creation and counts intents, most frequent first', () => {
    const now = at('2026-11-25T15:00:00Z');
    const buckets = recentBuckets(now, 'daily', 3);
    const series = ticketSeries(
      [
        ticket({ createdAt: at('2026-11-23T01:00:00Z'), intent: 'cancel' }),
        ticket({ createdAt: at('2026-11-25T01:00:00Z'), intent: 'wismo' }),
        ticket({ createdAt: at('2026-11-25T02:00:00Z'), intent: 'wismo' }),
        ticket({ createdAt: at('2026-11-24T02:00:00Z'), intent: null }),
        ticket({ createdAt: at('2026-11-20T02:00:00Z'), intent: 'refund' }), // before the window
      ],
      buckets,
      'daily',
    );
    expect(series.perBucket.map((b) => b.volume)).toEqual([1, 1, 2]);
    expect(series.perBucket[2].byIntent).toEqual({ wismo: 2 });
    expect(series.perBucket[1].byIntent).toEqual({ unclassified: 1 });
    expect(series.total.volume).toBe(4);
    expect(series.intents).toEqual(['wismo', 'cancel', 'unclassified']);
  });

  it('counts delayed and exception shipments per bucket', () => {
    const buckets = recentBuckets(at('2026-11-25T15:00:00Z'), 'weekly', 2);
    const s = shipmentSeries(
      [
        { createdAt: at('2026-11-18T00:00:00Z'), healthState: 'delayed' },
        { createdAt: at('2026-11-24T00:00:00Z'), healthState: 'delayed' },
        { createdAt: at('2026-11-24T00:00:00Z'), healthState: 'exception' },
        { createdAt: at('2026-11-24T00:00:00Z'), healthState: 'in_transit' },
        { createdAt: at('2026-11-24T00:00:00Z'), healthState: null },
      ],
      buckets,
      'weekly',
    );
    expect(s).toEqual({ delayed: [1, 1], exception: [0, 1] });
  });
});
