import { INTENTS, type Classification } from '../types';
import { extractOrderNumbers } from './order-numbers';
import { normalizeForMatching, stripQuotedAndSignature } from './normalize';
import { MULTILINGUAL_CUES } from './multilingual';
import { CUES, GORGIAS_INTENT_MAP, NEGATION_BEFORE } from './rules';
import { buildPrefilter, withoutCaptures } from './cue-prefilter';
import {
  calibrate,
  describeFeature,
  loadModel,
  ruleFeatures,
  scoreMessage,
  textFeatures,
  type Feature,
  type LinearModelFile,
} from './linear-model';
import MODEL_FILE from './intent-model.json';

// Only the whole match and its position are read, so the regexes run without capturing groups.
const ALL_CUES = [...CUES, ...MULTILINGUAL_CUES].map((c) => ({ ...c, re: withoutCaptures(c.re) }));
// One pass over the text says which cues can match at all; only those regexes run (cue-prefilter.ts).
const PREFILTER = buildPrefilter(ALL_CUES.map((c) => c.re));
const HIT = new Uint8Array(ALL_CUES.length);
const HIT_SUBJECT = new Uint8Array(ALL_CUES.length);
const K = INTENTS.length;
const CUE_INTENT = Int32Array.from(ALL_CUES, (c) => INTENTS.indexOf(c.intent));
// scratch per call (scoring is synchronous)
const SCORES = new Float64Array(K);
const STRONGEST = new Float64Array(K);
const CUE_SUM = new Float64Array(K);
const FIRST_AT = new Int32Array(K);
const RANK_OF = new Int32Array(K);
const WISMO = INTENTS.indexOf('wismo');
const CANCEL = INTENTS.indexOf('cancel');
const RETURN = INTENTS.indexOf('return_exchange');
const NOT_RECEIVED = INTENTS.indexOf('not_received');

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
  const scored = scoreMessage(MODEL, rules.scores, rules.norm, true, rules.stateMoves);
  const intent = INTENTS[scored.best];
  const p = scored.probs[scored.best];
  const confidence = Math.round(calibrate(MODEL.file, intent, p) * 100) / 100;
  let rulesTop = -1;
  for (let k = 0; k < INTENTS.length; k++)
    if (rules.scores[k] > 0 && (rulesTop < 0 || rules.scores[k] > rules.scores[rulesTop])) rulesTop = k;
  const words = scored.top.filter((t) => !t.name.startsWith('r') && !t.name.startsWith('len:')).slice(0, 3);
  const weightsLine = words.length ? `weights: ${words.map((t) => `${describeFeature(t.name)} +${t.push.toFixed(1)}`).join(', ')}` : null;

  if (rulesTop < 0 && (intent === 'other' || scored.knownTextFeatures === 0)) {
    return {
      intent: 'other',
      confidence: 0.4,
      reasons: ['no cue for a post-purchase request matched', ...(weightsLine ? [weightsLine] : [])],
      decidedBy: 'rules',
      orderNumbers: rules.orderNumbers,
    };
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
  return {
    intent,
    confidence: Math.min(confidence, WORDS_ONLY_CAP),
    reasons: [first, ...rules.reasons].slice(0, 6),
    decidedBy: 'words',
    orderNumbers: rules.orderNumbers,
  };
}

/**
 * The rules alone: weighted cues with negation, subject and order state as extra signals.
 * `everyCue` runs every cue's regex instead of only those the prefilter lets through (tests compare the two).
 */
export function scoreRules(input: ClassifyInput, everyCue = false): RuleScores {
  const body = stripQuotedAndSignature(input.text ?? '');
  const text = normalizeForMatching(body);
  const subject = input.subject ? normalizeForMatching(input.subject.replace(/^\s*((re|fw|fwd|aw|sv)\s*:\s*)+/i, '')) : '';
  // Per intent (index into INTENTS): the score, and the order intents first got one (ties keep it).
  const scores = SCORES.fill(0);
  const scored: number[] = [];
  const add = (k: number, w: number) => {
    if (!scored.includes(k)) scored.push(k);
    scores[k] += w;
  };
  const reasons: string[] = [];
  const reasonIntent: number[] = []; // -1: not about one intent ("negated: …", "order is …")
  const reasonWeight: number[] = []; // a reason's cue weight: the strongest cue is named first
  const reason = (r: string, k: number, w: number) => {
    reasons.push(r);
    reasonIntent.push(k);
    reasonWeight.push(w);
  };
  // An intent's evidence is its strongest cue plus a share of the others: several weak hints of a
  // return ("too long", "send it back") should not outvote one clear "please cancel".
  const strongest = STRONGEST.fill(0);
  const cueSum = CUE_SUM.fill(0);
  const cued: number[] = [];
  const addCue = (k: number, w: number) => {
    if (!cued.includes(k)) cued.push(k);
    if (w > strongest[k]) strongest[k] = w;
    cueSum[k] += w;
  };
  const firstAt = FIRST_AT.fill(-1);
  const firstOrder: number[] = [];

  const hit = everyCue ? HIT.fill(1) : PREFILTER.scan(text, HIT);
  const hitSubject = !subject ? null : everyCue ? HIT_SUBJECT.fill(1) : PREFILTER.scan(subject, HIT_SUBJECT);
  for (let c = 0; c < ALL_CUES.length; c++) {
    const cue = ALL_CUES[c];
    const m = hit[c] ? cue.re.exec(text) : null;
    const k = CUE_INTENT[c];
    if (m) {
      if (cue.negatable && NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        reason(`negated: "${text.slice(Math.max(0, m.index - 12), m.index + m[0].length).trim()}"`, -1, 0);
        continue;
      }
      addCue(k, cue.weight);
      if (firstAt[k] < 0) firstOrder.push(k);
      if (firstAt[k] < 0 || m.index < firstAt[k]) firstAt[k] = m.index;
      // Order numbers are not echoed: reasons are shown to agents of the matched store, and a quoted number may be someone else's.
      reason(`${cue.intent}: matched "${m[0].trim().replace(/\d{3,}/g, '###')}" (${cue.label})`, k, cue.weight);
    } else if (hitSubject && hitSubject[c]) {
      const s = cue.re.exec(subject);
      if (s && !(cue.negatable && NEGATION_BEFORE.test(subject.slice(0, s.index)))) {
        addCue(k, cue.weight * SUBJECT_WEIGHT);
        reason(`${cue.intent}: subject says "${s[0].trim().replace(/\d{3,}/g, '###')}"`, k, 0);
      }
    }
  }
  for (const k of cued) add(k, strongest[k] + CORROBORATION * (cueSum[k] - strongest[k]));
  for (const g of input.gorgiasIntents ?? []) {
    const mapped = GORGIAS_INTENT_MAP[g];
    if (mapped) {
      add(INTENTS.indexOf(mapped), GORGIAS_WEIGHT);
      reason(`${mapped}: Gorgias tagged the message ${g}`, INTENTS.indexOf(mapped), 0);
    }
  }
  if (firstOrder.length > 1) {
    let early = firstOrder[0];
    for (const k of firstOrder) if (firstAt[k] < firstAt[early]) early = k;
    add(early, EARLY_BONUS);
  }

  const stateMoves: [number, number][] = [];
  // Order state: "where is it" on a delivered order is a parcel the customer doesn't have.
  if (input.order?.delivered && scores[WISMO] > 0 && scores[WISMO] >= scores[NOT_RECEIVED]) {
    add(NOT_RECEIVED, scores[WISMO] - scores[NOT_RECEIVED] + 0.5);
    stateMoves.push([WISMO, NOT_RECEIVED]);
    reason('order is delivered: "where is it" leans not_received', -1, 0);
  }
  if (input.order && !input.order.fulfilled && scores[NOT_RECEIVED] > 0 && !text.includes('deliver')) {
    add(WISMO, scores[NOT_RECEIVED] + 0.5);
    stateMoves.push([NOT_RECEIVED, WISMO]);
    reason('order is not shipped yet: "not received" leans wismo', -1, 0);
  }
  if (input.order?.delivered && scores[CANCEL] > 0) {
    add(RETURN, scores[CANCEL] - scores[RETURN] + 0.5);
    stateMoves.push([CANCEL, RETURN]);
    reason('order is delivered: a cancellation becomes a return', -1, 0);
  }

  const orderNumbers = extractOrderNumbers(`${input.subject ?? ''} ${body}`);
  // intents by score, highest first (ties: the one scored first); reasons follow that order
  const order = scored.filter((k) => scores[k] > 0).sort((a, b) => scores[b] - scores[a]);
  const rankOf = RANK_OF.fill(order.length);
  order.forEach((k, i) => (rankOf[k] = i));
  const idx = reasons.map((_, i) => i);
  idx.sort((a, b) => {
    const ra = reasonIntent[a] < 0 ? order.length : rankOf[reasonIntent[a]];
    const rb = reasonIntent[b] < 0 ? order.length : rankOf[reasonIntent[b]];
    return ra - rb || reasonWeight[b] - reasonWeight[a] || a - b;
  });
  return {
    scores: Array.from(scores, (v) => Math.max(0, v)),
    reasons: idx.map((i) => reasons[i]),
    orderNumbers,
    body,
    norm: text,
    stateMoves,
  };
}
