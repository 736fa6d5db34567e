import type { DraftContext } from '../draft-context';
import { defaultSettings } from '../settings';

// The brand's voice in the built-in drafts: greeting, opener, dates, money and sign-off change
// with the tone style; the facts never do.

export type Style = DraftContext['brand']['style'];

const DEFAULT_BRAND = defaultSettings().tone.brandName;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const capFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A UTC calendar day, as the grounding check reads it: "Thursday, November 26", "Nov 26", "26 November 2026". */
export function formatDay(iso: string, style: Style, nowIso: string): string {
  const d = new Date(iso);
  const month = MONTHS[d.getUTCMonth()];
  const day = d.getUTCDate();
  const year = d.getUTCFullYear();
  const otherYear = year !== new Date(nowIso).getUTCFullYear();
  if (style === 'formal') return `${day} ${month} ${year}`;
  if (style === 'concise') return `${month.slice(0, 3)} ${day}${otherYear ? `, ${year}` : ''}`;
  return `${WEEKDAYS[d.getUTCDay()]}, ${month} ${day}${otherYear ? `, ${year}` : ''}`;
}

const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', CAD: 'CA$', AUD: 'A$', NZD: 'NZ$' };

/** "$129.00", "€40.00", "1200 JPY": always with its currency, so the amount is unambiguous. */
export function formatMoney(amount: string, currency: string | null): string {
  if (!currency) return amount;
  const symbol = SYMBOL[currency.toUpperCase()];
  return symbol ? `${symbol}${amount}` : `${amount} ${currency.toUpperCase()}`;
}

/** "in transit", "attempted delivery": carrier statuses as words. */
export const statusWords = (status: string) => status.replace(/_/g, ' ').toLowerCase();

export function greeting(ctx: DraftContext): string {
  const name = ctx.customer.firstName;
  if (ctx.brand.style === 'formal') return name ? `Dear ${name},` : 'Hello,';
  if (ctx.brand.style === 'concise') return name ? `Hi ${name},` : 'Hi,';
  return name ? `Hi ${name},` : 'Hi there,';
}

const namedBrand = (ctx: DraftContext) => (ctx.brand.name.trim() && ctx.brand.name !== DEFAULT_BRAND ? ctx.brand.name.trim() : null);

export function opener(ctx: DraftContext): string | null {
  const brand = namedBrand(ctx);
  switch (ctx.brand.style) {
    case 'formal':
      return brand ? `Thank you for contacting ${brand}.` : 'Thank you for contacting us.';
    case 'concise':
      return null;
    default:
      return ctx.intent === 'wismo' ? 'Thanks so much for checking in on your order!' : 'Thanks so much for getting in touch.';
  }
}

export function closer(ctx: DraftContext): string | null {
  switch (ctx.brand.style) {
    case 'formal':
      return 'Please let us know if there is anything else we can help with.';
    case 'concise':
      return null;
    default:
      return "Let me know if there's anything else I can help with.";
  }
}

export function signOff(ctx: DraftContext): string {
  const signature = ctx.brand.signature.trim();
  if (ctx.brand.style === 'formal') {
    const brand = namedBrand(ctx);
    const brandLine = brand && !signature.toLowerCase().includes(brand.toLowerCase()) ? `\n${brand}` : '';
    return `Kind regards,\n${signature}${brandLine}`;
  }
  return `${ctx.brand.style === 'concise' ? 'Thanks,' : 'Warm wishes,'}\n${signature}`;
}

/** "You'll hear back from us here as soon as they have." — never a number of hours or days. */
export function hearBack(ctx: DraftContext): string {
  switch (ctx.brand.style) {
    case 'formal':
      return 'We will reply to you here as soon as they have done so.';
    case 'concise':
      return "We'll reply here once they have.";
    default:
      return "You'll hear back from us here as soon as they have.";
  }
}
