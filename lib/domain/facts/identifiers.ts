import type { Scanner } from './scanner';

// Links, order numbers and tracking numbers: the identifiers a customer will copy and use, so a
// wrong one costs them the most.

export interface Mention {
  start: number;
  end: number;
  text: string;
  value: string; // normalised for comparison
}

const URL = /\bhttps?:\/\/[^\s<>"'()[\]{}]+|\bwww\.[^\s<>"'()[\]{}]+/gi;
const ORDER_HASH = /#\s?(\d{3,}(?:[.-][A-Za-z0-9]+)*)/g;
const ORDER_WORD = /\border(?:\s+(?:number|no\.?|num\.?))?[:\s]+(\d{3,})\b/gi;
const TOKEN = /(?<![A-Za-z0-9])[A-Za-z0-9]{8,40}(?![A-Za-z0-9])/g;
const CODE_BEFORE = /\b(?:code|coupon|promo|voucher)\W{0,3}$/i;

/** Lower-cased scheme and host, no trailing slash; path and query kept as written. */
function normaliseUrl(raw: string): string {
  const withScheme = /^www\./i.test(raw) ? `https://${raw}` : raw;
  const m = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(withScheme);
  if (!m) return withScheme;
  return `${m[1].toLowerCase()}://${m[2].toLowerCase()}${m[3]}`.replace(/\/$/, '');
}

/**
 * A link is backed when it equals a known link, or one is the other cut at a path boundary
 * ("https://www.ups.com" for the full tracking link). A boundary is required so that
 * "https://acme.com.evil.io" is not a prefix-match for "https://acme.com".
 */
export function urlMatches(candidate: string, known: string): boolean {
  const a = normaliseUrl(candidate);
  const b = normaliseUrl(known);
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && /^[/?#&]/.test(long.slice(short.length));
}

export function findUrls(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(URL, (m) => {
    const text = m[0].replace(/[.,;:!?]+$/, '');
    out.push({ start: m.index, end: m.index + text.length, text, value: normaliseUrl(text) });
    return { start: m.index, end: m.index + text.length };
  });
  return out;
}

/** "#1001" and "#1001.1" keep their suffix; "1001" and "#1001" compare equal. */
export function normaliseOrderRef(raw: string): string {
  return raw.replace(/^#/, '').replace(/\s+/g, '').toUpperCase();
}

export function findOrderNumbers(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(ORDER_HASH, (m) => {
    const end = m.index + m[0].length;
    out.push({ start: m.index, end, text: m[0], value: normaliseOrderRef(m[1]) });
    return { start: m.index, end };
  });
  scanner.each(ORDER_WORD, (m) => {
    const start = m.index + m[0].length - m[1].length;
    out.push({ start, end: start + m[1].length, text: m[1], value: normaliseOrderRef(m[1]) });
    return { start, end: start + m[1].length };
  });
  return out;
}

export function normaliseTracking(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Long tokens with several digits read as tracking numbers: mixed letters and digits from 8
 * characters ("1Z999AA10123456784", "LX123456789CN"), digits alone from 10 (USPS, FedEx). A token
 * right after "code" is a discount code, judged as a promise instead.
 */
export function findTrackingNumbers(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(TOKEN, (m) => {
    const token = m[0];
    const digits = token.replace(/\D/g, '').length;
    const lettersToo = digits < token.length;
    if (digits < 3 || (!lettersToo && token.length < 10)) return null;
    if (CODE_BEFORE.test(scanner.text.slice(Math.max(0, m.index - 20), m.index))) return null;
    out.push({ start: m.index, end: m.index + token.length, text: token, value: normaliseTracking(token) });
    return { start: m.index, end: m.index + token.length };
  });
  return out;
}
