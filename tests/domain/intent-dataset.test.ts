import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '@/lib/domain/intent/classify';
import { intentMetrics } from '@/lib/domain/intent/metrics';
import { INTENTS, type Intent } from '@/lib/domain/types';

// Both labelled sets were written by hand without looking at the rules. The rules were tuned on the
// main set; the holdout (another writer, a different voice, ~10% non-English) was only ever scored in
// aggregate, so it is the honest estimate for unseen text: 0.82 when this bar was set just below it.
const load = (name: string) =>
  fs
    .readFileSync(path.join(import.meta.dirname, '../fixtures', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; intent: Intent });

describe('rules classifier on the labelled sets', () => {
  it('the main set is large and balanced', () => {
    const rows = load('intents.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(400);
    for (const i of INTENTS) expect(rows.filter((r) => r.intent === i).length, i).toBeGreaterThanOrEqual(45);
  });

  it('reaches macro-F1 ≥ 0.9 on the main set with the rules alone', () => {
    const m = intentMetrics(load('intents.jsonl').map((r) => ({ expected: r.intent, got: classifyIntent({ text: r.text }).intent })));
    expect(m.macroF1, JSON.stringify(m.confusions.slice(0, 5))).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps macro-F1 ≥ 0.80 on the holdout set', () => {
    const m = intentMetrics(load('intents-holdout.jsonl').map((r) => ({ expected: r.intent, got: classifyIntent({ text: r.text }).intent })));
    expect(m.macroF1, JSON.stringify(m.confusions.slice(0, 5))).toBeGreaterThanOrEqual(0.8);
  });
});
