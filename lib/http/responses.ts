import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { logError } from '@/lib/runtime/describe-error';

// One error shape for every API route: { error: { code, message } }. Messages say what to do.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

export function zodMessage(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

/** Wraps a route handler: HttpError and ZodError become 4xx answers; anything else is a logged 500. */
export function handle<Args extends unknown[]>(fn: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof HttpError) return jsonError(err.status, err.code, err.message, err.headers);
      if (err instanceof ZodError) return jsonError(400, 'invalid_input', zodMessage(err));
      logError('[api] unhandled error:', err);
      return jsonError(500, 'internal_error', 'Something went wrong on our side; the error was logged. Try again, and tell your admin if it persists.');
    }
  };
}
