import type { Mention } from './identifiers';
import type { Scanner } from './scanner';

// Contact details and payment requests: a made-up phone number or address sends the customer to a
// stranger, and a request for card details is the classic phishing line. Contact details must come
// from the context; a request for card details is never backed by anything.

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;
// 13–19 digits in groups, as card numbers are printed; checked with Luhn below.
const CARD_NUMBER = /(?<![\d-])\d{4}(?:[ -]?\d{2,4}){2,4}(?![\d-])/g;
// A phone number: an optional +country, then digit groups split by spaces, dots, dashes or parens.
const PHONE = /(?<![\w+.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w-]|\.\d)/g;
const PHONE_CUE = /\b(?:call|phone|tel|telephone|ring|text|sms|whatsapp|mobile|number)\b[^.\n]{0,20}$/i;
// Bare domains on the common TLDs (a closed list, so "e.g." and "v2.5" are not domains).
const TLDS = 'com|net|org|io|co|shop|store|us|uk|de|fr|nl|ca|au|eu|info|biz|me|app|example|online|site|xyz|ly|gl|to';
const DOMAIN = new RegExp(`(?<![\\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})(?![\\w-]|\\.[a-z0-9])`, 'gi');

const CARD_WORDS = String.raw`(?:(?:credit|debit|bank|payment)\s+)?card(?:'s)?\s+(?:details|number|no\.?|info(?:rmation)?|digits|data)|(?:credit|debit)\s+card|CVV2?|CVC2?|CID|security\s+code|expiry\s+date|expiration\s+date|PIN\b|bank\s+(?:details|account)|IBAN|routing\s+number|account\s+number`;
const ASK = String.raw`\b(?:send|give|provide|share|reply\s+with|confirm|enter|tell|type|need|verify|include|let\s+us\s+know|what\s+is|what's|read\s+out)\b`;
// An ask and a card word in one sentence, in either order ("send your card details", "the CVV, please confirm it").
const PAYMENT_ASK = new RegExp(`${ASK}[^.?!\\n]{0,60}?\\b(?:${CARD_WORDS})|\\b(?:${CARD_WORDS})\\b[^.?!\\n]{0,40}?${ASK}`, 'gi');
// Some words are a request for card data on their own.
const ALWAYS_SENSITIVE = /\b(?:CVV2?|CVC2?|security\s+code\s+on\s+the\s+back)\b/gi;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const normaliseEmail = (raw: string) => raw.toLowerCase();
const phoneDigits = (raw: string) => raw.replace(/\D/g, '');
export const normaliseDomain = (raw: string) =>
  raw
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');

/** Two numbers are the same phone when their digits agree, allowing a country code in front of one. */
export function phonesMatch(a: string, b: string): boolean {
  const [x, y] = [phoneDigits(a), phoneDigits(b)];
  if (x.length < 7 || y.length < 7) return x === y;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.endsWith(short) && long.length - short.length <= 3;
}

/** A domain is backed by itself or by a parent domain it sits under ("returns.acme.com" under "acme.com"). */
export function domainMatches(candidate: string, known: string): boolean {
  const c = normaliseDomain(candidate);
  const k = normaliseDomain(known);
  return c === k || c.endsWith(`.${k}`);
}

export function findEmails(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(EMAIL, (m) => {
    const text = m[0].replace(/[.]+$/, '');
    out.push({ start: m.index, end: m.index + text.length, text, value: normaliseEmail(text) });
    return { start: m.index, end: m.index + text.length };
  });
  return out;
}

export function findCardNumbers(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(CARD_NUMBER, (m) => {
    const digits = phoneDigits(m[0]);
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return null;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: digits });
    return { start: m.index, end: m.index + m[0].length };
  });
  return out;
}

/**
 * Phone numbers: at least 9 digits with separators or a "+", or 7 and more right after a word like
 * "call". A run of digits without separators stays a tracking number (USPS, FedEx).
 */
export function findPhones(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(PHONE, (m) => {
    const text = m[0];
    const digits = phoneDigits(text);
    if (digits.length > 15 || !/[\s.()+-]/.test(text)) return null;
    const cued = PHONE_CUE.test(scanner.text.slice(Math.max(0, m.index - 30), m.index));
    if (digits.length < (cued ? 7 : 9)) return null;
    out.push({ start: m.index, end: m.index + text.length, text, value: digits });
    return { start: m.index, end: m.index + text.length };
  });
  return out;
}

export function findDomains(scanner: Scanner): Mention[] {
  const out: Mention[] = [];
  scanner.each(DOMAIN, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: normaliseDomain(m[0]) });
    return { start: m.index, end: m.index + m[0].length };
  });
  return out;
}

/** Sentences that ask for card or bank details; overlapping hits are merged. */
export function findPaymentRequests(text: string): Mention[] {
  const hits: { start: number; end: number }[] = [];
  for (const re of [PAYMENT_ASK, ALWAYS_SENSITIVE])
    for (const m of text.matchAll(re)) hits.push({ start: m.index, end: m.index + m[0].length });
  hits.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return merged.map((r) => ({ ...r, text: text.slice(r.start, r.end), value: text.slice(r.start, r.end).toLowerCase() }));
}
