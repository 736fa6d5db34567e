import { createHash } from 'node:crypto';
import { primaryShipment, type DraftContext } from '../draft-context';
import { checkGrounding } from '../grounding';
import { detectLanguage } from '../language';
import { templateDraft } from './templates';
import { formatMoney } from './wording';

// "Teach this" examples in the drafts. A taught example is the reply an agent really sent to ONE
// customer: their name, their order, their parcel. It may only shape another customer's draft
// once those facts are taken out of it. So every example is first written with placeholders in
// place of the facts of the context it was drafted from ("Hi {first_name}, {order_number} is with
// {carrier}..."). The model sees only that placeholder form; the no-model path fills the
// placeholders with this ticket's facts and uses the result as the template text, but only when
//   - the intent and the language are the same,
//   - the built-in template would have chosen the same situation for both tickets (same
//     template id: intent, shipment state and what the verdict allows), so the taught wording
//     answers the same question,
//   - every placeholder has a value on this ticket, and
//   - the filled text passes the grounding check against this ticket's context (a date, amount or
//     second tracking number left over from the other customer fails it).
// Otherwise the built-in template is used, as before.

export interface TaughtExample {
  id: number; // teach_examples.id
  draftId: number;
  intent: string;
  sentText: string; // what the agent sent
  context: DraftContext | null; // the context the taught draft was written from (null: unreadable)
  customerName?: string | null; // that customer's full name (the context holds only the first name)
}

/** Examples a model prompt carries at most (newest first): enough to set a tone, short enough to stay cheap. */
const MAX_PROMPT_EXAMPLES = 3;

const PLACEHOLDERS = [
  'customer_name',
  'first_name',
  'order_number',
  'tracking_url',
  'tracking_number',
  'carrier',
  'order_total',
  'item',
  'city',
  'brand',
  'signature',
] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/** The facts of a context that a reply names, by placeholder. */
function factsOf(ctx: DraftContext): Partial<Record<Placeholder, string>> {
  const s = primaryShipment(ctx);
  const facts: Partial<Record<Placeholder, string>> = {
    first_name: ctx.customer.firstName ?? undefined,
    order_number: ctx.order?.name,
    tracking_url: s?.trackingUrl ?? undefined,
    tracking_number: s?.trackingNumber ?? undefined,
    carrier: s?.carrier ?? undefined,
    order_total: ctx.order ? formatMoney(ctx.order.totalPrice, ctx.order.currency) : undefined,
    item: ctx.order?.items[0]?.title,
    city: ctx.order?.shippingCity ?? undefined,
    brand: ctx.brand.name,
    signature: ctx.brand.signature,
  };
  for (const k of PLACEHOLDERS) if (!facts[k] || !facts[k]!.trim()) delete facts[k];
  delete facts.customer_name; // never filled: see placeholderText
  return facts;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The example with each fact of its own context replaced by a {placeholder}. Longest values first,
 * in one pass, so a tracking number inside the tracking link is replaced as part of the link, and
 * a replaced value is never matched again. Values match as whole words ("Pat" not in "Patio").
 */
export function placeholderText(sentText: string, ctx: DraftContext, customerName?: string | null): string {
  const facts = factsOf(ctx);
  const byValue = new Map<string, Placeholder>();
  // The full name and its other parts ("Doe") stand for a fact no other ticket can fill, so a
  // template using them is never chosen; the model sees only {customer_name}.
  if (/\s/.test(customerName?.trim() ?? '')) byValue.set(customerName!.trim(), 'customer_name');
  for (const k of PLACEHOLDERS) if (facts[k] && !byValue.has(facts[k]!)) byValue.set(facts[k]!, k);
  for (const part of customerName?.split(/\s+/) ?? []) if (part.length > 1 && !byValue.has(part)) byValue.set(part, 'customer_name');
  const values = [...byValue.keys()].sort((a, b) => b.length - a.length);
  if (values.length === 0) return sentText;
  const pattern = new RegExp(values.map((v) => `(?<![\\p{L}\\p{N}])${escape(v)}(?![\\p{L}\\p{N}])`).join('|'), 'gu');
  return sentText.replace(pattern, (m) => `{${byValue.get(m)}}`);
}

/** Fills {placeholders} with this ticket's facts; null when the ticket lacks one of them. */
export function fillPlaceholders(text: string, ctx: DraftContext): string | null {
  const facts = factsOf(ctx);
  let missing = false;
  const filled = text.replace(/\{([a-z_]+)\}/g, (m, key: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) return m;
    const v = facts[key as Placeholder];
    if (v === undefined) missing = true;
    return v ?? m;
  });
  return missing ? null : filled;
}

/** Language of a text for matching examples: an undecided guess counts as English, the drafts' language. */
function draftLanguage(text: string): string {
  const l = detectLanguage(text).language;
  return l === 'unknown' ? 'en' : l;
}

/** The examples that may shape a draft for this context: same intent, same language, readable. */
function examplesFor(ctx: DraftContext, examples: readonly TaughtExample[]): TaughtExample[] {
  const lang = draftLanguage(ctx.ticket.customerMessage);
  return examples.filter((e) => e.context !== null && e.intent === ctx.intent && draftLanguage(e.sentText) === lang);
}

/**
 * The version of what wrote a draft: the base prompt or template version, plus a hash of the
 * taught examples it used, so the lead's review compares acceptance before and after teaching.
 */
export function taughtVersion(base: string, used: readonly TaughtExample[], salt = ''): string {
  if (used.length === 0) return base;
  const h = createHash('sha256').update(`${salt}\u0000`);
  for (const e of [...used].sort((a, b) => a.id - b.id)) h.update(`${e.id}\u0000${e.sentText}\u0000`);
  return `${base}+taught.${h.digest('hex').slice(0, 8)}`;
}

/** The examples for a model prompt, as placeholder text, newest first. */
export function promptExamples(ctx: DraftContext, examples: readonly TaughtExample[]): { used: TaughtExample[]; texts: string[] } {
  const used = examplesFor(ctx, examples).slice(0, MAX_PROMPT_EXAMPLES);
  return { used, texts: used.map((e) => placeholderText(e.sentText, e.context!, e.customerName).trim()) };
}

export interface TaughtTemplate {
  text: string;
  templateId: string; // "<built-in id>+taught.<example id>"
  example: TaughtExample;
}

/** The newest taught example that fits this ticket by the rules above, filled with its facts; null if none. */
export function taughtTemplateDraft(ctx: DraftContext, examples: readonly TaughtExample[]): TaughtTemplate | null {
  const builtIn = templateDraft(ctx).templateId;
  for (const e of examplesFor(ctx, examples)) {
    if (templateDraft(e.context!).templateId !== builtIn) continue;
    const text = fillPlaceholders(placeholderText(e.sentText, e.context!, e.customerName), ctx)?.trim();
    if (!text) continue;
    if (!checkGrounding(text, ctx).ok) continue;
    return { text, templateId: `${builtIn}+taught.${e.id}`, example: e };
  }
  return null;
}
