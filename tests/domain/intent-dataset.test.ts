import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '@/lib/domain/intent/classify';
import { intentMetrics } from '@/lib/domain/intent/metrics';
import { buildModelFile, CALIBRATION_SETS, TRAINING_SETS } from '@/lib/domain/intent/train';
import shipped from '@/lib/domain/intent/intent-model.json';
import { INTENTS, type Intent } from '@/lib/domain/types';

// Hand-written labelled sets (see tests/fixtures/intents-LABELLING.md):
// - intents.jsonl (480), intents-dev.jsonl (240), intents-dev2.jsonl (240) and intents-new-dev.jsonl (257):
//   the rules were tuned on them and the learned weights are trained on them, so their scores are
//   training scores;
// - intents-holdout.jsonl (200) and intents-new-calib.jsonl (114): never trained on; they calibrate the
//   confidence;
// - intents-new-test.jsonl (281): the blind test set, never trained, tuned or calibrated on. Scored blind
//   once before any tuning (intents-new-BLIND.md); the bar below is set under its measured score.
const load = (name: string) =>
  fs
    .readFileSync(path.join(import.meta.dirname, '../fixtures', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; intent: Intent });
const macroF1 = (name: string) =>
  intentMetrics(load(name).map((r) => ({ expected: r.intent, got: classifyIntent({ text: r.text }).intent })));

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

  it('keeps macro-F1 ≥ 0.85 on the blind test set and the calibration split', () => {
    for (const name of ['intents-new-test.jsonl', 'intents-new-calib.jsonl']) {
      const m = macroF1(name);
      expect(m.macroF1, `${name}: ${JSON.stringify(m.confusions.slice(0, 5))}`).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('never trains or calibrates on the blind test set, and never trains on what calibrates', () => {
    expect(TRAINING_SETS).not.toContain('intents-new-test.jsonl');
    expect(CALIBRATION_SETS).not.toContain('intents-new-test.jsonl');
    for (const s of CALIBRATION_SETS) expect(TRAINING_SETS).not.toContain(s);
  });

  it('ships weights and calibration trained on exactly the labelled sets (run `npm run -s train-intents` after editing them)', () => {
    const trained = buildModelFile(load);
    expect(trained.trainedOn).toBe(shipped.trainedOn);
    expect(trained.features).toEqual(shipped.features);
    // Rounded to 0.001 when written; allow one step of rounding either way.
    const off = trained.weights.findIndex((w, i) => Math.abs(w - shipped.weights[i]) > 0.0015);
    expect(off, `weight ${off} of feature ${trained.features[Math.floor(off / 8)]}`).toBe(-1);
    expect(trained.bias.map((b, i) => Math.abs(b - shipped.bias[i]) <= 0.0015)).toEqual(trained.bias.map(() => true));
    expect(trained.calibration.calibratedOn).toBe(shipped.calibration.calibratedOn);
    for (const [intent, ab] of Object.entries(trained.calibration.perIntent)) {
      const s = (shipped.calibration.perIntent as Record<string, number[]>)[intent];
      expect(Math.abs(ab[0] - s[0]) + Math.abs(ab[1] - s[1]), intent).toBeLessThanOrEqual(0.003);
    }
  }, 60_000);
});
