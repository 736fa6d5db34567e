import { isSafeNumber, parse } from 'lossless-json';

// Shopify ids are 64-bit: test payloads carry 18-digit ids (820982911946154508) that JSON.parse
// would round. Integers beyond 2^53 become strings; every other number stays a JS number.
export function parseShopifyJson(raw: string): unknown {
  return parse(raw, null, (value: string) => (isSafeNumber(value) ? Number(value) : /^-?\d+$/.test(value) ? value : Number(value)));
}
