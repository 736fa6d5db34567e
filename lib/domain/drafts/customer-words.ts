import type { DraftContext } from '../draft-context';
import { parseAddressFromMessage } from '../address-from-message';
import { EXCHANGE_WORDS } from '../policy/decide';

// What the customer already wrote, read for the reply so it doesn't ask again (issue 20.5): the new
// address, the size they want instead, the one item that arrived damaged. Only their own words are
// used, and only to choose wording; they never widen what the verdict allows.

/** "2207 SE Clinton St, Apt 4, Portland, OR 97202" when the message holds a complete new address. */
export function addressInMessage(ctx: DraftContext): string | null {
  const parsed = parseAddressFromMessage(ctx.ticket.customerMessage, ctx.order?.shippingCountry ?? null);
  if (!parsed.found || !parsed.complete) return null;
  const a = parsed.address;
  const region = [a.provinceCode ?? a.province, a.zip].filter(Boolean).join(' ');
  return [a.address1, a.address2, a.city, region].filter(Boolean).join(', ');
}

/** The customer asks for an exchange (the same words the policy reads). */
export function asksForExchange(ctx: DraftContext): boolean {
  return EXCHANGE_WORDS.test(ctx.ticket.customerMessage);
}

/** The customer asks to send it back, and not for an exchange. */
export function asksForReturn(ctx: DraftContext): boolean {
  return !asksForExchange(ctx) && /\b(return|send (it|them) back|take (it|them) back)\b/i.test(ctx.ticket.customerMessage);
}

const SIZE =
  /\b(?:exchange|swap|switch|trade|replace)\b[^.?!\n]{0,40}?\b(?:for|to|into|with)\s+(?:a|an|the)?\s*(?:size\s+|us\s+|eu\s+|uk\s+)?(\d{1,2}(?:[.,]5)?|xxs|xs|s|m|l|xl|xxl|small|medium|large|extra[- ]large)\b/i;

/** "10.5", "small": the size the customer wants instead, when their words name exactly one. */
export function sizeAskedFor(ctx: DraftContext): string | null {
  const m = SIZE.exec(ctx.ticket.customerMessage);
  return m ? m[1].replace(',', '.') : null;
}

const STOP = new Set(['with', 'from', 'pack', 'pair', 'size', 'color', 'colour', 'the', 'and', 'for', 'set']);
const words = (s: string) =>
  s
    .toLowerCase()
    .match(/[a-z]{4,}/g)
    ?.filter((w) => !STOP.has(w))
    .map((w) => w.replace(/(es|s)$/, '')) ?? [];

/**
 * The order's item the message is about: the one whose name shares the most words with it, when
 * exactly one does. "one of the carbon trekking poles is cracked" names "Carbon Trekking Poles".
 */
export function itemNamed(ctx: DraftContext): { title: string; oneOf: boolean } | null {
  const items = ctx.order?.items ?? [];
  const said = new Set(words(ctx.ticket.customerMessage));
  const scored = items
    .map((i) => ({ i, n: words(i.title).filter((w) => said.has(w)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  if (scored.length === 0 || (scored.length > 1 && scored[0].n === scored[1].n)) return null;
  const item = scored[0].i;
  // "one of the poles", "one of the two mugs": a part of a pair or a set, not all of it.
  const oneOf = /\bone of (?:the|my|them|those|these|both)\b/i.test(ctx.ticket.customerMessage) || item.quantity > 1;
  return { title: item.title, oneOf };
}
