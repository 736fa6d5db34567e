// One email, several stores, one Klaviyo account: Klaviyo keeps one profile per email, so the
// properties Concord pushes must describe the customer across all those stores. Pushing one store's
// state would overwrite the other's (store B resolving its issue must not clear store A's open one).
//
// The rule: a customer is flagged while an issue is open at any store of the account. Types are the
// union; counts add up; opened-at is the earliest among the open issues; resolved-at is the latest
// resolution, and only once nothing is open anywhere; an agent's override that suppresses anywhere
// wins over a release.

export type KlaviyoProperties = Record<string, string | number | boolean | string[] | null>;

export function mergeKlaviyoProperties(perStore: KlaviyoProperties[]): KlaviyoProperties {
  if (perStore.length === 1) return perStore[0];
  const any = (key: string) => perStore.some((p) => p[key] === true);
  const active = any('concord_active_issue');
  const dates = (key: string, from: KlaviyoProperties[]) =>
    from
      .map((p) => p[key])
      .filter((v): v is string => typeof v === 'string')
      .sort();
  const openStores = perStore.filter((p) => p.concord_active_issue === true);
  const opened = dates('concord_issue_opened_at', openStores.length > 0 ? openStores : perStore);
  const resolved = dates('concord_issue_resolved_at', perStore);
  const overrides = perStore.map((p) => p.concord_suppression_override);
  return {
    concord_active_issue: active,
    concord_open_issue_types: [
      ...new Set(perStore.flatMap((p) => (Array.isArray(p.concord_open_issue_types) ? p.concord_open_issue_types : []))),
    ].sort(),
    concord_open_issue_count: perStore.reduce(
      (n, p) => n + (typeof p.concord_open_issue_count === 'number' ? p.concord_open_issue_count : 0),
      0,
    ),
    concord_issue_opened_at: opened[0] ?? null,
    concord_issue_resolved_at: active ? null : (resolved[resolved.length - 1] ?? null),
    concord_vip_active_issue: any('concord_vip_active_issue'),
    concord_has_open_return: any('concord_has_open_return'),
    concord_has_open_refund: any('concord_has_open_refund'),
    concord_suppression_override: overrides.includes('suppress') ? 'suppress' : (overrides.find((o) => typeof o === 'string') ?? null),
  };
}
