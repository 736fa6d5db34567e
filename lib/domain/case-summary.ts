import type { DraftContext } from './draft-context';
import { formatDate, formatMoney } from './format';
import type { Classification } from './types';

// What an agent (or the human-review queue) needs before replying: the customer's question in one
// line, the order facts that bear on it, what the policy says, and what nobody knows yet. Built
// from the same context as the draft, so the summary and the draft never disagree.

export interface CaseSummary {
  question: string;
  orderFacts: string[];
  policy: string;
  unknowns: string[];
  nextStep: string;
  text: string;
}

const QUESTION_MAX = 160;
const GREETING_ONLY =
  /^(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|greetings|to whom it may concern)\b[\w\s]{0,30}[,.!:]?$/i;
const GREETING_PREFIX = /^(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|greetings)\b[^,.!?:]{0,30}[,!:]\s*/i;
const PLEASANTRY =
  /^(?:i hope (?:you(?:'re| are)|this (?:email|message) finds you)\b.*|hope (?:you(?:'re| are)|all is)\b.*|thanks?(?: you)?(?: so much| in advance)?[.!]?|cheers[.!]?|best(?: regards)?[.!,]?|kind regards[.!,]?|regards[.!,]?)$/i;
const QUOTE_START = /^(?:on .{4,200} wrote:\s*$|>|-{2,}\s*original message|from:\s|sent from my )/im;

const human = (s: string) => s.replace(/_/g, ' ');
const day = (iso: string) => formatDate(iso); // the summary goes into Gorgias notes and tags: the default locale

/** The customer's own words only: quoted history and signatures cut off. */
function ownWords(message: string): string {
  const quote = QUOTE_START.exec(message);
  const body = quote ? message.slice(0, quote.index) : message;
  return body.split(/\n--\s*\n/)[0];
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The first question in the first few meaningful sentences, else the first meaningful sentence. */
export function customerQuestion(message: string, subject: string | null): string {
  const meaningful = sentences(ownWords(message))
    .filter((s) => !GREETING_ONLY.test(s) && !PLEASANTRY.test(s))
    .map((s) => s.replace(GREETING_PREFIX, ''))
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  const pick = meaningful.slice(0, 3).find((s) => s.endsWith('?')) ?? meaningful[0] ?? subject?.trim() ?? '';
  if (!pick) return '(no message text)';
  return pick.length > QUESTION_MAX ? `${pick.slice(0, QUESTION_MAX - 1).trimEnd()}…` : pick;
}

function orderFacts(ctx: DraftContext): string[] {
  const o = ctx.order;
  if (!o) return [];
  const facts = [
    [
      `Order ${o.name}`,
      `placed ${day(o.createdAt)}`,
      formatMoney(o.totalPrice, o.currency),
      o.financialStatus ? human(o.financialStatus) : null,
      human(o.fulfillmentStatus ?? 'unfulfilled'),
    ]
      .filter(Boolean)
      .join(' · '),
  ];
  if (o.items.length) facts.push(`Items: ${o.items.map((i) => `${i.title} ×${i.quantity}`).join(', ')}`);
  if (o.cancelledAt) facts.push(`Cancelled ${day(o.cancelledAt)}`);
  for (const s of ctx.shipments) {
    const parts = [`${s.carrier ?? 'Unknown carrier'}${s.trackingNumber ? ` ${s.trackingNumber}` : ''}: ${human(s.state)}`, s.reason];
    if (s.lastEventAt) parts.push(`last scan ${day(s.lastEventAt)}${s.lastEventStatus ? ` (${human(s.lastEventStatus)})` : ''}`);
    if (s.estimatedDeliveryAt && s.state !== 'delivered') parts.push(`estimate ${day(s.estimatedDeliveryAt)}`);
    if (s.deliveredAt) parts.push(`delivered ${day(s.deliveredAt)}`);
    facts.push(parts.join(' · '));
  }
  for (const r of ctx.refunds) facts.push(`Refunded ${formatMoney(r.amount, r.currency ?? o.currency)} on ${day(r.createdAt)}`);
  for (const r of ctx.returns) facts.push(`Return ${r.name ?? '(unnamed)'}: ${human(r.status)}`);
  return facts;
}

function policyLine(ctx: DraftContext): string {
  const v = ctx.verdict;
  const promises = v.allowedPromises.length ? v.allowedPromises.map(human).join(', ') : 'nothing';
  return `${v.decision === 'automate' ? 'Automate' : 'Human review'} (${v.rule}): ${v.explanation} Next step: ${human(v.nextStep)}. The reply may promise: ${promises}.`;
}

function unknowns(ctx: DraftContext, c: Classification): string[] {
  const out: string[] = [];
  const o = ctx.order;
  const orderDigits = o ? o.name.replace(/\D/g, '') : null;
  const quoted = c.orderNumbers.filter((n) => n !== orderDigits);
  if (!o) {
    out.push('No order matched this customer.');
    if (quoted.length) out.push(`The customer quoted ${quoted.map((n) => `#${n}`).join(', ')}, which matched no order.`);
  } else {
    if (quoted.length) out.push(`The customer quoted ${quoted.map((n) => `#${n}`).join(', ')}, but the matched order is ${o.name}.`);
    if (ctx.shipments.length === 0 && !o.cancelledAt) out.push('Not shipped yet, so there is no tracking.');
    for (const s of ctx.shipments) {
      const label = s.name ?? s.carrier ?? 'A shipment';
      if (!s.trackingNumber) out.push(`${label} has no tracking number.`);
      if (!s.lastEventAt && s.state !== 'delivered' && s.state !== 'unfulfilled') out.push(`No carrier scans yet for ${label}.`);
      if (!s.estimatedDeliveryAt && (s.state === 'in_transit' || s.state === 'delayed'))
        out.push(`No delivery estimate from the carrier for ${label}.`);
    }
  }
  if (ctx.intent === 'damaged') {
    if (ctx.ticket.attachmentCount === null) out.push('Whether the customer sent photos is not known.');
    else if (ctx.ticket.attachmentCount === 0) out.push('No photos of the damage yet.');
  }
  if (c.confidence < 0.6) out.push(`The intent is uncertain: ${human(c.intent)} at ${Math.round(c.confidence * 100)}% (${c.decidedBy}).`);
  return out;
}

/** What the person picking the case up should most likely do first, from the rule that sent it to them. */
function suggestedNextStep(ctx: DraftContext): string {
  const v = ctx.verdict;
  const rule = v.rule;
  if (v.decision === 'automate') return `Confirm the suggested action: ${human(v.nextStep)}.`;
  if (v.reasons.some((r) => /goodwill|retention/.test(r)))
    return 'Decide whether a goodwill gesture is warranted (store credit or a single-use discount code from the widget), then reply.';
  if (rule.startsWith('no_order')) return 'Ask for the order number or the email used at checkout.';
  if (rule.startsWith('damaged.with_evidence'))
    return 'Check the photos, then offer a replacement (Reship) or a refund for the damaged item only.';
  if (rule.startsWith('damaged')) return 'Ask for a photo of the damage, then decide between a replacement and a refund.';
  if (rule.startsWith('not_received.delivered') || rule === 'tracking.delivered')
    return "Check the carrier's proof of delivery and ask the neighbours question; if nothing turns up, open a carrier claim and offer a reship.";
  if (rule.startsWith('not_received') || rule.startsWith('tracking.'))
    return 'Contact the carrier about the shipment and tell the customer when to expect an update.';
  if (rule.startsWith('refund'))
    return 'Decide the refund (full, partial or per item) from the order facts above; a repeated refund needs a closer look.';
  if (rule.startsWith('cancel.after_handoff') || rule.startsWith('cancel.on_hold'))
    return 'Ask the warehouse whether the parcel can still be stopped; otherwise offer a return once it arrives.';
  if (rule.startsWith('cancel.already')) return 'Tell the customer the order is already cancelled and when the refund shows.';
  if (rule.startsWith('address'))
    return 'Ask the carrier or the warehouse whether the parcel can be redirected; reply with what is possible.';
  if (/\.(outside_window|final_sale|already_open|sku_not_approved|not_delivered)/.test(rule))
    return 'Decide whether to make an exception; if not, explain the policy kindly.';
  if (rule.endsWith('.switched_off') || rule.includes('overridden_by_risk'))
    return `Check the order and, if it is fine, do the ${human(v.nextStep === 'assign_human_review' ? ctx.intent : v.nextStep)} by hand from the widget.`;
  return 'Read the message and reply; the widget has the actions.';
}

export function caseSummary(ctx: DraftContext, classification: Classification): CaseSummary {
  const question = customerQuestion(ctx.ticket.customerMessage, ctx.ticket.subject);
  const facts = orderFacts(ctx);
  const policy = policyLine(ctx);
  const unknown = unknowns(ctx, classification);
  const nextStep = suggestedNextStep(ctx);
  const text = [
    `Question: ${question}`,
    `Intent: ${human(classification.intent)} (${Math.round(classification.confidence * 100)}%, ${classification.decidedBy})`,
    facts.length ? `Order facts:\n${facts.map((f) => `- ${f}`).join('\n')}` : 'Order facts: none (no order matched)',
    `Policy: ${policy}`,
    unknown.length ? `Unknown:\n${unknown.map((u) => `- ${u}`).join('\n')}` : 'Unknown: nothing outstanding',
    `Suggested next step: ${nextStep}`,
  ].join('\n');
  return { question, orderFacts: facts, policy, unknowns: unknown, nextStep, text };
}
