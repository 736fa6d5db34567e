import { relativeTime } from './relative-time';

// One way to write money, dates and ages in every page (issue 20.9): Intl with the store's locale
// and the order's currency. Dates are shown in UTC, the zone Concord stores and reasons in, so the
// server-rendered page and the browser write the same thing.

const DEFAULT_LOCALE = 'en-US';

/** "$1,299.00", "1.299,00 €" (de-DE): amounts stay decimal strings until they are written. */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency ?? ''}`.trim();
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD' }).format(n);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(n)} ${currency ?? ''}`.trim();
  }
}

/** "Nov 24, 2026" (en-US), "24 Nov 2026" (en-GB). */
export function formatDate(at: Date | string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** "Nov 24, 2026, 3:05 PM UTC". */
export function formatDateTime(at: Date | string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return '—';
  return `${new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(d)} UTC`;
}

/** The one relative-age formatter ("3 min ago", "6 days ago"), from ISO strings as pages receive them. */
export function formatAge(at: Date | string | null | undefined, now: Date | string | number): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  return relativeTime(d, new Date(now));
}
