import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '@/lib/errors/app-error';
import { logError } from '@/lib/runtime/describe-error';
import { statusOf } from './error-status';

// One error shape for every API route: { error: { code, message } }. Messages say what to do.

function jsonError(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

function zodMessage(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

/** AppError and ZodError become 4xx answers; anything else is a logged 500. */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) return jsonError(statusOf(err.code), err.code, err.message, err.headers);
  if (err instanceof ZodError) return jsonError(400, 'invalid_input', zodMessage(err));
  logError('[api] unhandled error:', err);
  return jsonError(
    500,
    'internal_error',
    'Something went wrong on our side; the error was logged. Try again, and tell your admin if it persists.',
  );
}
