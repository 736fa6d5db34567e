import { formatDate, formatDay } from './format';
// The weekly QA sample: random enough that nobody can predict which tickets a lead will check,
// reproducible so that reloading the page (or a second lead opening it) shows the same items.
// Weeks are ISO 8601 weeks in UTC (Monday 00:00 to the next Monday 00:00).

export const QA_SAMPLE_SIZE = 20;

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

export interface IsoWeek {
  year: number;
  week: number;
}

/** The Monday 00:00 UTC that starts ISO week 1 of the given ISO year. */
function isoYearStart(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * DAY_MS;
}

/** 52 or 53: a year has 53 ISO weeks when it starts (or, in a leap year, ends) on a Thursday. */
export function weeksInIsoYear(year: number): number {
  return Math.round((isoYearStart(year + 1) - isoYearStart(year)) / (7 * DAY_MS));
}

function formatIsoWeek(w: IsoWeek): string {
  return `${String(w.year).padStart(4, '0')}-W${String(w.week).padStart(2, '0')}`;
}

/** The ISO week a moment falls in (UTC). */
export function isoWeekOf(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const dow = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day - dow * DAY_MS + 3 * DAY_MS); // the week's Thursday decides its year
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - isoYearStart(year)) / (7 * DAY_MS)) + 1;
  return formatIsoWeek({ year, week });
}

/** "2026-W48" → { year: 2026, week: 48 }, or null for anything that is not a real ISO week. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const m = WEEK_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1970 || year > 9999 || week < 1 || week > weeksInIsoYear(year)) return null;
  return { year, week };
}

/** [start, end) of an ISO week in UTC. Throws on a malformed week: validate input first. */
export function isoWeekRange(text: string): { start: Date; end: Date } {
  const w = parseIsoWeek(text);
  if (!w) throw new Error(`not an ISO week: ${text}`);
  const start = isoYearStart(w.year) + (w.week - 1) * 7 * DAY_MS;
  return { start: new Date(start), end: new Date(start + 7 * DAY_MS) };
}

export function shiftIsoWeek(text: string, delta: number): string {
  const { start } = isoWeekRange(text);
  return isoWeekOf(new Date(start.getTime() + delta * 7 * DAY_MS));
}

/** "Nov 23 – Nov 29, 2026" for a week's heading (the pages' one date style: lib/domain/format.ts). */
export function describeIsoWeek(text: string): string {
  const { start, end } = isoWeekRange(text);
  const last = new Date(end.getTime() - DAY_MS);
  return `${formatDay(start)} – ${formatDate(last)}`;
}

/** A 32-bit string hash (FNV-1a with a final avalanche), the PRNG's seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, well-distributed seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function qaSeed(shopId: string, week: string): string {
  return `${shopId}|${week}`;
}

/**
 * Picks up to n items for review. Each item gets a draw from a PRNG seeded by (seed, item key), and
 * the n lowest draws form the sample. Unlike shuffling the whole list, an item's draw doesn't
 * depend on the other items, so a ticket arriving later in the week doesn't reshuffle the sample
 * a lead has started on. Items already reviewed (keep) always stay in, in front.
 */
export function sampleForReview<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  seed: string,
  n: number,
  keep: ReadonlySet<string> = new Set(),
): T[] {
  const scored = items.map((item) => {
    const key = keyOf(item);
    return { item, key, kept: keep.has(key), draw: mulberry32(hashSeed(`${seed}\u0000${key}`))() };
  });
  scored.sort((a, b) => Number(b.kept) - Number(a.kept) || a.draw - b.draw || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keptCount = scored.filter((s) => s.kept).length;
  return scored.slice(0, Math.max(n, keptCount)).map((s) => s.item);
}
