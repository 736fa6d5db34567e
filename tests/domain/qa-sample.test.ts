import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeIsoWeek,
  hashSeed,
  isoWeekOf,
  isoWeekRange,
  mulberry32,
  parseIsoWeek,
  qaSeed,
  sampleForReview,
  shiftIsoWeek,
  weeksInIsoYear,
} from '@/lib/domain/qa-sample';

describe('ISO weeks', () => {
  it('names the week of a date, including weeks that straddle a new year', () => {
    expect(isoWeekOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-W48'); // a Monday
    expect(isoWeekOf(new Date('2026-11-29T23:59:59Z'))).toBe('2026-W48'); // the Sunday after
    expect(isoWeekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2021-01-01T12:00:00Z'))).toBe('2020-W53'); // Friday: belongs to 2020
    expect(isoWeekOf(new Date('2024-12-30T08:00:00Z'))).toBe('2025-W01'); // Monday: belongs to 2025
    expect(isoWeekOf(new Date('2027-01-03T08:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
  });

  it('knows which years have 53 weeks', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(weeksInIsoYear(2027)).toBe(52);
  });

  it('parses only real weeks', () => {
    expect(parseIsoWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    for (const bad of ['2025-W53', '2026-W00', '2026-W54', '2026-48', '2026-w48', '26-W48', '2026-W4', '', 'W48'])
      expect(parseIsoWeek(bad)).toBeNull();
  });

  it('gives a week its Monday-to-Monday range in UTC', () => {
    const { start, end } = isoWeekRange('2026-W48');
    expect(start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(isoWeekRange('2025-W01').start.toISOString()).toBe('2024-12-30T00:00:00.000Z');
    expect(() => isoWeekRange('2026-W99')).toThrow(/not an ISO week/);
    expect(describeIsoWeek('2026-W48')).toBe('Nov 23 – Nov 29, 2026');
  });

  it('shifts across year ends', () => {
    expect(shiftIsoWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftIsoWeek('2027-W01', -1)).toBe('2026-W53');
    expect(shiftIsoWeek('2025-W52', 1)).toBe('2026-W01');
    expect(shiftIsoWeek('2026-W48', -48)).toBe('2025-W52');
  });

  it('round-trips: every moment lies inside the range of its own week', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const week = isoWeekOf(d);
        expect(parseIsoWeek(week)).not.toBeNull();
        const { start, end } = isoWeekRange(week);
        expect(start.getTime()).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime()).toBeLessThan(end.getTime());
        expect(start.getUTCDay()).toBe(1);
      }),
    );
  });
});

describe('seeded PRNG', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = mulberry32(hashSeed('acme.myshopify.com|2026-W48'));
    const b = mulberry32(hashSeed('acme.myshopify.com|2026-W48'));
    const c = mulberry32(hashSeed('acme.myshopify.com|2026-W49'));
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = mulberry32(42);
    const bins = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r();
      min = Math.min(min, x);
      max = Math.max(max, x);
      bins[Math.floor(x * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const n of bins) expect(n).toBeGreaterThan(1_700); // 2,000 expected per bin
  });
});

describe('the weekly sample', () => {
  const items = Array.from({ length: 120 }, (_, i) => ({ id: String(1000 + i) }));
  const key = (t: { id: string }) => `ticket:${t.id}`;
  const seed = qaSeed('acme.myshopify.com', '2026-W48');

  it('picks 20 distinct items, the same ones on every load, whatever order the rows come in', () => {
    const first = sampleForReview(items, key, seed, 20);
    expect(first).toHaveLength(20);
    expect(new Set(first.map((t) => t.id)).size).toBe(20);
    expect(sampleForReview([...items].reverse(), key, seed, 20)).toEqual(first);
  });

  it('draws a different sample for another week or another store', () => {
    const ids = (s: string) =>
      sampleForReview(items, key, s, 20)
        .map((t) => t.id)
        .sort();
    expect(ids(qaSeed('acme.myshopify.com', '2026-W49'))).not.toEqual(ids(seed));
    expect(ids(qaSeed('other.myshopify.com', '2026-W48'))).not.toEqual(ids(seed));
  });

  it('is not just the first or the newest items', () => {
    const ids = sampleForReview(items, key, seed, 20).map((t) => Number(t.id));
    expect(ids.some((id) => id >= 1020)).toBe(true);
    expect(ids.some((id) => id < 1100)).toBe(true);
  });

  it('returns everything when there are fewer items than the sample size', () => {
    expect(sampleForReview(items.slice(0, 7), key, seed, 20)).toHaveLength(7);
    expect(sampleForReview([], key, seed, 20)).toEqual([]);
  });

  it('a ticket arriving later displaces at most one item', () => {
    const before = new Set(sampleForReview(items, key, seed, 20).map((t) => t.id));
    const after = sampleForReview([...items, { id: '9999' }], key, seed, 20).map((t) => t.id);
    expect(after.filter((id) => before.has(id)).length).toBeGreaterThanOrEqual(19);
  });

  it('keeps items already reviewed, in front', () => {
    const outside = items.find((t) => !sampleForReview(items, key, seed, 20).includes(t))!;
    const kept = sampleForReview(items, key, seed, 20, new Set([key(outside)]));
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe(outside);
  });
});
