import { INTENTS, type Intent } from '../types';

// Learned weights on top of the rules: a multinomial logistic regression over
//  - the rules' own per-intent scores and which intent they put first ("r:" features), so the model
//    learns how far to trust each intent's cues on unseen writing;
//  - words, word pairs and character 4-grams inside words ("w:", "b:", "c:" features), which carry
//    vocabulary, typos and run-together words no cue knows.
// Trained by scripts/train-intents.ts on the labelled sets (never the holdout, the calibration split
// or the blind test set) and shipped as intent-model.json; tests/domain/intent-dataset.test.ts fails
// when the file is out of date. The softmax probability of the top intent is then calibrated per intent
// (Platt scaling, a·logit(p) + b) on a split neither the rules nor the weights were tuned on.

export interface LinearModelFile {
  version: 1;
  trainedOn: number; // messages
  sets: string[];
  intents: Intent[];
  bias: number[];
  features: string[];
  weights: number[]; // flat: features.length × intents.length, one row per feature in the order of `intents`
  calibration: { calibratedOn: number; sets: string[]; global: [number, number]; perIntent: Record<string, [number, number]> };
}

export interface Feature {
  name: string;
  value: number;
}

const K = INTENTS.length;

/** Words of an already normalised text: letters, digits and apostrophes; numbers become "<num>". */
function words(norm: string): string[] {
  const out: string[] = [];
  for (const w of norm.replace(/[^a-z0-9' ]+/g, ' ').split(' ')) {
    if (!w) continue;
    out.push(/^\d+$/.test(w) ? (w.length >= 3 ? '<num>' : '<n>') : w);
  }
  return out;
}

/** The text features of a normalised message (see normalizeForMatching). Repeats count. */
export function textFeatures(norm: string): Feature[] {
  const ws = words(norm);
  const out: Feature[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    out.push({ name: `w:${w}`, value: 1 });
    if (i + 1 < ws.length) out.push({ name: `b:${w}_${ws[i + 1]}`, value: 1 });
    if (w.length >= 3 && w[0] !== '<') {
      const padded = `<${w}>`;
      for (let j = 0; j + 4 <= padded.length; j++) out.push({ name: `c:${padded.slice(j, j + 4)}`, value: 0.5 });
    }
  }
  out.push({ name: `len:${ws.length <= 4 ? 'terse' : ws.length <= 25 ? 'short' : 'long'}`, value: 1 });
  return out;
}

/** The rules' verdict as features: each intent's cue score (squashed) and which intent the rules put first. */
export function ruleFeatures(scores: number[]): Feature[] {
  const out: Feature[] = [];
  let top = -1;
  for (let k = 0; k < K; k++) {
    if (scores[k] > 0) out.push({ name: `r:${INTENTS[k]}`, value: Math.min(scores[k], 10) / 4 });
    if (scores[k] > 0 && (top < 0 || scores[k] > scores[top])) top = k;
  }
  out.push({ name: top < 0 ? 'rt:none' : `rt:${INTENTS[top]}`, value: 1 });
  return out;
}

export interface LoadedModel {
  file: LinearModelFile;
  // open-addressing table: hash of a feature name → its row in W (a Map lookup per 4-gram costs more)
  keys: Int32Array;
  rows: Int32Array;
  mask: number;
  W: Float64Array;
  bias: Float64Array;
}

// Features are looked up by a 32-bit FNV-1a hash of their name, computed for the message's words and
// 4-grams straight from the text without building strings: that keeps the weights at a few
// microseconds per message. textFeatures() names the same features (training, tests, explanations).
const FNV_OFFSET = 0x811c9dc5 | 0;
const step = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
// Keys kept to 30 bits so V8 stores them as small integers (a heap-number key makes every lookup slow).
const key = (h: number) => h & 0x3fffffff;
function feed(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}
const hashName = (name: string) => feed(FNV_OFFSET, name);
const keyOf = (name: string) => key(hashName(name));

export function loadModel(file: LinearModelFile): LoadedModel {
  let size = 1024;
  while (size < file.features.length * 3) size *= 2;
  const keys = new Int32Array(size).fill(-1); // keys are 30-bit, never -1
  const rows = new Int32Array(size);
  const mask = size - 1;
  file.features.forEach((name, i) => {
    const k = keyOf(name);
    let at = k & mask;
    while (keys[at] !== -1 && keys[at] !== k) at = (at + 1) & mask;
    keys[at] = k;
    rows[at] = i;
  });
  return { file, keys, rows, mask, W: Float64Array.from(file.weights), bias: Float64Array.from(file.bias) };
}

function rowOf(model: LoadedModel, k: number): number {
  let at = k & model.mask;
  for (;;) {
    const here = model.keys[at];
    if (here === k) return model.rows[at];
    if (here === -1) return -1;
    at = (at + 1) & model.mask;
  }
}

export interface Scored {
  probs: number[];
  best: number;
  second: number;
  /** Features that pushed hardest toward the best intent over the runner-up, with their push. */
  top: { name: string; push: number }[];
  knownTextFeatures: number;
}

// Scoring is synchronous and never re-entrant: one set of scratch buffers serves every call.
const Z = new Float64Array(K);
let HIT_ROW = new Int32Array(1024);
let HIT_VALUE = new Float64Array(1024);

class Accumulator {
  z = Z;
  hits = 0;
  knownText = 0;
  explain = true;
  constructor(private model: LoadedModel) {
    Z.set(model.bias);
  }
  add(hash: number, value: number, text: boolean): void {
    const row = rowOf(this.model, key(hash));
    if (row < 0) return;
    const W = this.model.W;
    const z = this.z;
    const o = row * K;
    for (let k = 0; k < K; k++) z[k] += W[o + k] * value;
    if (this.explain) {
      if (this.hits === HIT_ROW.length) {
        const rows = new Int32Array(this.hits * 2);
        rows.set(HIT_ROW);
        HIT_ROW = rows;
        const values = new Float64Array(this.hits * 2);
        values.set(HIT_VALUE);
        HIT_VALUE = values;
      }
      HIT_ROW[this.hits] = row;
      HIT_VALUE[this.hits] = value;
      this.hits++;
    }
    if (text) this.knownText++;
  }
  finish(explain: boolean, moves: [number, number][] = []): Scored {
    const probs = softmax(this.z);
    // Order state moves an intent's whole probability to another (see ClassifyInput.order).
    for (const [from, to] of moves) {
      probs[to] += probs[from];
      probs[from] = 0;
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[k] > probs[best]) best = k;
    let second = best === 0 ? 1 : 0;
    for (let k = 0; k < K; k++) if (k !== best && probs[k] > probs[second]) second = k;
    let top: Scored['top'] = [];
    if (explain) {
      // the four strongest pushes toward the best intent over the runner-up, each feature once
      const W = this.model.W;
      const rows: number[] = [];
      const pushes: number[] = [];
      for (let i = 0; i < this.hits; i++) {
        const row = HIT_ROW[i];
        const p = (W[row * K + best] - W[row * K + second]) * HIT_VALUE[i];
        if (p <= 0 || rows.includes(row)) continue;
        let at = rows.length;
        while (at > 0 && pushes[at - 1] < p) at--;
        if (at >= 4) continue;
        rows.splice(at, 0, row);
        pushes.splice(at, 0, p);
        if (rows.length > 4) {
          rows.pop();
          pushes.pop();
        }
      }
      top = rows.map((row, i) => ({ name: this.model.file.features[row], push: pushes[i] }));
    }
    return { probs, best, second, top, knownTextFeatures: this.knownText };
  }
}

const isTextFeature = (name: string) => name[0] === 'w' || name[0] === 'b' || name[0] === 'c';

/** Scores named features (training, calibration and tests use this; it must agree with scoreMessage). */
export function scoreFeatures(model: LoadedModel, features: Feature[], explain = true): Scored {
  const acc = new Accumulator(model);
  for (const f of features) acc.add(hashName(f.name), f.value, isTextFeature(f.name));
  return acc.finish(explain);
}

const H_W = hashName('w:');
const H_B = hashName('b:');
const H_C = hashName('c:');
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;

const H_TERSE = hashName('len:terse');
const H_SHORT = hashName('len:short');
const H_LONG = hashName('len:long');

// Token boundaries of the message being scored, reused between calls (scoring is synchronous).
let starts = new Int32Array(256);
let ends = new Int32Array(256);
let kinds = new Int8Array(256); // 0 a word, 1 "<num>" (3+ digits), 2 "<n>"
const H_NUM = (h: number) => feed(h, '<num>');
const H_N = (h: number) => feed(h, '<n>');

function tokenHash(h: number, norm: string, t: number): number {
  const kind = kinds[t];
  if (kind === 1) return H_NUM(h);
  if (kind === 2) return H_N(h);
  for (let i = starts[t]; i < ends[t]; i++) h = step(h, norm.charCodeAt(i));
  return h;
}

const H_RULE = INTENTS.map((i) => hashName(`r:${i}`));
const H_RULE_TOP = INTENTS.map((i) => hashName(`rt:${i}`));
const H_RULE_NONE = hashName('rt:none');

/**
 * The fast path: the rules' scores become the same features ruleFeatures() names (hashes computed once),
 * and the text features are hashed straight from the normalised text.
 */
export function scoreMessage(
  model: LoadedModel,
  ruleScores: number[],
  norm: string,
  explain = true,
  moves: [number, number][] = [],
): Scored {
  const acc = new Accumulator(model);
  acc.explain = explain;
  let top = -1;
  for (let k = 0; k < K; k++) {
    if (ruleScores[k] > 0) acc.add(H_RULE[k], Math.min(ruleScores[k], 10) / 4, false);
    if (ruleScores[k] > 0 && (top < 0 || ruleScores[k] > ruleScores[top])) top = k;
  }
  acc.add(top < 0 ? H_RULE_NONE : H_RULE_TOP[top], 1, false);
  // word ranges, with numbers as "<num>" (3+ digits) or "<n>"
  let n = 0;
  for (let i = 0; i < norm.length;) {
    if (!isWordChar(norm.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let digits = true;
    while (j < norm.length && isWordChar(norm.charCodeAt(j))) {
      const c = norm.charCodeAt(j);
      if (c < 48 || c > 57) digits = false;
      j++;
    }
    if (n === starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      starts = grow(starts);
      ends = grow(ends);
      const k2 = new Int8Array(kinds.length * 2);
      k2.set(kinds);
      kinds = k2;
    }
    starts[n] = i;
    ends[n] = j;
    kinds[n] = digits ? (j - i >= 3 ? 1 : 2) : 0;
    n++;
    i = j;
  }
  for (let t = 0; t < n; t++) {
    acc.add(tokenHash(H_W, norm, t), 1, true);
    const len = ends[t] - starts[t];
    if (kinds[t] === 0 && len >= 3) {
      // 4-grams of "<word>"
      const s0 = starts[t];
      for (let j = -1; j + 4 <= len + 1; j++) {
        let g = H_C;
        for (let q = j; q < j + 4; q++) g = step(g, q < 0 ? 60 /* < */ : q >= len ? 62 /* > */ : norm.charCodeAt(s0 + q));
        acc.add(g, 0.5, true);
      }
    }
  }
  for (let t = 0; t + 1 < n; t++) acc.add(tokenHash(step(tokenHash(H_B, norm, t), 95 /* _ */), norm, t + 1), 1, true);
  acc.add(n <= 4 ? H_TERSE : n <= 25 ? H_SHORT : H_LONG, 1, false);
  return acc.finish(explain, moves);
}

function softmax(z: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k] > max) max = z[k];
  const e = new Array<number>(z.length);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    e[k] = Math.exp(z[k] - max);
    sum += e[k];
  }
  for (let k = 0; k < z.length; k++) e[k] /= sum;
  return e;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The calibrated probability that `intent`, answered with softmax probability p, is right. */
export function calibrate(file: LinearModelFile, intent: Intent, p: number): number {
  const [a, b] = file.calibration.perIntent[intent] ?? file.calibration.global;
  return sigmoid(a * logit(p) + b);
}

/** A feature's human name for the reasons: `"wher"` for a 4-gram, `"where is"` for a pair. */
export function describeFeature(name: string): string {
  const kind = name.slice(0, name.indexOf(':'));
  const rest = name.slice(name.indexOf(':') + 1).replace(/\d{3,}/g, '###'); // never echo an order number
  if (kind === 'c') return `"…${rest.replace(/[<>]/g, ' ').trim()}…"`;
  if (kind === 'b') return `"${rest.replace('_', ' ')}"`;
  if (kind === 'w') return `"${rest}"`;
  if (kind === 'r') return `the ${rest.replace(/_/g, ' ')} cues`;
  if (kind === 'rt') return rest === 'none' ? 'no cue matching' : `the rules' pick (${rest.replace(/_/g, ' ')})`;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Training (used by scripts/train-intents.ts and the staleness test; deterministic: full-batch
// gradient descent with Adam, fixed order, no randomness).

export interface TrainingRow {
  features: Feature[];
  intent: Intent;
}

export interface TrainOptions {
  epochs: number;
  l2: number;
  learningRate: number;
  minDocs: number; // text features seen in fewer training messages are dropped
}

const TRAIN_OPTIONS: TrainOptions = { epochs: 160, l2: 1e-3, learningRate: 0.05, minDocs: 2 };

export function trainLinear(
  rows: TrainingRow[],
  opts: TrainOptions = TRAIN_OPTIONS,
): { bias: number[]; features: string[]; weights: number[] } {
  const docs = new Map<string, number>();
  for (const r of rows) for (const name of new Set(r.features.map((f) => f.name))) docs.set(name, (docs.get(name) ?? 0) + 1);
  const names = [...docs.entries()]
    .filter(([n, c]) => c >= opts.minDocs || n.startsWith('r'))
    .map(([n]) => n)
    .sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const X = rows.map((r) => r.features.filter((f) => index.has(f.name)).map((f) => [index.get(f.name)!, f.value] as const));
  const Y = rows.map((r) => INTENTS.indexOf(r.intent));
  const F = names.length;
  const W = new Float64Array((F + 1) * K); // last row is the bias
  const m = new Float64Array(W.length);
  const v = new Float64Array(W.length);
  const g = new Float64Array(W.length);
  const n = rows.length;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const z = new Float64Array(K);
      for (let k = 0; k < K; k++) z[k] = W[F * K + k];
      for (const [j, x] of X[i]) for (let k = 0; k < K; k++) z[k] += W[j * K + k] * x;
      const p = softmax(z);
      p[Y[i]] -= 1;
      for (let k = 0; k < K; k++) g[F * K + k] += p[k] / n;
      for (const [j, x] of X[i]) for (let k = 0; k < K; k++) g[j * K + k] += (p[k] * x) / n;
    }
    for (let j = 0; j < F * K; j++) g[j] += opts.l2 * W[j];
    const b1 = 0.9;
    const b2 = 0.999;
    for (let j = 0; j < W.length; j++) {
      m[j] = b1 * m[j] + (1 - b1) * g[j];
      v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      const mh = m[j] / (1 - b1 ** epoch);
      const vh = v[j] / (1 - b2 ** epoch);
      W[j] -= (opts.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const features: string[] = [];
  const weights: number[] = [];
  for (const [name, j] of index) {
    const w = Array.from({ length: K }, (_, k) => round(W[j * K + k]));
    if (!w.some((x) => x !== 0)) continue;
    features.push(name);
    weights.push(...w);
  }
  return { bias: Array.from({ length: K }, (_, k) => round(W[F * K + k])), features, weights };
}

/**
 * Platt scaling per intent on held-out answers (the intent answered, its softmax probability, right or
 * wrong), each intent's (a, b) pulled toward one global fit so an intent with few answers stays sane.
 */
export function fitCalibration(answers: { intent: Intent; p: number; correct: boolean }[]): {
  global: [number, number];
  perIntent: Record<string, [number, number]>;
} {
  const fit = (rows: typeof answers, prior: [number, number] | null, strength: number): [number, number] => {
    let a = prior ? prior[0] : 1;
    let b = prior ? prior[1] : 0;
    for (let it = 0; it < 2000; it++) {
      let ga = 0;
      let gb = 0;
      for (const r of rows) {
        const x = logit(r.p);
        const q = sigmoid(a * x + b) - (r.correct ? 1 : 0);
        ga += q * x;
        gb += q;
      }
      if (prior) {
        ga += strength * (a - prior[0]);
        gb += strength * (b - prior[1]);
      }
      const step = 0.5 / Math.max(1, rows.length);
      a -= step * ga;
      b -= step * gb;
    }
    return [Math.round(a * 1000) / 1000, Math.round(b * 1000) / 1000];
  };
  const global = fit(answers, null, 0);
  const perIntent: Record<string, [number, number]> = {};
  for (const i of INTENTS)
    perIntent[i] = fit(
      answers.filter((r) => r.intent === i),
      global,
      3,
    );
  return { global, perIntent };
}
