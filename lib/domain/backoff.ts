// Exponential backoff with a cap. When the server said how long to wait (Retry-After), that wins.
export function retryDelayMs(attempt: number, retryAfterMs: number | null, opts = { baseMs: 2_000, capMs: 15 * 60_000 }): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, opts.capMs * 4);
  return Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
}
