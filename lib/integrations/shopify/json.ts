import { isSafeNumber, parse } from 'lossless-json';

// Shopify ids are 64-bit: test payloads carry 18-digit ids (820982911946154508) that JSON.parse
// would round. Integers beyond 2^53 become strings; every other number stays a JS number.
// NUL characters ("\u0000" escapes) can't be stored in Postgres text: they are dropped.
const stripNul = (_key: string, value: unknown) =>
  typeof value === 'string' && value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;

export function parseShopifyJson(raw: string): unknown {
  return parse(raw, stripNul, (value: string) => (isSafeNumber(value) ? Number(value) : /^-?\d+$/.test(value) ? value : Number(value)));
}
