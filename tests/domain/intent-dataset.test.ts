import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '@/lib/domain/intent/classify';
import { intentMetrics } from '@/lib/domain/intent/metrics';
import { trainWordModel } from '@/lib/domain/intent/word-model';
import wordModel from '@/lib/domain/intent/word-model.json';
import { INTENTS, type Intent } from '@/lib/domain/types';

// Four hand-written labelled sets, each by a writer who never saw the rules:
// - intents.jsonl (480), intents-dev.jsonl (240) and intents-dev2.jsonl (240): the rules were tuned on
//   them and the word model is trained on them, so their scores are training scores;
// - intents-holdout.jsonl (200, another writer, a different voice, ~10% non-English): never trained
//   on and only ever scored in aggregate, the honest estimate for unseen text (0.880 when the bar
//   below was set).
const load = (name: string) =>
  fs
    .readFileSync(path.join(import.meta.dirname, '../fixtures', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; intent: Intent });
const macroF1 = (name: string) => intentMetrics(load(name).map((r) => ({ expected: r.intent, got: classifyIntent({ text: r.text }).intent })));

describe('intent classifier on the labelled sets', () => {
  it('the sets are large and balanced', () => {
    const rows = load('intents.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(400);
    for (const i of INTENTS) expect(rows.filter((r) => r.intent === i).length, i).toBeGreaterThanOrEqual(45);
    for (const name of ['intents-dev.jsonl', 'intents-dev2.jsonl', 'intents-holdout.jsonl']) {
      const other = load(name);
      for (const i of INTENTS) expect(other.filter((r) => r.intent === i).length, `${name} ${i}`).toBeGreaterThanOrEqual(25);
    }
  });

  it('reaches macro-F1 ≥ 0.9 on the main and dev sets', () => {
    for (const name of ['intents.jsonl', 'intents-dev.jsonl', 'intents-dev2.jsonl']) {
      const m = macroF1(name);
      expect(m.macroF1, `${name}: ${JSON.stringify(m.confusions.slice(0, 5))}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('keeps macro-F1 ≥ 0.85 on the holdout set', () => {
    const m = macroF1('intents-holdout.jsonl');
    expect(m.macroF1, JSON.stringify(m.confusions.slice(0, 5))).toBeGreaterThanOrEqual(0.85);
  });

  it('ships a word model trained on exactly the main and dev sets (run `npm run -s train-words` after editing them)', () => {
    const trained = trainWordModel([...load('intents.jsonl'), ...load('intents-dev.jsonl'), ...load('intents-dev2.jsonl')]);
    expect(trained.trainedOn).toBe(wordModel.trainedOn);
    expect(trained).toEqual(wordModel);
  });
});
