'use client';

import type { WidgetPageData } from '@/lib/ticket-context/load-widget-page';

// The widget page talks to the same endpoints Gorgias's buttons use, authenticated by its signed link.

// What JSON.stringify makes of the server's data: Dates arrive as ISO strings.
type Jsonify<T> = T extends Date ? string : T extends (infer U)[] ? Jsonify<U>[] : T extends object ? { [K in keyof T]: Jsonify<T[K]> } : T;
export type WidgetJson = Jsonify<WidgetPageData>;

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function widgetFetch<T>(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { 'x-widget-token': token, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, json?.error?.message ?? `Request failed (HTTP ${res.status}).`);
  return json as T;
}

/** Ages and dates are written by lib/domain/format.ts, the one formatter every page uses. */
export { formatAge as ago, formatDate as shortDate } from '@/lib/domain/format';
