import { INTENTS, type Intent } from '../types';
import { normalizeForMatching, stripQuotedAndSignature } from './normalize';
import MODEL from './word-model.json';

// The fallback for when no rule is sure: word and word-pair statistics from the labelled messages
// (naive Bayes over which words appear). It knows vocabulary the rules don't, but it has no notion
// of negation or order, so it only ever decides what the rules left open, and below the confidence
// at which a configured LLM is asked anyway. Rebuild with `npm run -s train-words` after
// changing the labelled sets; the holdout set is never used for training.

export interface WordModel {
  trainedOn: number; // messages
  intents: Intent[];
  // token → log P(token appears | intent), in the order of `intents`
  logProbs: Record<string, number[]>;
}

const model = MODEL as WordModel;
// The best intent must be e² ≈ 7 times likelier than the runner-up: one stray "hello" decides nothing.
const MIN_MARGIN = 2;

/** Lower-case words (accents folded) and adjacent word pairs, each once. */
export function wordTokens(body: string): string[] {
  const words = normalizeForMatching(body)
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
  const out = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]}_${words[i + 1]}`);
  return [...out];
}

export interface WordGuess {
  intent: Intent;
  margin: number; // log-odds of the best intent over the runner-up
  evidence: string[]; // the tokens that pushed hardest toward it
  trainedOn: number;
}

/** Null when the message shares no known word with the labelled sets, or the words don't lean clearly. */
export function guessByWords(body: string): WordGuess | null {
  const scores = new Array<number>(model.intents.length).fill(0);
  const seen: { token: string; lp: number[] }[] = [];
  for (const t of wordTokens(body)) {
    const lp = model.logProbs[t];
    if (!lp) continue;
    seen.push({ token: t, lp });
    for (let i = 0; i < scores.length; i++) scores[i] += lp[i];
  }
  if (seen.length === 0) return null;
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const best = order[0][1];
  const runnerUp = order[1][1];
  const evidence = seen
    .map((s) => ({ token: s.token.replace('_', ' '), lift: s.lp[best] - s.lp[runnerUp] }))
    .sort((a, b) => b.lift - a.lift)
    .slice(0, 3)
    .map((e) => e.token);
  const margin = order[0][0] - order[1][0];
  if (margin < MIN_MARGIN) return null;
  return { intent: model.intents[best], margin, evidence, trainedOn: model.trainedOn };
}

/** Word and word-pair statistics of labelled messages; keeps tokens seen in at least two messages. */
export function trainWordModel(rows: { text: string; intent: Intent }[]): WordModel {
  const docs = new Map<Intent, number>(INTENTS.map((i) => [i, 0]));
  const counts = new Map<string, Map<Intent, number>>();
  for (const r of rows) {
    docs.set(r.intent, docs.get(r.intent)! + 1);
    for (const t of wordTokens(stripQuotedAndSignature(r.text))) {
      const c = counts.get(t) ?? new Map<Intent, number>();
      c.set(r.intent, (c.get(r.intent) ?? 0) + 1);
      counts.set(t, c);
    }
  }
  const logProbs: Record<string, number[]> = {};
  for (const [t, c] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if ([...c.values()].reduce((a, b) => a + b, 0) < 2) continue;
    // add-half smoothing, rounded so the file stays small and stable
    logProbs[t] = INTENTS.map((i) => Math.round(Math.log(((c.get(i) ?? 0) + 0.5) / (docs.get(i)! + 1)) * 1000) / 1000);
  }
  return { trainedOn: rows.length, intents: [...INTENTS], logProbs };
}
