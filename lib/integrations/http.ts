// The one way Concord calls an outside HTTP API. Every vendor client goes through requestJson so
// that errors arrive in one shape the outbox understands: retryable or not, and how long to wait.

export type ExternalSystem = 'shopify' | 'gorgias' | 'klaviyo' | 'openai';

export class ExternalApiError extends Error {
  constructor(
    readonly system: ExternalSystem,
    readonly status: number, // 0 = no HTTP answer (network error, timeout, dropped connection)
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    readonly responseBody: string | null = null,
  ) {
    super(message);
    this.name = 'ExternalApiError';
  }
}

/** Retry-After is either delay-seconds or an HTTP date. Returns milliseconds, or null if absent/bad. */
function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

// Fault drills shorten it; vendors answer well inside it normally.
const DEFAULT_TIMEOUT_MS = Number(process.env.CONCORD_HTTP_TIMEOUT_MS) || 15_000;

export interface RequestJsonOptions {
  system: ExternalSystem;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: unknown; // JSON-serialised when present
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  json: T;
}

export async function requestJson<T = unknown>(opts: RequestJsonOptions): Promise<JsonResponse<T>> {
  const { system, url, method = 'GET', headers = {}, body, timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = fetch } = opts;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method,
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new ExternalApiError(
      system,
      0,
      timedOut
        ? `${system}: no answer within ${timeoutMs} ms (${method} ${safeUrl(url)})`
        : `${system}: connection failed (${method} ${safeUrl(url)}): ${(err as Error).message}`,
      true,
    );
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    const retryable = res.status === 429 || res.status >= 500;
    throw new ExternalApiError(
      system,
      res.status,
      `${system}: HTTP ${res.status} on ${method} ${safeUrl(url)}${text ? `: ${text.slice(0, 300)}` : ''}`,
      retryable,
      parseRetryAfter(res.headers.get('retry-after'), new Date()),
      text.slice(0, 2000),
    );
  }
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ExternalApiError(
        system,
        res.status,
        `${system}: answer was not JSON (${method} ${safeUrl(url)})`,
        true,
        null,
        text.slice(0, 2000),
      );
    }
  }
  return { status: res.status, headers: res.headers, json: json as T };
}

// Never put query strings (they can hold tokens) into error messages or logs.
function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
