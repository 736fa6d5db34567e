// Errors go to the log without customer text. A failed Drizzle query's message carries the SQL and
// every parameter (whole ticket bodies, emails, addresses), so only the driver's own reason is kept.

/** A one-line description of an error that is safe to log and to store in last_error columns. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? redact(err) : 'unknown error';
  const cause = (err as { cause?: unknown }).cause;
  if (err.message.startsWith('Failed query:')) {
    const reason =
      cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${firstLine(cause.message)}` : 'no reason given';
    return `database query failed (${redact(reason)})`;
  }
  return redact(`${err.name === 'Error' ? '' : `${err.name}: `}${firstLine(err.message)}`);
}

const firstLine = (s: string) => s.split('\n', 1)[0]!.slice(0, 300);

// Emails and long digit runs (phones, card-like numbers) are masked even in driver messages.
function redact(s: string): string {
  return s.replace(/[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi, '<email>').replace(/\+?\d[\d\s-]{8,}\d/g, '<number>');
}

export function logError(context: string, err: unknown): void {
  console.error(`${context} ${describeError(err)}`);
}
