import type { Classification, Intent } from '../types';
import { extractOrderNumbers } from './order-numbers';
import { normalizeForMatching, stripQuotedAndSignature } from './normalize';
import { MULTILINGUAL_CUES } from './multilingual';
import { CUES, GORGIAS_INTENT_MAP, NEGATION_BEFORE } from './rules';
import { guessByWords } from './word-model';

const ALL_CUES = [...CUES, ...MULTILINGUAL_CUES];

export interface ClassifyInput {
  text: string;
  subject?: string | null;
  order?: { delivered: boolean; fulfilled: boolean; cancelled: boolean } | null;
  gorgiasIntents?: string[];
}

/** Below this the rules are unsure; a configured model may be asked. */
export const RULES_CONFIDENT_AT = 0.6;

const SUBJECT_WEIGHT = 0.6; // subjects are terse and often stale ("Re: Your order has shipped!")
const GORGIAS_WEIGHT = 1;
const CORROBORATION = 0.5;
const EARLY_BONUS = 0.4; // in mixed messages the first ask is usually the main one

/** Rules-first intent: weighted cues with negation, subject and order state as extra signals. */
export function classifyIntent(input: ClassifyInput): Classification {
  const body = stripQuotedAndSignature(input.text ?? '');
  const text = normalizeForMatching(body);
  const subject = input.subject ? normalizeForMatching(input.subject.replace(/^\s*((re|fw|fwd|aw|sv)\s*:\s*)+/i, '')) : '';
  const scores = new Map<Intent, number>();
  const firstAt = new Map<Intent, number>();
  const reasons: string[] = [];
  const add = (intent: Intent, w: number) => scores.set(intent, (scores.get(intent) ?? 0) + w);
  // An intent's evidence is its strongest cue plus a share of the others: several weak hints of a
  // return ("too long", "send it back") should not outvote one clear "please cancel".
  const cueWeights = new Map<Intent, number[]>();
  const addCue = (intent: Intent, w: number) => cueWeights.set(intent, [...(cueWeights.get(intent) ?? []), w]);

  for (const cue of ALL_CUES) {
    const m = cue.re.exec(text);
    if (m) {
      if (cue.negatable && NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        reasons.push(`negated: "${text.slice(Math.max(0, m.index - 12), m.index + m[0].length).trim()}"`);
        continue;
      }
      addCue(cue.intent, cue.weight);
      if (!firstAt.has(cue.intent) || m.index < firstAt.get(cue.intent)!) firstAt.set(cue.intent, m.index);
      reasons.push(`${cue.intent}: matched "${m[0].trim()}" (${cue.label})`);
    } else if (subject) {
      const s = cue.re.exec(subject);
      if (s && !(cue.negatable && NEGATION_BEFORE.test(subject.slice(0, s.index)))) {
        addCue(cue.intent, cue.weight * SUBJECT_WEIGHT);
        reasons.push(`${cue.intent}: subject says "${s[0].trim()}"`);
      }
    }
  }
  for (const [intent, ws] of cueWeights) {
    const strongest = Math.max(...ws);
    add(intent, strongest + CORROBORATION * (ws.reduce((a, b) => a + b, 0) - strongest));
  }
  for (const g of input.gorgiasIntents ?? []) {
    const mapped = GORGIAS_INTENT_MAP[g];
    if (mapped) {
      add(mapped, GORGIAS_WEIGHT);
      reasons.push(`${mapped}: Gorgias tagged the message ${g}`);
    }
  }
  const ranked = [...firstAt.entries()].sort((a, b) => a[1] - b[1]);
  if (ranked.length > 1) add(ranked[0][0], EARLY_BONUS);

  // Order state: "where is it" on a delivered order is a parcel the customer doesn't have.
  if (input.order?.delivered && (scores.get('wismo') ?? 0) > 0 && (scores.get('wismo') ?? 0) >= (scores.get('not_received') ?? 0)) {
    add('not_received', (scores.get('wismo') ?? 0) - (scores.get('not_received') ?? 0) + 0.5);
    reasons.push('order is delivered: "where is it" leans not_received');
  }
  if (input.order && !input.order.fulfilled && (scores.get('not_received') ?? 0) > 0 && !/deliver/.test(text)) {
    add('wismo', (scores.get('not_received') ?? 0) + 0.5);
    reasons.push('order is not shipped yet: "not received" leans wismo');
  }
  if (input.order?.delivered && (scores.get('cancel') ?? 0) > 0) {
    add('return_exchange', (scores.get('cancel') ?? 0) - (scores.get('return_exchange') ?? 0) + 0.5);
    reasons.push('order is delivered: a cancellation becomes a return');
  }

  const sorted = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const orderNumbers = extractOrderNumbers(`${input.subject ?? ''} ${body}`);
  if (sorted.length === 0 || sorted[0][1] <= 0) {
    return byWords(body, { intent: 'other', confidence: 0.4, reasons: ['no cue for a post-purchase request matched'], decidedBy: 'rules', orderNumbers });
  }
  const [top, s1] = sorted[0];
  const s2 = sorted[1]?.[1] ?? 0;
  const margin = (s1 - s2) / s1;
  const strength = Math.min(1, s1 / 4);
  const confidence = Math.round(Math.min(0.98, 0.35 + 0.35 * margin + 0.28 * strength) * 100) / 100;
  const ordered = [...reasons.filter((r) => r.startsWith(`${top}:`) || r.startsWith('order is')), ...reasons.filter((r) => !r.startsWith(`${top}:`) && !r.startsWith('order is'))];
  const result: Classification = { intent: top, confidence, reasons: ordered.slice(0, 6), decidedBy: 'rules', orderNumbers };
  return confidence < RULES_CONFIDENT_AT ? byWords(body, result) : result;
}

/**
 * When the rules are unsure, the word statistics of the labelled messages decide. Their confidence
 * stays below RULES_CONFIDENT_AT, so a configured model is still asked and nothing is automated on it.
 */
function byWords(body: string, unsure: Classification): Classification {
  const guess = guessByWords(body);
  if (!guess) return unsure;
  const confidence = Math.round(Math.min(RULES_CONFIDENT_AT - 0.05, 0.3 + guess.margin / 20) * 100) / 100;
  return {
    intent: guess.intent,
    confidence,
    reasons: [`no rule was sure; the words of ${guess.trainedOn} labelled messages lean ${guess.intent} ("${guess.evidence.join('", "')}")`, ...unsure.reasons].slice(0, 6),
    decidedBy: 'words',
    orderNumbers: unsure.orderNumbers,
  };
}
