import { DEMO_BRAND } from './catalog';

// Small pure helpers shared by the payload builders: time formats as each vendor writes them,
// money as decimal strings, and a string hash that stands in for randomness (stable per key, so
// adding a story never changes another story's tracking numbers).

/** `h` hours before `base`, on a whole minute. */
export function hoursAgo(baseMs: number, h: number): number {
  return baseMs - Math.round(h * 60) * 60_000;
}

export function minutesAfter(ms: number, minutes: number): number {
  return ms + minutes * 60_000;
}

/** Shopify webhook style: the shop's local time with its offset, "2026-11-23T12:00:00-07:00". */
export function shopTime(ms: number): string {
  const local = new Date(ms + DEMO_BRAND.offsetMinutes * 60_000);
  return `${local.toISOString().slice(0, 19)}${DEMO_BRAND.timezoneOffset}`;
}

/** UTC ISO with milliseconds, as in X-Shopify-Triggered-At. */
export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Gorgias style (the docs' `{{context}}` sample): "2026-11-20T10:00:00Z". */
export function gorgiasTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function local(ms: number): Date {
  return new Date(ms + DEMO_BRAND.offsetMinutes * 60_000);
}

export function weekdayName(ms: number): string {
  return WEEKDAYS[local(ms).getUTCDay()];
}

/** The line a mail client writes above a quoted reply: "Tue, Nov 24, 2026 at 9:14 AM". */
export function quoteHeaderDate(ms: number): string {
  const d = local(ms);
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()].slice(0, 3)}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${hour12}:${minutes} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Integer cents to a decimal string without ever going through a float division. */
export function money(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`money() needs integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function moneySet(cents: number, currency: string) {
  const amount = money(cents);
  return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
}

/** FNV-1a, 32 bits. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` decimal digits derived from `key`. */
export function digits(key: string, n: number): string {
  let out = '';
  let i = 0;
  while (out.length < n)
    out += String(hash32(`${key}:${i++}`))
      .padStart(10, '0')
      .slice(1);
  return out.slice(0, n);
}
