import { INTENTS, type Classification, type Intent } from '../types';
import { extractOrderNumbers } from './order-numbers';
import { normalizeForMatching, stripQuotedAndSignature } from './normalize';
import { MULTILINGUAL_CUES } from './multilingual';
import { CUES, GORGIAS_INTENT_MAP, NEGATION_BEFORE } from './rules';
import { buildPrefilter } from './cue-prefilter';
import { calibrate, describeFeature, loadModel, ruleFeatures, scoreMessage, textFeatures, type Feature, type LinearModelFile } from './linear-model';
import MODEL_FILE from './intent-model.json';

const ALL_CUES = [...CUES, ...MULTILINGUAL_CUES];
// One pass over the text says which cues can match at all; only those regexes run (cue-prefilter.ts).
const PREFILTER = buildPrefilter(ALL_CUES.map((c) => c.re));
const HIT = new Uint8Array(ALL_CUES.length);
const HIT_SUBJECT = new Uint8Array(ALL_CUES.length);

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

const MODEL = loadModel(MODEL_FILE as unknown as LinearModelFile);

/**
 * Below this an answer that the learned weights reached on their own (no rule agreed) is capped: such
 * an answer never automates anything and a configured model is still asked.
 */
const WORDS_ONLY_CAP = 0.55;

export interface RuleScores {
  scores: number[]; // per intent, in the order of INTENTS; 0 = no cue
  reasons: string[]; // "<intent>: matched …", strongest intent first
  orderNumbers: string[];
  body: string; // the customer's own text (quotes and signature removed)
  norm: string; // normalised body
  /** What the order's state says about the words: [from, to] intent indexes, e.g. wismo → not_received on a delivered order. */
  stateMoves: [number, number][];
}

/** The features the learned weights read: the rules' scores and the text itself. */
export function messageFeatures(rules: RuleScores): Feature[] {
  return [...ruleFeatures(rules.scores), ...textFeatures(rules.norm)];
}

/**
 * Rules first, learned weights second: the cues score each intent (with negation, subject, Gorgias's
 * tags and order state), then a linear model over those scores and the message's words and character
 * 4-grams decides, and its probability is calibrated per intent on held-out messages. The answer
 * names what decided: the cues (decided_by "rules", when the weights agree with the rules' pick) or
 * the weights alone (decided_by "words", capped below RULES_CONFIDENT_AT so they never automate).
 */
export function classifyIntent(input: ClassifyInput): Classification {
  const rules = scoreRules(input);
  const scored = scoreMessage(MODEL, ruleFeatures(rules.scores), rules.norm, true, rules.stateMoves);
  const intent = INTENTS[scored.best];
  const p = scored.probs[scored.best];
  const confidence = Math.round(calibrate(MODEL.file, intent, p) * 100) / 100;
  let rulesTop = -1;
  for (let k = 0; k < INTENTS.length; k++) if (rules.scores[k] > 0 && (rulesTop < 0 || rules.scores[k] > rules.scores[rulesTop])) rulesTop = k;
  const words = scored.top.filter((t) => !t.name.startsWith('r') && !t.name.startsWith('len:')).slice(0, 3);
  const weightsLine = words.length ? `weights: ${words.map((t) => `${describeFeature(t.name)} +${t.push.toFixed(1)}`).join(', ')}` : null;

  if (rulesTop < 0 && (intent === 'other' || scored.knownTextFeatures === 0)) {
    return { intent: 'other', confidence: 0.4, reasons: ['no cue for a post-purchase request matched', ...(weightsLine ? [weightsLine] : [])], decidedBy: 'rules', orderNumbers: rules.orderNumbers };
  }
  if (rulesTop === scored.best) {
    const own = rules.reasons.filter((r) => r.startsWith(`${intent}:`) || r.startsWith('order is'));
    const rest = rules.reasons.filter((r) => !r.startsWith(`${intent}:`) && !r.startsWith('order is'));
    const reasons = [...own.slice(0, 4), ...(weightsLine ? [weightsLine] : []), ...rest].slice(0, 6);
    return { intent, confidence, reasons, decidedBy: 'rules', orderNumbers: rules.orderNumbers };
  }
  const lean = `${words.map((t) => describeFeature(t.name)).join(', ') || 'no single word'}`;
  const first =
    rulesTop < 0
      ? `no rule was sure; the words of ${MODEL.file.trainedOn} labelled messages lean ${intent} (${lean})`
      : `the learned weights overrule the cues' pick (${INTENTS[rulesTop]}): the words of ${MODEL.file.trainedOn} labelled messages lean ${intent} (${lean})`;
  return { intent, confidence: Math.min(confidence, WORDS_ONLY_CAP), reasons: [first, ...rules.reasons].slice(0, 6), decidedBy: 'words', orderNumbers: rules.orderNumbers };
}

/**
 * The rules alone: weighted cues with negation, subject and order state as extra signals.
 * `everyCue` runs every cue's regex instead of only those the prefilter lets through (tests compare the two).
 */
export function scoreRules(input: ClassifyInput, everyCue = false): RuleScores {
  const body = stripQuotedAndSignature(input.text ?? '');
  const text = normalizeForMatching(body);
  const subject = input.subject ? normalizeForMatching(input.subject.replace(/^\s*((re|fw|fwd|aw|sv)\s*:\s*)+/i, '')) : '';
  const scores = new Map<Intent, number>();
  const firstAt = new Map<Intent, number>();
  const reasons: string[] = [];
  const weightOf = new Map<string, number>(); // a reason's cue weight: the strongest cue is named first
  const add = (intent: Intent, w: number) => scores.set(intent, (scores.get(intent) ?? 0) + w);
  // An intent's evidence is its strongest cue plus a share of the others: several weak hints of a
  // return ("too long", "send it back") should not outvote one clear "please cancel".
  const cueWeights = new Map<Intent, number[]>();
  const addCue = (intent: Intent, w: number) => cueWeights.set(intent, [...(cueWeights.get(intent) ?? []), w]);

  const hit = everyCue ? HIT.fill(1) : PREFILTER.scan(text, HIT);
  const hitSubject = !subject ? null : everyCue ? HIT_SUBJECT.fill(1) : PREFILTER.scan(subject, HIT_SUBJECT);
  for (let c = 0; c < ALL_CUES.length; c++) {
    const cue = ALL_CUES[c];
    const m = hit[c] ? cue.re.exec(text) : null;
    if (m) {
      if (cue.negatable && NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        reasons.push(`negated: "${text.slice(Math.max(0, m.index - 12), m.index + m[0].length).trim()}"`);
        continue;
      }
      addCue(cue.intent, cue.weight);
      if (!firstAt.has(cue.intent) || m.index < firstAt.get(cue.intent)!) firstAt.set(cue.intent, m.index);
      // Order numbers are not echoed: reasons are shown to agents of the matched store, and a quoted number may be someone else's.
      reasons.push(`${cue.intent}: matched "${m[0].trim().replace(/\d{3,}/g, '###')}" (${cue.label})`);
      weightOf.set(reasons[reasons.length - 1], cue.weight);
    } else if (hitSubject && hitSubject[c]) {
      const s = cue.re.exec(subject);
      if (s && !(cue.negatable && NEGATION_BEFORE.test(subject.slice(0, s.index)))) {
        addCue(cue.intent, cue.weight * SUBJECT_WEIGHT);
        reasons.push(`${cue.intent}: subject says "${s[0].trim().replace(/\d{3,}/g, '###')}"`);
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

  const stateMoves: [number, number][] = [];
  // Order state: "where is it" on a delivered order is a parcel the customer doesn't have.
  if (input.order?.delivered && (scores.get('wismo') ?? 0) > 0 && (scores.get('wismo') ?? 0) >= (scores.get('not_received') ?? 0)) {
    add('not_received', (scores.get('wismo') ?? 0) - (scores.get('not_received') ?? 0) + 0.5);
    stateMoves.push([INTENTS.indexOf('wismo'), INTENTS.indexOf('not_received')]);
    reasons.push('order is delivered: "where is it" leans not_received');
  }
  if (input.order && !input.order.fulfilled && (scores.get('not_received') ?? 0) > 0 && !/deliver/.test(text)) {
    add('wismo', (scores.get('not_received') ?? 0) + 0.5);
    stateMoves.push([INTENTS.indexOf('not_received'), INTENTS.indexOf('wismo')]);
    reasons.push('order is not shipped yet: "not received" leans wismo');
  }
  if (input.order?.delivered && (scores.get('cancel') ?? 0) > 0) {
    add('return_exchange', (scores.get('cancel') ?? 0) - (scores.get('return_exchange') ?? 0) + 0.5);
    stateMoves.push([INTENTS.indexOf('cancel'), INTENTS.indexOf('return_exchange')]);
    reasons.push('order is delivered: a cancellation becomes a return');
  }

  const orderNumbers = extractOrderNumbers(`${input.subject ?? ''} ${body}`);
  const order = [...scores.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const rank = (r: string) => {
    const at = order.indexOf(r.slice(0, r.indexOf(':')) as Intent);
    return at < 0 ? order.length : at;
  };
  return {
    scores: INTENTS.map((i) => Math.max(0, scores.get(i) ?? 0)),
    reasons: reasons
      .map((r, i) => [r, rank(r), -(weightOf.get(r) ?? 0), i] as const)
      .sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[3] - b[3])
      .map(([r]) => r),
    orderNumbers,
    body,
    norm: text,
    stateMoves,
  };
}
