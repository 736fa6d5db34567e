// Query-string driven pages: links that change one filter and keep the others.

export type Params = Record<string, string | undefined>;

/** Flattens Next's searchParams (string | string[]) to first values, dropping empties. */
export function firstValues(sp: Record<string, string | string[] | undefined>): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== '') out[k] = first;
  }
  return out;
}

export function hrefWith(path: string, current: Params, changes: Params = {}): string {
  const merged: Params = { ...current, ...changes };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
