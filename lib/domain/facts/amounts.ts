import type { Scanner } from './scanner';

// Money as written in a reply: "$12.34", "US$12", "12.34 USD", "USD 12", "€12", "12,50 €",
// "£1,234.56". Compared in integer minor units; a symbol shared by several currencies ("$")
// matches any of them, a code matches only itself.

export interface AmountMention {
  start: number;
  end: number;
  text: string;
  minor: number;
  currencies: string[] | null; // null = no currency written
}

const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'];
const SYMBOLS: Record<string, string[]> = {
  US$: ['USD'],
  CA$: ['CAD'],
  C$: ['CAD'],
  AU$: ['AUD'],
  A$: ['AUD'],
  NZ$: ['NZD'],
  HK$: ['HKD'],
  S$: ['SGD'],
  $: DOLLARS,
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
};
const CODES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'NZD',
  'JPY',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'INR',
  'HKD',
  'SGD',
  'MXN',
  'PLN',
  'CNY',
  'BRL',
  'ZAR',
];

const esc = (s: string) => s.replace(/[$]/g, '\\$');
const SYM = `(?<![A-Za-z])(${Object.keys(SYMBOLS).map(esc).join('|')})`;
const CODE = `(${CODES.join('|')})`;
const NUM = '(\\d{1,3}(?:[,.]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';

const WITH_SYMBOL = new RegExp(`(?:\\b${CODE}\\s?)?${SYM}\\s?${NUM}(?![\\d])(?:\\s?${CODE}\\b)?`, 'g');
const CODE_FIRST = new RegExp(`\\b${CODE}\\s?${NUM}(?![\\d])`, 'g');
const CODE_AFTER = new RegExp(`(?<![\\d.,])${NUM}\\s?(?:${CODE}\\b|(€|£|¥|₹))`, 'g');

/** "1,234.56" -> 123456, "12,5" -> 1250, "1.234" -> 123400: the last separator with 1-2 digits after it is the decimal one. */
function parseMinorUnits(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let whole = s;
  let frac = '';
  if (lastSep >= 0 && s.length - lastSep - 1 <= 2) {
    whole = s.slice(0, lastSep);
    frac = s.slice(lastSep + 1);
  }
  const digits = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  return Number(digits) * 100 + Number((frac + '00').slice(0, 2));
}

function currencies(symbol: string | undefined, ...codes: (string | undefined)[]): string[] | null {
  const code = codes.find(Boolean);
  if (code) return [code];
  return symbol ? (SYMBOLS[symbol] ?? null) : null;
}

export function findAmounts(scanner: Scanner): AmountMention[] {
  const out: AmountMention[] = [];
  const add = (m: RegExpExecArray, numberRaw: string, cur: string[] | null) => {
    const minor = parseMinorUnits(numberRaw);
    if (minor === null) return null;
    const start = m.index;
    const end = m.index + m[0].length;
    out.push({ start, end, text: scanner.text.slice(start, end), minor, currencies: cur });
    return { start, end };
  };
  scanner.each(WITH_SYMBOL, (m) => add(m, m[3], currencies(m[2], m[1], m[4])));
  scanner.each(CODE_FIRST, (m) => add(m, m[2], currencies(undefined, m[1])));
  scanner.each(CODE_AFTER, (m) => add(m, m[1], currencies(m[3], m[2])));
  return out;
}

/** Whether two currency sets could be the same currency; an unwritten currency matches any. */
export function currenciesCompatible(a: string[] | null, b: string[] | null): boolean {
  if (!a || !b) return true;
  return a.some((c) => b.includes(c.toUpperCase()));
}
