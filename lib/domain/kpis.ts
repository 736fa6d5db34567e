import { formatDay } from './format';
import { isoWeekOf, isoWeekRange } from './qa-sample';

// KPI arithmetic: UTC day or ISO-week buckets, medians, rates. Tickets count in the bucket they
// were created in (Gorgias's creation time), so a bucket's numbers describe the tickets that
// arrived then, even if they were answered or closed later.

export type KpiView = 'daily' | 'weekly';
/** How far back each view looks: 30 days, or 12 ISO weeks, both including the current one. */
export const KPI_BUCKET_COUNT: Record<KpiView, number> = { daily: 30, weekly: 12 };

const DAY_MS = 86_400_000;

export interface Bucket {
  key: string; // 2026-11-24 or 2026-W48
  label: string; // 24 Nov or W48
  start: Date;
  end: Date; // exclusive
}

export function bucketKey(at: Date, view: KpiView): string {
  return view === 'daily' ? at.toISOString().slice(0, 10) : isoWeekOf(at);
}

function bucketFromKey(key: string, view: KpiView): Bucket {
  if (view === 'weekly') {
    const { start, end } = isoWeekRange(key);
    return { key, label: key.slice(5), start, end };
  }
  const start = new Date(`${key}T00:00:00.000Z`);
  return {
    key,
    label: formatDay(start),
    start,
    end: new Date(start.getTime() + DAY_MS),
  };
}

/** The last `count` buckets, oldest first, the last one containing `now`. */
export function recentBuckets(now: Date, view: KpiView, count = KPI_BUCKET_COUNT[view]): Bucket[] {
  const step = view === 'daily' ? DAY_MS : 7 * DAY_MS;
  const current = bucketFromKey(bucketKey(now, view), view);
  const out: Bucket[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(bucketFromKey(bucketKey(new Date(current.start.getTime() - i * step), view), view));
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export interface KpiTicket {
  id: string; // Gorgias ticket id
  intent: string | null;
  createdAt: Date; // gorgiasCreatedAt, falling back to when Concord first saw it
  firstResponseAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  decision: 'automate' | 'human_review' | null; // the policy verdict
}

export interface TicketBucketStats {
  volume: number;
  byIntent: Record<string, number>;
  firstResponseMedianMs: number | null;
  firstResponseCount: number;
  resolutionMedianMs: number | null;
  resolutionCount: number;
  reopened: number;
  closedOrReopened: number;
  reopenRate: number | null;
  classified: number;
  automated: number;
  automationRate: number | null;
}

/** Durations from creation; negative ones (clock skew between systems) are left out, not zeroed. */
function durations(tickets: readonly KpiTicket[], end: (t: KpiTicket) => Date | null): number[] {
  return tickets
    .map((t) => {
      const e = end(t);
      return e ? e.getTime() - t.createdAt.getTime() : -1;
    })
    .filter((ms) => ms >= 0);
}

/**
 * Reopen rate: tickets reopened at least once over tickets that were ever closed (a ticket
 * reopened and still open was closed once). Automation rate: verdict "automate" over tickets
 * with a verdict. Resolution time is measured on tickets closed now, to their latest close.
 */
export function ticketStats(tickets: readonly KpiTicket[]): TicketBucketStats {
  const byIntent: Record<string, number> = {};
  for (const t of tickets) byIntent[t.intent ?? 'unclassified'] = (byIntent[t.intent ?? 'unclassified'] ?? 0) + 1;
  const first = durations(tickets, (t) => t.firstResponseAt);
  const resolution = durations(tickets, (t) => t.closedAt);
  const reopened = tickets.filter((t) => t.reopenCount > 0).length;
  const closedOrReopened = tickets.filter((t) => t.closedAt !== null || t.reopenCount > 0).length;
  const classified = tickets.filter((t) => t.decision !== null).length;
  const automated = tickets.filter((t) => t.decision === 'automate').length;
  return {
    volume: tickets.length,
    byIntent,
    firstResponseMedianMs: median(first),
    firstResponseCount: first.length,
    resolutionMedianMs: median(resolution),
    resolutionCount: resolution.length,
    reopened,
    closedOrReopened,
    reopenRate: rate(reopened, closedOrReopened),
    classified,
    automated,
    automationRate: rate(automated, classified),
  };
}

/** Groups anything dated into the buckets; items outside every bucket are dropped. */
function groupByBucket<T>(items: readonly T[], at: (item: T) => Date, buckets: readonly Bucket[], view: KpiView): Map<string, T[]> {
  const groups = new Map<string, T[]>(buckets.map((b) => [b.key, []]));
  for (const item of items) groups.get(bucketKey(at(item), view))?.push(item);
  return groups;
}

export interface KpiSeries {
  buckets: Bucket[];
  perBucket: TicketBucketStats[];
  total: TicketBucketStats;
  intents: string[]; // every intent seen, most frequent first
}

export function ticketSeries(tickets: readonly KpiTicket[], buckets: readonly Bucket[], view: KpiView): KpiSeries {
  const groups = groupByBucket(tickets, (t) => t.createdAt, buckets, view);
  const inRange = [...groups.values()].flat();
  const total = ticketStats(inRange);
  const intents = Object.entries(total.byIntent)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
  return { buckets: [...buckets], perBucket: buckets.map((b) => ticketStats(groups.get(b.key) ?? [])), total, intents };
}

export interface KpiShipment {
  createdAt: Date;
  healthState: string | null;
}

/** Shipments in each bucket (by when they were created) that are delayed or in exception now. */
export function shipmentSeries(
  shipments: readonly KpiShipment[],
  buckets: readonly Bucket[],
  view: KpiView,
): { delayed: number[]; exception: number[] } {
  const groups = groupByBucket(shipments, (s) => s.createdAt, buckets, view);
  const count = (state: string) => buckets.map((b) => (groups.get(b.key) ?? []).filter((s) => s.healthState === state).length);
  return { delayed: count('delayed'), exception: count('exception') };
}

/** "3 h 12 min", "2 d 4 h", "45 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function formatRate(r: number | null): string {
  return r === null ? '—' : `${Math.round(r * 1000) / 10}%`;
}
