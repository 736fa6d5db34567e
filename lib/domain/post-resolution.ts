// What happened after Concord resolved a customer's problem, from data Concord holds itself:
// - conversion: the customer placed another order within `windowDays` of the resolution;
// - review requests: the customer was made review-eligible (a Concord Review Eligible event) after it.
// Only resolutions at least `windowDays` old count (a younger one hasn't had its chance yet). Each
// number keeps the issues behind it, so the KPI page can show its audit trail.

const DAY = 86_400_000;

export interface ResolvedIssue {
  key: string;
  intent: string; // the ticket's intent, else the issue kind
  email: string;
  resolvedAt: Date;
}

export interface PostResolutionRow {
  intent: string;
  resolved: number;
  converted: number;
  reviewRequested: number;
  conversionRate: number | null;
  reviewRate: number | null;
  evidence: { key: string; email: string; convertedWith: string | null; reviewFor: string | null }[];
}

export function postResolutionKpis(input: {
  resolved: ResolvedIssue[];
  orders: { email: string; name: string; createdAt: Date }[];
  reviews: { email: string; orderName: string; at: Date }[];
  windowDays: number;
  now: Date;
}): { total: PostResolutionRow; byIntent: PostResolutionRow[] } {
  const window = input.windowDays * DAY;
  const matured = input.resolved.filter((r) => input.now.getTime() - r.resolvedAt.getTime() >= window);
  const evidence = matured.map((r) => {
    const inWindow = (at: Date) => at > r.resolvedAt && at.getTime() - r.resolvedAt.getTime() <= window;
    const order = input.orders
      .filter((o) => o.email === r.email && inWindow(o.createdAt))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    const review = input.reviews.filter((v) => v.email === r.email && inWindow(v.at)).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    return { r, row: { key: r.key, email: r.email, convertedWith: order?.name ?? null, reviewFor: review?.orderName ?? null } };
  });
  const summarise = (intent: string, list: typeof evidence): PostResolutionRow => {
    const converted = list.filter((e) => e.row.convertedWith).length;
    const reviewRequested = list.filter((e) => e.row.reviewFor).length;
    return {
      intent,
      resolved: list.length,
      converted,
      reviewRequested,
      conversionRate: list.length ? converted / list.length : null,
      reviewRate: list.length ? reviewRequested / list.length : null,
      evidence: list.map((e) => e.row),
    };
  };
  const intents = [...new Set(evidence.map((e) => e.r.intent))].sort();
  return {
    total: summarise('all', evidence),
    byIntent: intents.map((i) =>
      summarise(
        i,
        evidence.filter((e) => e.r.intent === i),
      ),
    ),
  };
}
