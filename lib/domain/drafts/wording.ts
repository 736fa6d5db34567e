import type { DraftContext } from '../draft-context';
import { defaultSettings } from '../settings';
import { formatMoney as formatAmount } from '../format';

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

/** "$1,299.00", "€40.00", "¥1,200": Intl's en-US writing, which the grounding check reads back; always with its currency. */
export function formatMoney(amount: string, currency: string | null): string {
  if (!currency) return amount;
  return formatAmount(amount, currency.toUpperCase());
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

const CONTRACTIONS: Record<string, string> = {
  "hasn't": 'has not',
  "haven't": 'have not',
  "isn't": 'is not',
  "aren't": 'are not',
  "doesn't": 'does not',
  "don't": 'do not',
  "can't": 'cannot',
  "won't": 'will not',
  "couldn't": 'could not',
  "it's": 'it is',
  "that's": 'that is',
  "there's": 'there is',
  "we're": 'we are',
  "you're": 'you are',
  "i'm": 'I am',
  "i've": 'I have',
  "we've": 'we have',
  "you've": 'you have',
  "we'll": 'we will',
  "you'll": 'you will',
  "i'll": 'I will',
  "it'll": 'it will',
  "let's": 'let us',
};
const CONTRACTION = new RegExp(`\\b(?:${Object.keys(CONTRACTIONS).join('|')})(?![\\w'])`, 'gi');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The formal style writes "has not", not "hasn't". Names from the store's data (an item called
 * "It's a Gift") are kept exactly as they are, so a fact is never reworded.
 */
export function expandContractions(text: string, keep: string[]): string {
  const names = keep.filter((k) => k.trim() !== '').sort((a, b) => b.length - a.length);
  const parts = names.length ? text.split(new RegExp(`(${names.map(escapeRe).join('|')})`)) : [text];
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(CONTRACTION, (word) => {
            const full = CONTRACTIONS[word.toLowerCase()];
            return word[0] === word[0].toUpperCase() ? capFirst(full) : full;
          }),
    )
    .join('');
}
