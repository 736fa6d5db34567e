import { relativeTime } from './relative-time';

// One way to write money, dates and ages in every page (issue 20.9): Intl with the store's locale
// and the order's currency. Dates are shown in UTC, the zone Concord stores and reasons in, so the
// server-rendered page and the browser write the same thing.

export const DEFAULT_LOCALE = 'en-US';

// Building an Intl formatter costs ~15–40 µs, using one ~0.3 µs; the sidebar writes a dozen amounts
// and dates per request, so formatters are kept per locale and options (a handful per store).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A BCP 47 tag Intl can write numbers and dates in ("de-DE", "en-GB"); "english" or "" is not. */
export function isSupportedLocale(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical !== undefined && Intl.NumberFormat.supportedLocalesOf([canonical]).length === 1;
  } catch {
    return false;
  }
}

/** " en-gb " → "en-GB" (callers check isSupportedLocale first). */
export const canonicalLocale = (tag: string): string => Intl.getCanonicalLocales(tag.trim())[0];

/** "$1,299.00", "1.299,00 €" (de-DE): amounts stay decimal strings until they are written. */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency ?? ''}`.trim();
  try {
    const style = { style: 'currency', currency: currency || 'USD' } as const;
    // Never round what the store wrote: "0.01" JPY stays ¥0.01 (a reply must state the order's own amount).
    const written = (amount.split('.')[1] ?? '').replace(/0+$/, '').length;
    const usual = numberFormat(locale, style).resolvedOptions().maximumFractionDigits ?? 2;
    return numberFormat(locale, { ...style, maximumFractionDigits: Math.max(usual, Math.min(written, 20)) }).format(n);
  } catch {
    return `${numberFormat(locale, { minimumFractionDigits: 2 }).format(n)} ${currency ?? ''}`.trim();
  }
}

/** "Nov 24" (en-US), "24 Nov" (en-GB): a day in a chart or a range whose year is written once. */
export function formatDay(at: Date, locale = DEFAULT_LOCALE): string {
  return dateFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(at);
}

/** "Nov 24, 2026" (en-US), "24 Nov 2026" (en-GB). */
export function formatDate(at: Date | string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** "Nov 24, 2026, 3:05 PM UTC". */
export function formatDateTime(at: Date | string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return '—';
  return `${dateFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(d)} UTC`;
}

/** The one relative-age formatter ("3 min ago", "6 days ago"), from ISO strings as pages receive them. */
export function formatAge(at: Date | string | null | undefined, now: Date | string | number): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  return relativeTime(d, new Date(now));
}
